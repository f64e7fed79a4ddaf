package wxss

// cases are the inputs of TestParse, with the dump of what Parse makes of
// them; they also seed FuzzParse.
var cases = []struct {
	name, src, want string
}{
	{"universal", `* { margin: 0 }`, `
rule "*"[0:1] {2:15}
  margin[4:10]: "0"[12:13]
`},
	{"attribute and pseudo", `view[data-x=y]::before, .a:hover{content:''}`, `
rule "view[data-x=y]::before, .a:hover"[0:32] {32:44}
  content[33:40]: "''"[41:43]
`},
	{"scrollbar", "::-webkit-scrollbar {\n  display: none;\n}\n", `
rule "::-webkit-scrollbar"[0:19] {20:40}
  display[24:31]: "none"[33:37]
`},
	{"rpx", `.b{width:750rpx;margin:-10rpx 0.5rpx}`, `
rule ".b"[0:2] {2:37}
  width[3:8]: "750rpx"[9:15]
  margin[16:22]: "-10rpx 0.5rpx"[23:36]
`},
	{"import", "@import \"a.wxss\";\n@import url(b.wxss);@import url( '../c.wxss' );", `
@import[0:7] "\"a.wxss\""[8:16]
@import[18:25] "url(b.wxss)"[26:37]
@import[38:45] "url( '../c.wxss' )"[46:64]
import "a.wxss"[8:16]
import "b.wxss"[26:37]
import "../c.wxss"[46:64]
`},
	{"import escapes", `@import "d\2e wxss"; @import url(e\ f.wxss)`, `
@import[0:7] "\"d\\2e wxss\""[8:19]
@import[21:28] "url(e\\ f.wxss)"[29:43]
import "d.wxss"[8:19]
import "e f.wxss"[29:43]
`},
	{"media", `@media (prefers-color-scheme: dark) { .a { color: red } }`, `
@media[0:6] "(prefers-color-scheme: dark)"[7:35] {36:57}
rule ".a"[38:40] {41:55} in @media
  color[43:48]: "red"[50:53]
`},
	{"font-face", `@font-face { font-family: x; src: url(https://a.b/c.woff) format('woff') }`, `
@font-face[0:10] ""[10:10] {11:74}
  font-family[13:24]: "x"[26:27]
  src[29:32]: "url(https://a.b/c.woff) format('woff')"[34:72]
`},
	{"keyframes", `@keyframes k { from { opacity: 0 } 50% { opacity: .5 } to { opacity: 1; } }`, `
@keyframes[0:10] "k"[11:12] {13:75}
rule "from"[15:19] {20:34} in @keyframes
  opacity[22:29]: "0"[31:32]
rule "50%"[35:38] {39:54} in @keyframes
  opacity[41:48]: ".5"[50:52]
rule "to"[55:57] {58:73} in @keyframes
  opacity[60:67]: "1"[69:70]
`},
	{"important", `.a { color: red !important; top: 0 ! IMPORTANT }`, `
rule ".a"[0:2] {3:48}
  color[5:10]: "red"[12:15] !important
  top[28:31]: "0"[33:34] !important
`},
	{"crlf", ".a,\r\n.b {\r\n  color: red;\r\n}\r\n", `
rule ".a,\r\n.b"[0:7] {8:27}
  color[13:18]: "red"[20:23]
`},
	{"bom", "\xEF\xBB\xBF.a{color:red}", `
rule ".a"[3:5] {5:16}
  color[6:11]: "red"[12:15]
`},
	{"chinese", "/* 按钮 */\n.btn::after { content: \"确定\"; font-family: 微软雅黑 }", `
rule ".btn::after"[13:24] {25:73}
  content[27:34]: "\"确定\""[36:44]
  font-family[46:57]: "微软雅黑"[59:71]
comment "/* 按钮 */"[0:12]
`},
	{"hacks", `.a{*zoom:1;_height:1px;filter:progid:DXImageTransform.Microsoft.gradient(startColorstr='#80000000',endColorstr='#80000000');color:red !ie}`, `
rule ".a"[0:2] {2:138}
  *zoom[3:8]: "1"[9:10]
  _height[11:18]: "1px"[19:22]
  filter[23:29]: "progid:DXImageTransform.Microsoft.gradient(startColorstr='#80000000',endColorstr='#80000000')"[30:123]
  color[124:129]: "red !ie"[130:137]
`},
	{"custom properties", `:root{--Main-Color:#fff;--empty:;--block:{a;b}}.a{color:var(--Main-Color)}`, `
rule ":root"[0:5] {5:47}
  --Main-Color[6:18]: "#fff"[19:23]
  --empty[24:31]: ""[32:32]
  --block[33:40]: "{a;b}"[41:46]
rule ".a"[47:49] {49:74}
  color[50:55]: "var(--Main-Color)"[56:73]
`},
	{"nested rule", `.a { color: red; &:hover { color: blue } .b & { top: 0 } }`, `
rule ".a"[0:2] {3:58}
  color[5:10]: "red"[12:15]
rule "&:hover"[17:24] {25:40} in ".a"
  color[27:32]: "blue"[34:38]
rule ".b &"[41:45] {46:56} in ".a"
  top[48:51]: "0"[53:54]
`},
	{"supports", `@supports (display: grid) and (not (display: inline-grid)) { @media screen and (min-width: 100px) { .a { display: grid } } }`, `
@supports[0:9] "(display: grid) and (not (display: inline-grid))"[10:58] {59:124}
@media[61:67] "screen and (min-width: 100px)"[68:97] {98:122} in @supports
rule ".a"[100:102] {103:120} in @media
  display[105:112]: "grid"[114:118]
`},
	{"unknown at-rule", "@charset \"utf-8\";\n@-moz-document url-prefix() { .a { b: c } }\n@tailwind base;", `
@charset[0:8] "\"utf-8\""[9:16]
@-moz-document[18:32] "url-prefix()"[33:45] {46:61}
@tailwind[62:71] "base"[72:76]
rule ".a"[48:50] {51:59} in @-moz-document
  b[53:54]: "c"[56:57]
`},
	{"comments", `/*a*/.a/*b*/ .b/*c*/{/*d*/color/*e*/:/*f*/red/*g*/;/*h*/}`, `
rule ".a/*b*/ .b"[5:15] {20:57}
  color[26:31]: "red"[42:45]
comment "/*a*/"[0:5]
comment "/*b*/"[7:12]
comment "/*c*/"[15:20]
comment "/*d*/"[21:26]
comment "/*e*/"[31:36]
comment "/*f*/"[37:42]
comment "/*g*/"[45:50]
comment "/*h*/"[51:56]
`},
	{"last decl without semicolon", `.a{color:red;top:0}.b{}`, `
rule ".a"[0:2] {2:19}
  color[3:8]: "red"[9:12]
  top[13:16]: "0"[17:18]
rule ".b"[19:21] {21:23}
`},
	{"stray semicolons", `;.a{;;color:red;;};`, `
rule ".a"[1:3] {3:18}
  color[6:11]: "red"[12:15]
`},
	{"empty", ``, `
`},
	{"unterminated string", ".a{content:\"abc\n}.b{color:red}", `
rule ".a"[0:2] {2:17}
  content[3:10]: "\"abc"[11:15]
rule ".b"[17:19] {19:30}
  color[20:25]: "red"[26:29]
error 11: unterminated string
`},
	{"unterminated string at eof", `.a{content:'abc`, `
rule ".a"[0:2] {2:15}
  content[3:10]: "'abc"[11:15]
error 2: unclosed {
error 11: unterminated string
`},
	{"escaped quote at eof", `.a{content:'abc\'`, `
rule ".a"[0:2] {2:17}
  content[3:10]: "'abc\\'"[11:17]
error 2: unclosed {
error 11: unterminated string
`},
	{"unterminated comment", `.a{color:red}/* .b{}`, `
rule ".a"[0:2] {2:13}
  color[3:8]: "red"[9:12]
comment "/* .b{}"[13:20]
error 13: unterminated comment
`},
	{"unterminated comment, short", `.a{}/*/`, `
rule ".a"[0:2] {2:4}
comment "/*/"[4:7]
error 4: unterminated comment
`},
	{"unexpected }", `.a{color:red}}.b{color:blue}`, `
rule ".a"[0:2] {2:13}
  color[3:8]: "red"[9:12]
rule ".b"[14:16] {16:28}
  color[17:22]: "blue"[23:27]
error 13: unexpected }
`},
	{"unclosed {", `.a{color:red;.b{top:0`, `
rule ".a"[0:2] {2:21}
  color[3:8]: "red"[9:12]
rule ".b"[13:15] {15:21} in ".a"
  top[16:19]: "0"[20:21]
error 2: unclosed {
error 15: unclosed {
`},
	{"unclosed (", `.a{width:calc(100% - 10px;color:red}.b{}`, `
rule ".a"[0:2] {2:36}
  width[3:8]: "calc(100% - 10px"[9:25]
  color[26:31]: "red"[32:35]
rule ".b"[36:38] {38:40}
error 13: unclosed (
`},
	{"unclosed ( in selector", `.a:not(.b{color:red}.c{}`, `
rule ".a:not(.b"[0:9] {9:20}
  color[10:15]: "red"[16:19]
rule ".c"[20:22] {22:24}
error 6: unclosed (
`},
	{"unclosed [", `.a[x=y{color:red}.c{}`, `
rule ".a[x=y"[0:6] {6:17}
  color[7:12]: "red"[13:16]
rule ".c"[17:19] {19:21}
error 2: unclosed [
`},
	{"unexpected )", `.a{width:10px);color:red}`, `
rule ".a"[0:2] {2:25}
  width[3:8]: "10px)"[9:14]
  color[15:20]: "red"[21:24]
error 13: unexpected )
`},
	{"unexpected ]", `.a]{color:red}`, `
rule ".a]"[0:3] {3:14}
  color[4:9]: "red"[10:13]
error 2: unexpected ]
`},
	{"mismatched", `.a{b:f(x]y)}`, `
rule ".a"[0:2] {2:12}
  b[3:4]: "f(x]y)"[5:11]
error 8: unexpected ]
`},
	{"bad url", `.a{background:url(a b.png);color:red}.b{}`, `
rule ".a"[0:2] {2:37}
  background[3:13]: "url(a b.png)"[14:26]
  color[27:32]: "red"[33:36]
rule ".b"[37:39] {39:41}
error 14: bad url(...)
`},
	{"unclosed url at eof", `.a{background:url(a.png`, `
rule ".a"[0:2] {2:23}
  background[3:13]: "url(a.png"[14:23]
error 2: unclosed {
error 17: unclosed (
`},
	{"unterminated string in url at eof", `.a{background:url('a.png`, `
rule ".a"[0:2] {2:24}
  background[3:13]: "url('a.png"[14:24]
error 2: unclosed {
error 18: unterminated string
`},
	{"recovery", ".a{color:\"x\n;}}.b{color:red}\n@media x{.c{top:0}", `
@media[29:35] "x"[36:37] {37:47}
rule ".a"[0:2] {2:14}
  color[3:8]: "\"x"[9:11]
rule ".b"[15:17] {17:28}
  color[18:23]: "red"[24:27]
rule ".c"[38:40] {40:47} in @media
  top[41:44]: "0"[45:46]
error 9: unterminated string
error 14: unexpected }
error 37: unclosed {
`},
}
