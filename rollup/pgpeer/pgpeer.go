// Package pgpeer is the SQL peer of package rollup: what a user would
// otherwise pick to aggregate self-evaluation figures up the region tree.
// It loads the numbers of a generated data set (gen.Set) into PostgreSQL,
// one row per unit, indicator, part and side, and aggregates them with
// GROUP BY ROLLUP (province, city, county): sums for absolute values and
// sum(w·v)/sum(w) over numeric (never float) for weighted ones.
//
// It exists for the scale benchmark and for the test that rollup's figures
// equal PostgreSQL's (rollup/scale_test.go). Nothing in the jixiao binary
// imports it, so the PostgreSQL driver never reaches the binary.
package pgpeer

import (
	"context"
	"fmt"
	"math/big"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/gen"
)

// Schema is the peer's two tables: the values of the indicators, each with
// its unit's weight (total annual budget A, 万元), and the funds lines.
const Schema = `
DROP TABLE IF EXISTS vals;
DROP TABLE IF EXISTS funds;
CREATE TABLE vals (
	province text    NOT NULL,
	city     text    NOT NULL,
	county   text    NOT NULL,
	key      text    NOT NULL, -- 产出指标/数量指标/指标1
	part     int     NOT NULL, -- composite part, from 0
	side     text    NOT NULL, -- target | actual
	kind     text    NOT NULL, -- sum | weighted | ontime
	value    numeric NOT NULL, -- 元 for money, 97 for 97%, 1/0 on time
	weight   numeric NOT NULL  -- the unit's 全年预算数（A）, 万元
);
CREATE TABLE funds (
	province text    NOT NULL,
	city     text    NOT NULL,
	county   text    NOT NULL,
	source   text    NOT NULL, -- total | central | local | other
	a        numeric NOT NULL, -- 全年预算数, 万元
	b        numeric NOT NULL  -- 全年执行数, 万元
);`

// ValuesQuery aggregates the values at every level of the region tree.
// level is 3 for a county, 2 a city, 1 a province, 0 the nation.
const ValuesQuery = `
SELECT 3 - grouping(county) - grouping(city) - grouping(province) AS level,
       coalesce(province, ''), coalesce(city, ''), coalesce(county, ''),
       key, part, side, kind,
       coalesce(sum(value) FILTER (WHERE kind <> 'weighted'), 0)     AS total,
       coalesce(sum(weight * value) FILTER (WHERE kind = 'weighted'), 0) AS numerator,
       coalesce(sum(weight) FILTER (WHERE kind = 'weighted'), 0)         AS denominator,
       sum(weight * value) FILTER (WHERE kind = 'weighted')
         / nullif(sum(weight) FILTER (WHERE kind = 'weighted'), 0)       AS average,
       count(*) AS units
FROM vals
GROUP BY ROLLUP (province, city, county), key, part, side, kind`

// FundsQuery sums budgets and executed amounts per source at every level.
const FundsQuery = `
SELECT 3 - grouping(county) - grouping(city) - grouping(province) AS level,
       coalesce(province, ''), coalesce(city, ''), coalesce(county, ''),
       source, sum(a), sum(b), count(*)
FROM funds
GROUP BY ROLLUP (province, city, county), source`

// Peer is a connection to a database holding (or about to hold) the values.
type Peer struct {
	conn *pgx.Conn
}

// Open connects to the database of the DSN.
func Open(ctx context.Context, dsn string) (*Peer, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return &Peer{conn: conn}, nil
}

// Close closes the connection.
func (p *Peer) Close(ctx context.Context) error { return p.conn.Close(ctx) }

// Conn is the underlying connection, for ad-hoc queries.
func (p *Peer) Conn() *pgx.Conn { return p.conn }

// Load (re)creates the tables and copies the data set into them: every
// value of gen.Set.Values with its unit's weight (total budget A) and every
// funds line of every form. It ends with ANALYZE, as a user preparing a
// query would.
func (p *Peer) Load(ctx context.Context, s *gen.Set) error {
	if _, err := p.conn.Exec(ctx, Schema); err != nil {
		return fmt.Errorf("pgpeer: schema: %w", err)
	}
	type place struct {
		province, city, county string
		weight                 pgtype.Numeric
	}
	places := make(map[string]place, len(s.Codes))
	var funds [][]any
	for i, code := range s.Codes {
		f := s.Forms[i]
		total := f.Funds.TotalLine()
		if total == nil || !total.Budget.Valid {
			return fmt.Errorf("pgpeer: %s has no total budget to weight by", f.Header.Region)
		}
		if f.Funds.Unit != "万元" {
			return fmt.Errorf("pgpeer: %s: funds in %s, want 万元", f.Header.Region, f.Funds.Unit)
		}
		pl := place{
			province: s.Tree.Ancestor(code, gen.LevelProvince),
			city:     s.Tree.Ancestor(code, gen.LevelCity),
			county:   code,
			weight:   Numeric(total.Budget.Value),
		}
		places[code] = pl
		for _, l := range f.Funds.Lines {
			funds = append(funds, []any{pl.province, pl.city, pl.county, string(l.Role),
				Numeric(l.Budget.Value), Numeric(l.Executed.Value)})
		}
	}
	vals := make([][]any, len(s.Values))
	for i, v := range s.Values {
		pl, ok := places[v.County]
		if !ok {
			return fmt.Errorf("pgpeer: value of unknown county %s", v.County)
		}
		vals[i] = []any{pl.province, pl.city, pl.county, v.Key, int32(v.Part), string(v.Side), string(v.Kind), Numeric(v.Value), pl.weight}
	}
	if _, err := p.conn.CopyFrom(ctx, pgx.Identifier{"vals"},
		[]string{"province", "city", "county", "key", "part", "side", "kind", "value", "weight"}, pgx.CopyFromRows(vals)); err != nil {
		return fmt.Errorf("pgpeer: copy vals: %w", err)
	}
	if _, err := p.conn.CopyFrom(ctx, pgx.Identifier{"funds"},
		[]string{"province", "city", "county", "source", "a", "b"}, pgx.CopyFromRows(funds)); err != nil {
		return fmt.Errorf("pgpeer: copy funds: %w", err)
	}
	if _, err := p.conn.Exec(ctx, "ANALYZE vals; ANALYZE funds"); err != nil {
		return fmt.Errorf("pgpeer: analyze: %w", err)
	}
	return nil
}

// Row is one aggregated value: a region (codes below its level are empty),
// an indicator part and side, and its figures.
type Row struct {
	Level                  int // gen.LevelNation … gen.LevelCounty
	Province, City, County string
	Key                    string
	Part                   int
	Side                   gen.Side
	Kind                   gen.Kind
	// Sum is Σv for sum and ontime values (units on time).
	Sum decimal.Decimal
	// Numerator Σ(w·v) and Denominator Σw for weighted values.
	Numerator, Denominator decimal.Decimal
	// Average is Σ(w·v)/Σw as PostgreSQL's numeric division gives it
	// (weighted values with Σw ≠ 0).
	Average *decimal.Decimal
	// Units counts the units (rows) aggregated.
	Units int
}

// Code is the code of the row's region: the county, city or province code,
// or gen.NationCode.
func (r Row) Code() string {
	switch r.Level {
	case gen.LevelCounty:
		return r.County
	case gen.LevelCity:
		return r.City
	case gen.LevelProvince:
		return r.Province
	}
	return gen.NationCode
}

// FundRow is one funds line of a region.
type FundRow struct {
	Level                  int
	Province, City, County string
	Source                 jixiao.FundRole
	Budget, Executed       decimal.Decimal // 万元
	Units                  int
}

// Code is the code of the row's region.
func (r FundRow) Code() string {
	return Row{Level: r.Level, Province: r.Province, City: r.City, County: r.County}.Code()
}

// Values runs ValuesQuery and reads its rows of levels up to maxLevel:
// gen.LevelCounty for all, gen.LevelCity for the regions above the
// counties (the server still aggregates every level; fewer rows are sent).
func (p *Peer) Values(ctx context.Context, maxLevel int) ([]Row, error) {
	rows, err := p.conn.Query(ctx, upTo(ValuesQuery, maxLevel))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Row
	var r Row
	var part int32
	var side, kind string
	var units int64
	var sum, num, den, avg pgtype.Numeric
	for rows.Next() {
		if err := rows.Scan(&r.Level, &r.Province, &r.City, &r.County, &r.Key, &part, &side, &kind, &sum, &num, &den, &avg, &units); err != nil {
			return nil, err
		}
		r.Part, r.Side, r.Kind, r.Units = int(part), gen.Side(side), gen.Kind(kind), int(units)
		r.Sum, r.Numerator, r.Denominator = Decimal(sum), Decimal(num), Decimal(den)
		r.Average = nil
		if avg.Valid {
			a := Decimal(avg)
			r.Average = &a
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Funds runs FundsQuery and reads its rows of levels up to maxLevel.
func (p *Peer) Funds(ctx context.Context, maxLevel int) ([]FundRow, error) {
	rows, err := p.conn.Query(ctx, upTo(FundsQuery, maxLevel))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FundRow
	for rows.Next() {
		var r FundRow
		var source string
		var a, b pgtype.Numeric
		var units int64
		if err := rows.Scan(&r.Level, &r.Province, &r.City, &r.County, &source, &a, &b, &units); err != nil {
			return nil, err
		}
		r.Source, r.Budget, r.Executed, r.Units = jixiao.FundRole(source), Decimal(a), Decimal(b), int(units)
		out = append(out, r)
	}
	return out, rows.Err()
}

func upTo(query string, maxLevel int) string {
	if maxLevel >= gen.LevelCounty {
		return query
	}
	return "SELECT * FROM (" + query + ") q WHERE level <= " + strconv.Itoa(maxLevel)
}

// Numeric converts an exact decimal to PostgreSQL's numeric.
func Numeric(d decimal.Decimal) pgtype.Numeric {
	return pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
}

// Decimal converts a numeric to an exact decimal (zero for NULL).
func Decimal(n pgtype.Numeric) decimal.Decimal {
	if !n.Valid || n.Int == nil {
		return decimal.Zero
	}
	return decimal.NewFromBigInt(new(big.Int).Set(n.Int), n.Exp)
}
