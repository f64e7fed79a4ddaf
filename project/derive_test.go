package project

import (
	"reflect"
	"slices"
	"testing"
)

// TestDeriveFields: Derive copies a project as Load left it, then sets the
// fields that a check changes or that must be new. A field added to
// Project must be put in one list or the other (and in Derive when it is
// of the second kind: a cache filled later, a list that grows), or a
// derived project would hold the last check's.
func TestDeriveFields(t *testing.T) {
	asLoaded := []string{"Dir", "root", "Config", "MiniRoot", "MiniRootErr", "App", "Game", "Subpackages",
		"ChatTools", "ChatTool", "Pages", "Components", "Compilers", "comps", "refs", "Framework"}
	set := []string{"Fset", "Files", "Options", "JSONFiles", "LoadErrors", "files", "jsonFiles", "exists",
		"walked", "unreadable", "met", "upload", "locks", "nextBase"}
	typ := reflect.TypeOf(Project{})
	for i := range typ.NumField() {
		if name := typ.Field(i).Name; !slices.Contains(asLoaded, name) && !slices.Contains(set, name) {
			t.Errorf("Project.%s is new: see what Loaded.Derive should do with it", name)
		}
	}
}
