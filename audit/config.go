package audit

import (
	"bytes"
	"encoding/json"
	"os"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
)

// Config holds the thresholds of the audit rules. The zero value is not
// useful: start from Defaults.
type Config struct {
	// LowExecution is the execution rate, in percent, below which a funds
	// line gets a low-execution warning (docs/domain.md §9: 80).
	LowExecution decimal.Decimal `json:"low_execution_percent"`
}

// Defaults returns the thresholds of docs/domain.md §9.
func Defaults() Config {
	return Config{LowExecution: decimal.NewFromInt(80)}
}

// LoadConfig reads a JSON config file over the defaults:
// {"low_execution_percent": 85}. Absent keys keep their default.
func LoadConfig(path string) (Config, error) {
	cfg := Defaults()
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, &jixiao.Error{Kind: jixiao.KindInvalid, Message: "无法读取配置文件 " + path + "，请检查路径", Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return cfg, &jixiao.Error{Kind: jixiao.KindInvalid, Message: "配置文件 " + path + " 格式有误（应为 JSON，如 {\"low_execution_percent\": 80}）", Err: err}
	}
	return cfg, cfg.Validate()
}

// Validate checks that thresholds are in range.
func (c Config) Validate() error {
	if c.LowExecution.IsNegative() || c.LowExecution.GreaterThan(decimal.NewFromInt(100)) {
		return jixiao.Invalid("低执行率阈值应在 0 到 100 之间（当前为 %s）", c.LowExecution)
	}
	return nil
}
