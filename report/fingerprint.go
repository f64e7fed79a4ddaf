package report

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// This file computes SARIF partialFingerprints.primaryLocationLineHash the way
// GitHub's own uploader does (github/codeql-action, src/fingerprints.ts,
// function hash), so that an alert keeps its identity across commits whether
// our SARIF is uploaded with the upload-sarif action (which only fills in
// fingerprints that are missing, and warns when an existing one differs from
// what it computes) or through the REST API (which computes nothing, so
// without fingerprints every upload would reopen every alert).
//
// The algorithm, restated:
//
//   - The file is decoded from UTF-8 the way Node.js does it (invalid bytes
//     become U+FFFD, one per maximal ill-formed subsequence) and walked as
//     UTF-16 code units: JavaScript's charCodeAt.
//   - Spaces and tabs are skipped entirely. "\r\n", "\r" and "\n" are all one
//     newline ("\n"). After the last unit a sentinel 0xFFFF is fed, and then
//     100 zeros to flush.
//   - Over the fed units runs a polynomial rolling hash in 64-bit wrapping
//     arithmetic: h = 37*h + unit - 37^100*unitLeavingTheWindow, with a window
//     of the last 100 units.
//   - A line's hash is the value of h once the window holds the 100 units
//     starting at the line's first non-blank unit (or the newline that ends a
//     blank line), i.e. it covers the line and what follows, so the same line
//     in a different context hashes differently.
//   - The value is printed as unsigned lowercase hex without leading zeros,
//     followed by ":N", where N counts how often that same hex value has been
//     seen so far in the file (1 for the first).
//
// Every line of the file gets a hash, line numbers are 1-based, and a file
// with n line terminators has n+1 lines (an empty file has one line).

const (
	fpBlockSize = 100
	fpMod       = 37
	fpEOF       = 0xFFFF
)

// fpFirstMod is 37^100 mod 2^64: the weight of the unit leaving the window.
var fpFirstMod = func() uint64 {
	m := uint64(1)
	for range fpBlockSize {
		m *= fpMod
	}
	return m
}()

// lineHashes returns the primaryLocationLineHash of every line of content:
// element i is the hash of line i+1.
func lineHashes(content []byte) []string {
	var (
		window      [fpBlockSize]uint16
		lineNumbers [fpBlockSize]int // 0: not the start of a line
		hash        uint64
		index       int
		lineNumber  int
		lineStart   = true
		prevCR      bool
		counts      = map[uint64]int{}
		out         []string
	)
	output := func() {
		counts[hash]++
		// Lines come out in order, one each: lineNumbers[index] == len(out)+1.
		out = append(out, strconv.FormatUint(hash, 16)+":"+strconv.Itoa(counts[hash]))
		lineNumbers[index] = 0
	}
	update := func(c uint16) {
		begin := window[index]
		window[index] = c
		hash = fpMod*hash + uint64(c) - fpFirstMod*uint64(begin)
		index = (index + 1) % fpBlockSize
	}
	process := func(c uint16) {
		if c == ' ' || c == '\t' || (prevCR && c == '\n') {
			prevCR = false
			return
		}
		if c == '\r' {
			c = '\n'
			prevCR = true
		} else {
			prevCR = false
		}
		if lineNumbers[index] != 0 {
			output()
		}
		if lineStart {
			lineStart = false
			lineNumber++
			lineNumbers[index] = lineNumber
		}
		if c == '\n' {
			lineStart = true
		}
		update(c)
	}

	forEachUTF16(content, process)
	process(fpEOF)
	for range fpBlockSize {
		if lineNumbers[index] != 0 {
			output()
		}
		update(0)
	}
	return out
}

// forEachUTF16 decodes UTF-8 as Node.js's Buffer/StringDecoder does (the
// WHATWG Encoding Standard's decoder: a byte sequence that cannot be completed
// is replaced by one U+FFFD, and the byte that broke it is looked at again)
// and calls f with each UTF-16 code unit. A byte order mark is kept, as Node
// keeps it.
func forEachUTF16(b []byte, f func(uint16)) {
	for len(b) > 0 {
		r, n := decodeRuneWHATWG(b)
		b = b[n:]
		if r < 0x10000 {
			f(uint16(r))
			continue
		}
		hi, lo := utf16.EncodeRune(r)
		f(uint16(hi))
		f(uint16(lo))
	}
}

// decodeRuneWHATWG decodes the first character of b, which is not empty. For
// an ill-formed sequence it returns U+FFFD and the length of its maximal
// subpart (at least 1), which is where the WHATWG decoder (and so Node.js)
// resumes; Go's utf8.DecodeRune instead always consumes a single byte.
func decodeRuneWHATWG(b []byte) (rune, int) {
	if r, n := utf8.DecodeRune(b); r != utf8.RuneError || n > 1 {
		return r, n
	}
	c := b[0]
	var need int
	lower, upper := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
		if c == 0xE0 {
			lower = 0xA0
		} else if c == 0xED {
			upper = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		need = 3
		if c == 0xF0 {
			lower = 0x90
		} else if c == 0xF4 {
			upper = 0x8F
		}
	default: // 0x80-0xC1, 0xF5-0xFF: never valid as a first byte
		return utf8.RuneError, 1
	}
	// The sequence is ill-formed (or a literal U+FFFD, which DecodeRune
	// reports with n == 3 and so never gets here): consume the lead byte and
	// every continuation byte that was still acceptable.
	n := 1
	for ; n <= need && n < len(b); n++ {
		if b[n] < lower || b[n] > upper {
			break
		}
		lower, upper = 0x80, 0xBF
	}
	return utf8.RuneError, n
}
