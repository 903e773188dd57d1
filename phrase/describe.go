package phrase

import (
	"strconv"
	"strings"
)

// Describe returns a short Chinese description of how the phrase was read,
// for `jixiao parse`: "比较：≥；数值：7000；单位：件", "期限：12月31日前",
// "复合（3项）：（1）… | （2）… | （3）…", "定性（无数值）".
func (p Phrase) Describe() string {
	var b strings.Builder
	p.describe(&b)
	return b.String()
}

func (p Phrase) describe(b *strings.Builder) {
	switch p.Kind {
	case KindEmpty:
		b.WriteString("空（未填写）")
	case KindQualitative:
		b.WriteString("定性（无数值）")
	case KindDeadline:
		p.Deadline.describe(b)
	case KindRange:
		b.WriteString("范围：")
		b.WriteString(p.Min.Value.String())
		b.WriteString("～")
		b.WriteString(p.Max.Value.String())
		b.WriteString("；单位：")
		b.WriteString(unitName(p.Max.Unit))
	case KindQuantity:
		p.Quantity.describe(b, p.Comparator)
		if p.Deadline != nil {
			b.WriteString("；")
			p.Deadline.describe(b)
		}
	case KindComposite:
		b.WriteString("复合（")
		b.WriteString(strconv.Itoa(len(p.Parts)))
		b.WriteString("项）：")
		for k, part := range p.Parts {
			if k > 0 {
				b.WriteString(" | ")
			}
			b.WriteString("（" + strconv.Itoa(k+1) + "）")
			part.describe(b)
		}
		if p.Quantity != nil && p.Quantity.Total {
			b.WriteString(" | 合计：")
			b.WriteString(p.Quantity.Text)
		}
	}
	if p.Cumulative {
		b.WriteString("；累计")
	}
	if p.Shortfall != "" {
		b.WriteString("；写明未达成：" + p.Shortfall)
	}
	if p.Late != "" {
		b.WriteString("；写明延误：" + p.Late)
	}
	if p.Absence != "" {
		b.WriteString("；写明未发生：" + p.Absence)
	}
}

func unitName(u string) string {
	if u == "" {
		return "无"
	}
	return u
}

var boundNames = map[Bound]string{More: "下限（实际多于此数）", About: "约数", Under: "上限（实际不足此数）"}

func (q *Quantity) describe(b *strings.Builder, cmp Comparator) {
	if cmp != None {
		b.WriteString("比较：")
		b.WriteString(string(cmp))
		b.WriteString("；")
	}
	v := q.Value.String()
	b.WriteString("数值：")
	b.WriteString(v)
	b.WriteString("；单位：")
	b.WriteString(unitName(q.Unit))
	if n, ok := boundNames[q.Bound]; ok {
		b.WriteString("；")
		b.WriteString(n)
	}
	if q.Total {
		b.WriteString("；合计")
	}
	if q.Text != v+q.UnitText {
		b.WriteString("；原文：")
		b.WriteString(q.Text)
	}
}

// describe writes a limit as the last day it allows (12月底前 → 期限：12月31日前)
// and a completion date as written (12月份完成 → 时间：12月).
func (d *Deadline) describe(b *strings.Builder) {
	sep := ""
	if d.Month > 0 || d.Quarter > 0 || d.EndOfYear || d.Year > 0 {
		if d.Before {
			b.WriteString("期限：")
			d.writeDate(b, true)
			b.WriteString("前")
		} else {
			b.WriteString("时间：")
			d.writeDate(b, false)
		}
		sep = "；"
	}
	if d.OnTime {
		b.WriteString(sep + "按时完成")
		sep = "；"
	}
	if d.Ongoing {
		b.WriteString(sep + "长期（持续）")
		sep = "；"
	}
	if sep == "" {
		b.WriteString("期限：" + d.Text)
	}
}

// writeDate writes the date of a deadline; last=true writes the last day of
// a month (12月31日), which needs a year only for February.
func (d *Deadline) writeDate(b *strings.Builder, last bool) {
	if d.Year > 0 {
		b.WriteString(strconv.Itoa(d.Year))
		if d.Month > 0 || d.Quarter > 0 || !d.EndOfYear {
			b.WriteString("年")
		}
	}
	switch {
	case d.Month > 0:
		b.WriteString(strconv.Itoa(d.Month) + "月")
		switch {
		case d.Day > 0:
			b.WriteString(strconv.Itoa(d.Day) + "日")
		case !last:
		case d.Month == 2 && d.Year == 0:
			b.WriteString("底")
		default:
			year := d.Year
			if year == 0 {
				year = 2001 // any year: only February depends on it
			}
			b.WriteString(strconv.Itoa(daysIn(year, d.Month)) + "日")
		}
	case d.Quarter > 0:
		b.WriteString("第" + strconv.Itoa(d.Quarter) + "季度")
		if last {
			b.WriteString("末")
		}
	case d.EndOfYear:
		b.WriteString("年底")
	}
}
