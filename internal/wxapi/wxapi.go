// Package wxapi knows every method of the wx object of WeChat mini programs,
// the minimum base library version (基础库) each needs, its documentation
// page, and the minimum base library version of the fields of its option
// object that were added later than the method itself.
//
// The table is generated from the JSDoc of the npm package
// miniprogram-api-typings (MIT), pinned to the version TypingsVersion; run
// go generate to regenerate it.
package wxapi

import (
	"slices"
	"strings"
)

//go:generate go run gen.go

// API is one wx API: a method of the wx object, such as wx.openChatTool.
type API struct {
	// Name is the method name without "wx.", such as "openChatTool".
	Name string
	// Since is the minimum base library version, "x.y.z", or "" when the
	// typings give none (the method has been there from the start).
	Since string
	// URL is the method's page on developers.weixin.qq.com.
	URL string
	// Fields are the fields of the option object that carry a version of
	// their own, sorted by name. The option object is the first argument of
	// most methods, the second of createIntersectionObserver and
	// createWorker. Fields one level down are included as dotted paths.
	Fields []Field
}

// Field is a field of an API's option object that needs a given base library.
type Field struct {
	// Name is a dotted path inside the option object, such as
	// "useForChatTool" or "templateInfo.templateId".
	Name string
	// Since is the minimum base library version, "x.y.z".
	Since string
}

// Lookup returns the wx API of that name (without "wx."). The API returned
// is shared and must not be modified.
func Lookup(name string) (*API, bool) {
	i, ok := slices.BinarySearchFunc(table[:], name, func(a API, name string) int {
		return strings.Compare(a.Name, name)
	})
	if !ok {
		return nil, false
	}
	return &table[i], true
}

// Field returns the versioned option field at that dotted path. The Field
// returned is shared and must not be modified.
func (a *API) Field(path string) (*Field, bool) {
	i, ok := slices.BinarySearchFunc(a.Fields, path, func(f Field, path string) int {
		return strings.Compare(f.Name, path)
	})
	if !ok {
		return nil, false
	}
	return &a.Fields[i], true
}

// All returns every wx API, sorted by name. The slice is the caller's; the
// APIs are shared and must not be modified.
func All() []*API {
	out := make([]*API, len(table))
	for i := range table {
		out[i] = &table[i]
	}
	return out
}
