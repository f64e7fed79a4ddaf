package report

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The vectors of github/codeql-action's src/fingerprints.test.ts ("hash"
// test): for each input, the hash of every line, in order.
var codeqlHashVectors = []struct {
	name  string
	input string
	want  []string
}{
	{"empty file", "", []string{"c129715d7a2bc9a3:1"}},
	{"newlines", " a\nb\n  \t\tc\n d", []string{
		"271789c17abda88f:1",
		"54703d4cd895b18:1",
		"180aee12dab6264:1",
		"a23a3dc5e078b07b:1",
	}},
	{"no trailing newline", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", []string{
		"8b7cf3e952e7aeb2:1",
		"b1ae1287ec4718d9:1",
		"bff680108adb0fcc:1",
		"c6805c5e1288b612:1",
		"b86d3392aea1be30:1",
		"e6ceba753e1a442:1",
	}},
	{"LF", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", greetings},
	{"CR", " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", greetings},
	{"CRLF", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", greetings},
	{"mixed", " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", greetings},
	{"repeated line", strings.Repeat("Lorem ipsum dolor sit amet.\n", 10), []string{
		"a7f2ff13bc495cf2:1",
		"a7f2ff13bc495cf2:2",
		"a7f2ff13bc495cf2:3",
		"a7f2ff13bc495cf2:4",
		"a7f2ff13bc495cf2:5",
		"a7f2ff13bc495cf2:6",
		"a7f2ff1481e87703:1",
		"a9cf91f7bbf1862b:1",
		"55ec222b86bcae53:1",
		"cc97dc7b1d7d8f7b:1",
		"c129715d7a2bc9a3:1",
	}},
	{"python", "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n", []string{
		"e54938cc54b302f1:1",
		"bb609acbe9138d60:1",
		"1131fd5871777f34:1",
		"5c482a0f8b35ea28:1",
		"54517377da7028d2:1",
		"2c644846cb18d53e:1",
		"f1b89f20de0d133:1",
		"c129715d7a2bc9a3:1",
	}},
}

var greetings = []string{
	"e9496ae3ebfced30:1",
	"fb7c023a8b9ccb3f:1",
	"ce8ba1a563dcdaca:1",
	"e20e36e16fcb0cc8:1",
	"b3edc88f2938467e:1",
	"c8e28b0b4002a3a0:1",
	"c129715d7a2bc9a3:1",
}

func TestLineHashesCodeQLVectors(t *testing.T) {
	lineBreak := regexp.MustCompile(`\r\n|\r|\n`)
	for _, v := range codeqlHashVectors {
		got := lineHashes([]byte(v.input))
		if !slices.Equal(got, v.want) {
			t.Errorf("%s: lineHashes(%q)\n got %q\nwant %q", v.name, v.input, got, v.want)
		}
		// As the upstream test checks: one hash per line.
		if n := len(lineBreak.Split(v.input, -1)); len(got) != n {
			t.Errorf("%s: %d hashes for %d lines", v.name, len(got), n)
		}
	}
}

// codeql-action's "addFingerprints" test: src/testdata/fingerprinting.input.sarif
// reports testFile1.js line 1 and testFile2.js line 2; the expected SARIF
// has these primaryLocationLineHash values.
func TestLineHashesCodeQLFiles(t *testing.T) {
	testFile1 := "var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n"
	testFile2 := "var foo = 0;\nvar bar = 0;\nvar baz = 0;\nvar qux = 0;\n"
	if got := lineHashes([]byte(testFile1))[0]; got != "5e4d5a9cf1294ad9:1" {
		t.Errorf("testFile1.js:1: got %s, want 5e4d5a9cf1294ad9:1", got)
	}
	if got := lineHashes([]byte(testFile2))[1]; got != "f7592a95a9381ac0:1" {
		t.Errorf("testFile2.js:2: got %s, want f7592a95a9381ac0:1", got)
	}
}

// Vectors for what the upstream tests don't cover: non-ASCII text (hashed as
// UTF-16 code units, so an emoji is two units), a byte order mark (kept) and
// invalid UTF-8 (replaced as Node.js replaces it). The expected values were
// produced by running the hash function of codeql-action's fingerprints.ts
// under Node.js 20 on these exact bytes.
var nodeHashVectors = []struct {
	name  string
	input string
	want  []string
}{
	{"chinese and emoji", "{\n  \"title\": \"聊天工具 🎉\",\n  \"pages\": [\"pages/聊天/index\"]\n}\n", []string{
		"fdcff4ec25fbaf7e:1", "6e34378e79cbd08d:1", "57aae96e70ace617:1", "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1",
	}},
	{"BOM", "\uFEFF{\"a\": 1}\n", []string{"478936d748a9da10:1", "c129715d7a2bc9a3:1"}},
	{"invalid UTF-8", "ok\n\xE4\xB8\n\xF0\x9F\x98\n\xED\xA0\x80x\n\xC0\xAF\xFF\n\xE4\xB8A\n", []string{
		"90ebd3bc1ed267f7:1", "2932b1214e86fa3:1", "35963d5c420a9240:1", "1030c079d95abd5:1",
		"5a2672be2a2fce9c:1", "c220a00a3f4062f3:1", "c129715d7a2bc9a3:1",
	}},
	{"long line", strings.Repeat("abcdefghij", 25) + "\n" + strings.Repeat("汉字", 80) + "\nend", []string{
		"ecadcc87c9ab6b36:1", "d5ec2f74460dc3e8:1", "43b6461eda086fe2:1",
	}},
}

func TestLineHashesNodeVectors(t *testing.T) {
	for _, v := range nodeHashVectors {
		if got := lineHashes([]byte(v.input)); !slices.Equal(got, v.want) {
			t.Errorf("%s: lineHashes(%q)\n got %q\nwant %q", v.name, v.input, got, v.want)
		}
	}
}

func TestDecodeRuneWHATWG(t *testing.T) {
	// How many U+FFFD the WHATWG decoder (TextDecoder, Buffer.toString)
	// produces for each input, and what follows.
	tests := []struct {
		in   string
		want []rune
	}{
		{"\xE4\xB8", []rune{0xFFFD}},
		{"\xE4\xB8A", []rune{0xFFFD, 'A'}},
		{"\xF0\x9F\x98", []rune{0xFFFD}},
		{"\xED\xA0\x80", []rune{0xFFFD, 0xFFFD, 0xFFFD}},
		{"\xE0\x80\x80", []rune{0xFFFD, 0xFFFD, 0xFFFD}},
		{"\xF4\x90\x80\x80", []rune{0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}},
		{"\xC0\xAF", []rune{0xFFFD, 0xFFFD}},
		{"\xFF", []rune{0xFFFD}},
		{"\uFFFD", []rune{0xFFFD}},
		{"汉🎉", []rune{'汉', '🎉'}},
	}
	for _, tt := range tests {
		var got []rune
		for b := []byte(tt.in); len(b) > 0; {
			r, n := decodeRuneWHATWG(b)
			got = append(got, r)
			b = b[n:]
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("decode %q = %U, want %U", tt.in, got, tt.want)
		}
	}
}
