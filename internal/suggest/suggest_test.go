package suggest

import "testing"

func TestClosest(t *testing.T) {
	words := []string{"subPackages", "subpackages", "pages", "window", "scope.userLocation", "scope.record"}
	for _, tc := range []struct{ in, want string }{
		{"subPackage", "subPackages"},
		{"SUBPACKAGES", "subPackages"},
		{"windw", "window"},
		{"scope.userlocation", "scope.userLocation"},
		{"scope.recrd", "scope.record"},
		{"tabBar", ""},
		{"pgs", ""},
	} {
		if got := Closest(tc.in, words); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"群签到", "群签", 1}} {
		if got := Distance(tc.a, tc.b); got != tc.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}
