// Package htmlform reads the fields of a form on a page as a browser would
// post them, for the tests that act as a browser without one (the editor's
// and the upload preview's handler tests, the server crash tests).
package htmlform

import (
	"bytes"
	"fmt"
	"net/url"

	"golang.org/x/net/html"
)

// Field is a name and the value a browser posts for it.
type Field struct{ Name, Value string }

// Fields returns the fields of the <form id=id> on page, in document
// order (which a multipart body keeps, and a server may read it in), as a
// browser posts them untouched: every named input (a radio
// button or checkbox only when checked), a textarea's text, a select's
// selected option or else its first. It fails when the page has no such
// form or the form no field.
func Fields(page []byte, id string) ([]Field, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, err
	}
	var v []Field
	found := false
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode {
			attrs := attributes(n)
			if n.Data == "form" && attrs["id"] == id {
				in, found = true, true
			}
			name := attrs["name"]
			_, checked := attrs["checked"]
			switch {
			case !in || name == "":
			case n.Data == "input" && (attrs["type"] == "radio" || attrs["type"] == "checkbox") && !checked:
			case n.Data == "input":
				v = append(v, Field{name, attrs["value"]})
			case n.Data == "textarea":
				text := ""
				if n.FirstChild != nil {
					text = n.FirstChild.Data
				}
				v = append(v, Field{name, text})
			case n.Data == "select":
				if value, ok := selected(n); ok {
					v = append(v, Field{name, value})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	switch {
	case !found:
		return nil, fmt.Errorf("the page has no form id=%q", id)
	case len(v) == 0:
		return nil, fmt.Errorf("the form id=%q has no field", id)
	}
	return v, nil
}

func attributes(n *html.Node) map[string]string {
	m := make(map[string]string, len(n.Attr))
	for _, a := range n.Attr {
		m[a.Key] = a.Val
	}
	return m
}

// selected is the value a select posts: its selected option's, else its
// first option's.
func selected(sel *html.Node) (string, bool) {
	var first *string
	var pick string
	var picked bool
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "option" {
			attrs := attributes(n)
			value, ok := attrs["value"]
			if !ok && n.FirstChild != nil {
				value = n.FirstChild.Data
			}
			if first == nil {
				first = &value
			}
			if _, sel := attrs["selected"]; sel && !picked {
				pick, picked = value, true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(sel)
	switch {
	case picked:
		return pick, true
	case first != nil:
		return *first, true
	}
	return "", false
}

// Values are the fields by name, each name's values in order.
func Values(fields []Field) url.Values {
	v := url.Values{}
	for _, f := range fields {
		v.Add(f.Name, f.Value)
	}
	return v
}

// Pairs flattens the fields into name, value, name, value…, in order.
func Pairs(fields []Field) []string {
	out := make([]string, 0, 2*len(fields))
	for _, f := range fields {
		out = append(out, f.Name, f.Value)
	}
	return out
}
