// Package parseerror defines the parse-error rule.
//
// # Rule parse-error
//
// parse-error: a file that cannot be parsed
//
// A configuration file that is not valid JSON stops WeChat's compiler at
// preview and upload: nothing in it takes effect, and every rule that needs
// it is blind to it. The finding points at the first byte the parser could
// not accept. Files the checker needed but could not read at all (a folder
// where a file should be, no permission, a file too large) are reported here
// too.
//
// Scripts (.js, .ts, .wxs) are parsed too: a syntax error there stops the
// build as surely. JavaScript is parsed as an ES module and, failing that, as
// a sloppy-mode script; TypeScript is compiled with esbuild first. A file the
// main parser (sobek) rejects but a second parser (tdewolff's) accepts is a
// gap in the checker, not an error in the file: it is reported as an info,
// and only the checks that work from tokens (chattool-disabled-api) run on
// it.
//
// Templates and styles are parsed as WeChat's compilers read them. In WXML:
// an element never closed, an end tag with no start tag or closing the wrong
// element, a start tag without ">", an unterminated comment, attribute
// string or {{ }} data binding, and syntax errors in inline <wxs> scripts.
// In WXSS: unbalanced braces, unterminated strings and comments, and bad
// url(). The scan goes on after each error, so one mistake does not hide
// the findings of the rest of the file. LESS and SCSS files (compiled by
// the project's compiler plugins) are checked for the same structure:
// braces, brackets, parentheses, strings and comments.
//
// Every file is first checked to be text: a binary file (a NUL byte, UTF-16,
// mostly bytes no text holds) is one finding and is not parsed; invalid
// UTF-8 is a finding at its first byte, and the file is still checked.
// Where a file would make a parser recurse without end or take time that
// grows faster than the file, a limit stands and is a finding: JSON nested
// past 512 levels, scripts nested past 1,000 levels (brackets and arrow
// functions) or with more than 10,000 operators in one expression, WXML
// elements and style blocks nested past 1,000 levels, and more than 100
// syntax errors in one template or style sheet. Real code stays far below
// each (24 levels and 156 operators at most over the npm corpus, the
// official demo and 1,987 library files).
//
// Comments, trailing commas and duplicate keys do not stop the checker (it
// tolerates them and reports them under config-schema), but WeChat's strict
// JSON parser rejects the first two.
//
// Applies to: mini programs and mini games.
//
// Default severity: error
//
// # Bad
//
//	{
//	  "pages": [
//	    "pages/index/index"
//	  ,
//	  "window": {}
//	}
//
//	Page({ onLoad() { wx.showToast({ title: 'hi' } } })
//
//	<view class="card"><text>{{title}}</view>
//
// # Good
//
//	{
//	  "pages": ["pages/index/index"],
//	  "window": {}
//	}
//
//	Page({ onLoad() { wx.showToast({ title: 'hi' }) } })
//
//	<view class="card"><text>{{title}}</text></view>
package parseerror
