package wxml

import (
	"fmt"
	"slices"

	"github.com/chattool-lint/chattool-lint/jsparse"
)

// parseJSX reads the JSX of a Taro .tsx or .jsx file as the template it
// renders: each element a WXML element with its attributes (see
// jsparse.JSXElements), at the places they are written. The file's syntax
// errors are the script front end's to report.
func parseJSX(src []byte, ext string) (d *Document) {
	defer func() {
		if r := recover(); r != nil {
			d = &Document{Src: src, Errors: []Error{{Offset: 0, Msg: fmt.Sprintf("internal scanner failure (please report it): %v", r)}}}
		}
	}()
	lang := jsparse.TSX
	if ext == ".jsx" {
		lang = jsparse.JSX
	}
	d = &Document{Src: src}
	els := jsparse.JSXElements(src, lang)
	made := make([]*Element, len(els))
	for i, je := range els {
		e := &Element{Name: je.Name, Start: je.Start, NameEnd: je.NameEnd, TagEnd: je.NameEnd, End: max(je.End, je.NameEnd), Closed: true}
		for _, ja := range je.Attrs {
			e.Attrs = append(e.Attrs, &Attr{Name: ja.Name, Start: ja.Start, NameEnd: ja.NameEnd,
				ValueStart: ja.ValueStart, ValueEnd: ja.ValueEnd, Value: ja.Value, HasValue: ja.HasValue, Quote: '"'})
		}
		made[i] = e
		if je.Parent >= 0 && je.Parent < i {
			e.Parent = made[je.Parent]
			e.Parent.Children = append(e.Parent.Children, e)
		} else {
			d.Roots = append(d.Roots, e)
		}
		d.Elements = append(d.Elements, e)
	}
	byStart := func(a, b *Element) int { return a.Start - b.Start }
	slices.SortStableFunc(d.Elements, byStart)
	slices.SortStableFunc(d.Roots, byStart)
	return d
}
