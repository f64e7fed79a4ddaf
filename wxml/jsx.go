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
	b := builder{sized: true}
	for i, je := range els {
		e := elem{name: b.name(je.Name), start: int32(je.Start), nameEnd: int32(je.NameEnd), tagEnd: int32(je.NameEnd),
			end: int32(max(je.End, je.NameEnd)), closed: true, attrs: uint32(len(b.attrs))}
		for _, ja := range je.Attrs {
			b.attrs = append(b.attrs, attr{name: b.name(ja.Name), start: int32(ja.Start), nameEnd: int32(ja.NameEnd),
				valueStart: int32(ja.ValueStart), valueEnd: int32(ja.ValueEnd), hasValue: ja.HasValue, quote: '"'})
			b.add(ja.Value)
		}
		if je.Parent >= 0 && je.Parent < i {
			e.parent = uint32(je.Parent) + 1
		}
		b.els = append(b.els, e)
	}
	// Elements lists them by their start; their children stay in the order
	// of the calls.
	order := make([]int32, len(els))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(x, y int32) int { return els[x].Start - els[y].Start })
	for i, k := range order {
		if int32(i) != k {
			d.order = order
			break
		}
	}
	b.finish(d)
	return d
}
