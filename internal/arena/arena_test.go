package arena

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestString(t *testing.T) {
	var a Arena
	src := []byte("hello, world")
	s := a.String(string(src[:5]))
	src[0] = 'J'
	if s != "hello" {
		t.Fatalf("String = %q, want a copy, %q", s, "hello")
	}
	if a.String("") != "" {
		t.Fatal(`String("") is not ""`)
	}
	// The first block held "hello" alone; the next, of 10 bytes, holds
	// these two side by side.
	x, y := a.String("ab"), a.String("cd")
	if unsafe.StringData(y) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(x)), 2)) {
		t.Fatal("two small strings of one block are not side by side")
	}
	big := strings.Repeat("x", slabBytes)
	if got := a.String(big); got != big {
		t.Fatal("a string larger than a block is not copied whole")
	}
}

// TestBlocksGrow checks that a first object takes a block of its size
// (an arena that holds one object wastes nothing) and that blocks then
// double, up to the largest.
func TestBlocksGrow(t *testing.T) {
	var a Arena
	a.String("abc")
	if len(a.bytes.block) != 0 || a.bytes.next != 3 {
		t.Fatalf("after one string of 3 bytes: %d bytes free, next block %d; want 0 and 3", len(a.bytes.block), a.bytes.next)
	}
	for range 100 {
		a.String(strings.Repeat("y", 1000))
	}
	if a.bytes.next != slabBytes {
		t.Fatalf("after 100 strings of 1,000 bytes the blocks are %d bytes, want %d", a.bytes.next, slabBytes)
	}
	var s Slab[int64]
	if got := s.Make(5); len(got) != 5 || cap(got) != 5 || len(s.block) != 0 {
		t.Fatalf("first Make(5): len %d cap %d, %d left in the block; want 5, 5, 0", len(got), cap(got), len(s.block))
	}
	if got := s.Make(1); len(s.block) != 9 || cap(got) != 1 {
		t.Fatalf("second Make(1): %d left in a block of 10, cap %d; want 9 and 1", len(s.block), cap(got))
	}
}

func TestSlab(t *testing.T) {
	type node struct {
		name string
		next *node
	}
	var s Slab[node]
	if s.Make(0) != nil {
		t.Fatal("Make(0) is not nil")
	}
	a := s.New(node{name: "a"})
	b := s.New(node{name: "b", next: a})
	if b.next != a || a.name != "a" || b.name != "b" {
		t.Fatal("New does not copy its value")
	}
	list := s.Clone([]node{{name: "x"}, {name: "y"}})
	if len(list) != 2 || cap(list) != 2 || list[1].name != "y" {
		t.Fatalf("Clone = %v (cap %d)", list, cap(list))
	}
	// Appending to a slice of the slab must not write over the next one.
	next := s.New(node{name: "z"})
	_ = append(list, node{name: "w"})
	if next.name != "z" {
		t.Fatal("append to a Clone wrote into the slab")
	}
	per := slabBytes / int(unsafe.Sizeof(node{}))
	if got := s.Make(per); len(got) != per {
		t.Fatalf("a Make larger than a block: len %d, want %d", len(got), per)
	}
}

// TestConcurrent checks (under -race) that goroutines may share an arena.
func TestConcurrent(t *testing.T) {
	var a Arena
	var s Slab[string]
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 1000 {
				want := fmt.Sprint(g, ":", i)
				if got := *s.New(a.String(want)); got != want {
					t.Errorf("got %q, want %q", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
