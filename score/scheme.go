// Package score scores a judged self-evaluation form under a scoring scheme
// (评分方案) given as data, checks the scores a form declares (分值/得分, 总分,
// 自评等级), and ranks the region forms of one program and year.
//
// A scheme is a small JSON file (docs/scoring.md). Two are built in:
// mof-2020 (the default: budget execution 10, 产出 50 / 效益 30 / 满意度 10)
// and example-40-40 (产出 40 / 效益 40). Every number of a scheme is a
// parameter; the code holds none of them.
//
// All arithmetic is exact (shopspring/decimal); results are rounded to two
// places only when they are shown.
package score

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
)

// DefaultScheme is the name of the built-in default scheme.
const DefaultScheme = "mof-2020"

// Cost-overrun methods: how a ≤ row (a cost cap) scores when the actual
// exceeds the target.
const (
	OverrunRatio     = "ratio"   // target ÷ actual × weight
	OverrunDeduction = "overrun" // (1 − (actual − target) ÷ target) × weight, at least 0
)

// Scheme is a scoring scheme. Build one with Load, Parse or Builtin: they
// validate it.
type Scheme struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	// ExecutionPoints is the weight of budget execution: min(B/A, 1) × points
	// on the total funds line.
	ExecutionPoints decimal.Decimal `json:"execution_points"`
	// Groups give the points of each level-1 group, shared equally among
	// its level-3 rows.
	Groups []Group `json:"groups"`
	// UseFormWeights: when the form gives 分值 per row, use them instead of
	// the equal shares.
	UseFormWeights bool `json:"use_form_weights"`
	// CostOverrun is OverrunRatio or OverrunDeduction.
	CostOverrun string `json:"cost_overrun"`
	// LateDeductionPerMonth is the share of a deadline row's weight lost
	// per month (begun) late, in percent; 0 means a missed deadline scores 0.
	LateDeductionPerMonth decimal.Decimal `json:"late_deduction_per_month_percent"`
	// OverAchievementPercent: a met ≥ row whose actual reaches this share of
	// its target, without an explanation, is a target-too-low warning; 0
	// turns the rule off.
	OverAchievementPercent decimal.Decimal `json:"over_achievement_percent"`
	// NotApplicable are the cell texts that mark an indicator as not
	// applicable (target or actual): the row is dropped and the rest
	// rescaled to full marks.
	NotApplicable []string `json:"not_applicable"`
	// UseDeclaredWhenUnscored: a row the rules cannot score (qualitative
	// without a band, unreadable) takes the form's declared 得分 when there is
	// one between 0 and its weight.
	UseDeclaredWhenUnscored bool `json:"use_declared_when_unscored"`
	// ScoreTolerance is how far, in points, a declared score may be from the
	// computed one (besides rounding or truncation at its own precision).
	ScoreTolerance decimal.Decimal `json:"score_tolerance"`
	// ExecutionCaps cap the total by the execution rate (a provincial rule);
	// empty means no cap.
	ExecutionCaps []Cap `json:"execution_caps"`
	// Grades from the highest minimum down; the last has minimum 0.
	Grades []Grade `json:"grades"`

	naKeys []string // NotApplicable folded (jixiao.Key, lower case)
	naMax  int      // longest of naKeys in bytes
}

// Group is a level-1 indicator group and its points.
type Group struct {
	Level1 string          `json:"level1"` // taxonomy name: 产出指标, 效益指标, 满意度指标
	Points decimal.Decimal `json:"points"`
}

// Cap limits the total when the execution rate is below BelowPercent.
type Cap struct {
	BelowPercent decimal.Decimal `json:"below_percent"`
	MaxTotal     decimal.Decimal `json:"max_total"`
}

// Grade is a grade and the lowest total that earns it.
type Grade struct {
	Grade string          `json:"grade"`
	Min   decimal.Decimal `json:"min"`
}

// FullMarks is the total of the scheme: execution plus the groups (100).
func (s *Scheme) FullMarks() decimal.Decimal {
	t := s.ExecutionPoints
	for _, g := range s.Groups {
		t = t.Add(g.Points)
	}
	return t
}

// GradeOf returns the grade of a total.
func (s *Scheme) GradeOf(total decimal.Decimal) string {
	for _, g := range s.Grades {
		if total.GreaterThanOrEqual(g.Min) {
			return g.Grade
		}
	}
	if len(s.Grades) > 0 {
		return s.Grades[len(s.Grades)-1].Grade
	}
	return ""
}

// group returns the points of a level-1 group, and whether the scheme has it.
func (s *Scheme) group(level1 string) (decimal.Decimal, bool) {
	for _, g := range s.Groups {
		if g.Level1 == level1 {
			return g.Points, true
		}
	}
	return decimal.Decimal{}, false
}

//go:embed schemes/*.json
var builtinFS embed.FS

// Names lists the built-in schemes.
func Names() []string {
	entries, _ := builtinFS.ReadDir("schemes")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(out)
	return out
}

// Builtin returns a built-in scheme by name.
func Builtin(name string) (*Scheme, error) {
	data, err := builtinFS.ReadFile("schemes/" + name + ".json")
	if err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindNotFound,
			Message: fmt.Sprintf("没有名为“%s”的内置评分方案（内置方案：%s）", name, strings.Join(Names(), "、"))}
	}
	s, err := Parse(name+".json", data)
	if err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInternal, Message: "内置评分方案 " + name + " 有误", Err: err}
	}
	return s, nil
}

// Default returns the default scheme, mof-2020.
func Default() *Scheme {
	s, err := Builtin(DefaultScheme)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return s
}

// Resolve returns the scheme a command line names: "" is the default, an
// existing file is loaded, otherwise a built-in name.
func Resolve(arg string) (*Scheme, error) {
	if arg == "" {
		return Default(), nil
	}
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		return Load(arg)
	}
	if !strings.ContainsAny(arg, `/\.`) {
		return Builtin(arg)
	}
	return Load(arg)
}

// Load reads a scheme file.
func Load(path string) (*Scheme, error) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, &jixiao.Error{Kind: jixiao.KindNotFound, Message: "评分方案文件 " + path + " 不存在，请检查路径（内置方案：" + strings.Join(Names(), "、") + "）", Err: err}
	case err != nil:
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: "无法读取评分方案文件 " + path, Err: err}
	case len(data) > 1<<20:
		return nil, jixiao.Invalid("评分方案文件 %s 超过 1 MB，不像评分方案", path)
	}
	s, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	return s, nil
}

// file is the JSON form of a scheme: numbers are kept as written so that
// they convert to exact decimals, and absent keys can be told apart.
type file struct {
	Name                    *string          `json:"name"`
	Title                   *string          `json:"title"`
	ExecutionPoints         *number          `json:"execution_points"`
	Groups                  *[]fileGroup     `json:"groups"`
	UseFormWeights          *bool            `json:"use_form_weights"`
	CostOverrun             *string          `json:"cost_overrun"`
	LateDeductionPerMonth   *number          `json:"late_deduction_per_month_percent"`
	OverAchievementPercent  *number          `json:"over_achievement_percent"`
	NotApplicable           *[]string        `json:"not_applicable"`
	UseDeclaredWhenUnscored *bool            `json:"use_declared_when_unscored"`
	ScoreTolerance          *number          `json:"score_tolerance"`
	ExecutionCaps           *[]fileCap       `json:"execution_caps"`
	Grades                  *[]fileGrade     `json:"grades"`
	Comment                 *json.RawMessage `json:"comment"`
}

// number is a JSON number kept as written, so that it converts to an
// exact decimal. Anything else is an *json.UnmarshalTypeError, which the
// decoder annotates with the field's name.
type number string

func (n *number) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "" || !(s[0] == '-' || s[0] >= '0' && s[0] <= '9') {
		return &json.UnmarshalTypeError{Value: s, Type: reflect.TypeFor[number]()}
	}
	*n = number(s)
	return nil
}

func (n number) String() string { return string(n) }

type fileGroup struct {
	Level1 *string `json:"level1"`
	Points *number `json:"points"`
}

type fileCap struct {
	BelowPercent *number `json:"below_percent"`
	MaxTotal     *number `json:"max_total"`
}

type fileGrade struct {
	Grade *string `json:"grade"`
	Min   *number `json:"min"`
}

// Parse reads a scheme from JSON; name is the file name used in messages.
func Parse(name string, data []byte) (*Scheme, error) {
	bad := func(format string, args ...any) error {
		return jixiao.Invalid("评分方案 %s：%s（格式见 docs/scoring.md）", name, fmt.Sprintf(format, args...))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, bad("%s", jsonError(data, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, bad("JSON 对象结束后还有多余内容")
	}

	s := &Scheme{
		CostOverrun:             OverrunRatio,
		OverAchievementPercent:  decimal.NewFromInt(130),
		NotApplicable:           []string{"不适用", "不涉及", "N/A", "NA", "无此项", "本年度不涉及"},
		UseFormWeights:          true,
		UseDeclaredWhenUnscored: true,
		ScoreTolerance:          decimal.New(1, -2),
	}
	num := func(field string, n *number, min, max *decimal.Decimal) (decimal.Decimal, error) {
		d, err := decimal.NewFromString(n.String())
		if err != nil {
			return d, bad("字段“%s”应为数值（当前为 %s）", field, n.String())
		}
		if min != nil && d.LessThan(*min) || max != nil && d.GreaterThan(*max) {
			switch {
			case min != nil && max != nil:
				return d, bad("字段“%s”应在 %s 到 %s 之间（当前为 %s）", field, min, max, d)
			case min != nil:
				return d, bad("字段“%s”不能小于 %s（当前为 %s）", field, min, d)
			default:
				return d, bad("字段“%s”不能大于 %s（当前为 %s）", field, max, d)
			}
		}
		return d, nil
	}
	zero, hundred := decimal.Zero, decimal.NewFromInt(100)
	var err error

	if f.Name != nil {
		s.Name = strings.TrimSpace(*f.Name)
	}
	if f.Title != nil {
		s.Title = strings.TrimSpace(*f.Title)
	}
	if f.ExecutionPoints == nil {
		return nil, bad("缺少字段“execution_points”（预算执行的分值，如 10）")
	}
	if s.ExecutionPoints, err = num("execution_points", f.ExecutionPoints, &zero, &hundred); err != nil {
		return nil, err
	}
	if f.Groups == nil || len(*f.Groups) == 0 {
		return nil, bad("缺少字段“groups”（各一级指标的分值，如 [{\"level1\": \"产出指标\", \"points\": 50}]）")
	}
	seen := map[string]bool{}
	for i, g := range *f.Groups {
		field := fmt.Sprintf("groups[%d]", i)
		if g.Level1 == nil || strings.TrimSpace(*g.Level1) == "" {
			return nil, bad("字段“%s.level1”缺失或为空", field)
		}
		l1, ok := jixiao.NormalizeLevel1(*g.Level1)
		if !ok {
			return nil, bad("字段“%s.level1”的“%s”不是一级指标名称，应为 产出指标、效益指标、满意度指标（或财预〔2020〕10号的 决策、过程）", field, *g.Level1)
		}
		if seen[l1] {
			return nil, bad("一级指标“%s”在 groups 中出现了两次", l1)
		}
		seen[l1] = true
		if g.Points == nil {
			return nil, bad("字段“%s.points”缺失", field)
		}
		p, err := num(field+".points", g.Points, &zero, &hundred)
		if err != nil {
			return nil, err
		}
		s.Groups = append(s.Groups, Group{Level1: l1, Points: p})
	}
	if !s.FullMarks().Equal(hundred) {
		parts := []string{"预算执行 " + s.ExecutionPoints.String()}
		for _, g := range s.Groups {
			parts = append(parts, g.Level1+" "+g.Points.String())
		}
		return nil, bad("各项分值合计应为 100，当前为 %s（%s）", s.FullMarks(), strings.Join(parts, " + "))
	}
	if f.UseFormWeights != nil {
		s.UseFormWeights = *f.UseFormWeights
	}
	if f.CostOverrun != nil {
		s.CostOverrun = strings.TrimSpace(*f.CostOverrun)
		if s.CostOverrun != OverrunRatio && s.CostOverrun != OverrunDeduction {
			return nil, bad("字段“cost_overrun”应为 \"ratio\"（目标 ÷ 实际 × 分值）或 \"overrun\"（(1 − 超支比例) × 分值），当前为 %q", *f.CostOverrun)
		}
	}
	if f.LateDeductionPerMonth != nil {
		if s.LateDeductionPerMonth, err = num("late_deduction_per_month_percent", f.LateDeductionPerMonth, &zero, &hundred); err != nil {
			return nil, err
		}
	}
	if f.OverAchievementPercent != nil {
		if s.OverAchievementPercent, err = num("over_achievement_percent", f.OverAchievementPercent, &zero, nil); err != nil {
			return nil, err
		}
		if s.OverAchievementPercent.IsPositive() && s.OverAchievementPercent.LessThanOrEqual(hundred) {
			return nil, bad("字段“over_achievement_percent”应大于 100（如 130），或为 0 表示不检查（当前为 %s）", s.OverAchievementPercent)
		}
	}
	if f.NotApplicable != nil {
		s.NotApplicable = nil
		for i, w := range *f.NotApplicable {
			if strings.TrimSpace(w) == "" {
				return nil, bad("字段“not_applicable[%d]”为空", i)
			}
			s.NotApplicable = append(s.NotApplicable, strings.TrimSpace(w))
		}
	}
	if f.UseDeclaredWhenUnscored != nil {
		s.UseDeclaredWhenUnscored = *f.UseDeclaredWhenUnscored
	}
	if f.ScoreTolerance != nil {
		one := decimal.NewFromInt(1)
		if s.ScoreTolerance, err = num("score_tolerance", f.ScoreTolerance, &zero, &one); err != nil {
			return nil, err
		}
	}
	if f.ExecutionCaps != nil {
		for i, c := range *f.ExecutionCaps {
			field := fmt.Sprintf("execution_caps[%d]", i)
			if c.BelowPercent == nil || c.MaxTotal == nil {
				return nil, bad("字段“%s”应同时给出 below_percent（执行率低于该百分比）和 max_total（总分上限）", field)
			}
			var cp Cap
			if cp.BelowPercent, err = num(field+".below_percent", c.BelowPercent, &zero, &hundred); err != nil {
				return nil, err
			}
			if cp.MaxTotal, err = num(field+".max_total", c.MaxTotal, &zero, &hundred); err != nil {
				return nil, err
			}
			s.ExecutionCaps = append(s.ExecutionCaps, cp)
		}
	}
	if f.Grades == nil || len(*f.Grades) == 0 {
		return nil, bad("缺少字段“grades”（等级及其最低分，如 [{\"grade\": \"优\", \"min\": 90}, …, {\"grade\": \"差\", \"min\": 0}]）")
	}
	names := map[string]bool{}
	for i, g := range *f.Grades {
		field := fmt.Sprintf("grades[%d]", i)
		if g.Grade == nil || strings.TrimSpace(*g.Grade) == "" {
			return nil, bad("字段“%s.grade”缺失或为空", field)
		}
		if g.Min == nil {
			return nil, bad("字段“%s.min”缺失", field)
		}
		name := strings.TrimSpace(*g.Grade)
		if names[name] {
			return nil, bad("等级“%s”出现了两次", name)
		}
		names[name] = true
		m, err := num(field+".min", g.Min, &zero, &hundred)
		if err != nil {
			return nil, err
		}
		s.Grades = append(s.Grades, Grade{Grade: name, Min: m})
	}
	s.foldNotApplicable()
	sort.SliceStable(s.Grades, func(i, j int) bool { return s.Grades[i].Min.GreaterThan(s.Grades[j].Min) })
	for i := 1; i < len(s.Grades); i++ {
		if s.Grades[i].Min.Equal(s.Grades[i-1].Min) {
			return nil, bad("等级“%s”和“%s”的最低分相同（%s）", s.Grades[i-1].Grade, s.Grades[i].Grade, s.Grades[i].Min)
		}
	}
	if last := s.Grades[len(s.Grades)-1]; !last.Min.IsZero() {
		return nil, bad("最低一档等级“%s”的 min 应为 0，否则低于 %s 分的表没有等级", last.Grade, last.Min)
	}
	return s, nil
}

// jsonError turns a decoding error into Chinese naming the field or line.
func jsonError(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("第 %d 行 JSON 语法有误（%s）", lineOf(data, syn.Offset), syn.Error())
	case errors.As(err, &typ):
		kinds := map[string]string{"string": "文本", "bool": " true 或 false", "number": "数值", "slice": "数组", "struct": "对象", "array": "数组", "object": "对象"}
		want := kinds[typ.Type.Name()]
		if want == "" {
			want = kinds[typ.Type.Kind().String()]
		}
		if want == "" {
			want = typ.Type.String()
		}
		got := typ.Value
		if k, ok := kinds[got]; ok {
			got = k
		}
		return fmt.Sprintf("字段“%s”应为%s（当前为 %s，第 %d 行）", typ.Field, want, got, lineOf(data, typ.Offset))
	case errors.Is(err, io.EOF):
		return "文件为空"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "JSON 不完整（括号或引号没有闭合）"
	}
	msg := err.Error()
	if i := strings.Index(msg, "unknown field "); i >= 0 {
		field := strings.Trim(msg[i+len("unknown field "):], `"`)
		return fmt.Sprintf("未知字段“%s”（字段名区分大小写）", field)
	}
	return msg
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// foldNotApplicable prepares the not-applicable words for comparison.
func (s *Scheme) foldNotApplicable() {
	s.naKeys, s.naMax = nil, 0
	for _, w := range s.NotApplicable {
		k := strings.ToLower(jixiao.Key(w))
		s.naKeys = append(s.naKeys, k)
		s.naMax = max(s.naMax, len(k))
	}
}
