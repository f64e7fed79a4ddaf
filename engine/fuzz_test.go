package engine

import (
	"strings"
	"testing"
)

// byteSource is a source that reads the fuzzer's bytes.
type byteSource struct{ b []byte }

func (s *byteSource) intn(n int) int {
	if len(s.b) == 0 {
		return 0
	}
	v := int(s.b[0])
	s.b = s.b[1:]
	if n > 256 && len(s.b) > 0 {
		v = v<<8 | int(s.b[0])
		s.b = s.b[1:]
	}
	return v % n
}

func (s *byteSource) spent() bool { return len(s.b) == 0 }

// FuzzDifferential is TestDifferential with the fuzzer's bytes choosing the
// edits: on the example project, at most 12 steps, each followed by a check
// through the Engine and one from scratch, which must agree byte for byte.
func FuzzDifferential(f *testing.F) {
	f.Add([]byte{0, 3, 1, 2, 0, 5, 9, 1})
	f.Add([]byte{9, 0, 10, 1, 4, 4, 4, 2, 7, 7, 3})
	f.Add([]byte{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5})
	f.Add([]byte{13, 1, 14, 2, 15, 3, 16, 0, 17, 1, 4, 2})
	f.Add([]byte("a fuzzer's edits of the example"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := copyProject(t, "../testdata/example")
		eng := New()
		eng.Trust(true)
		src := &byteSource{b: data}
		ed := &editor{dir: dir, mp: "miniprogram", src: src, eng: eng, buffer: map[string][]byte{}}
		compare(t, ed)
		for i := 0; i < 12 && !src.spent(); i++ {
			ed.step()
			if !compare(t, ed) {
				t.Fatalf("step %d: the incremental check differs from a full one; the edits:\n%s", i+1, strings.Join(ed.log, "\n"))
			}
		}
	})
}
