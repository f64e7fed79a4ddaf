#!/usr/bin/env bash
# bench/gen-big.sh: makes one folder of N small mini program files (issue 15:
# "a 100,000-file project must stay under 200 MiB").
#
#   bash bench/gen-big.sh [DIR] [N]
#
# DIR (default /tmp/corpus/big) gets N files (default 100000, rounded down
# to a multiple of 5): N/5 components, each a .js, .json, .wxml, .wxss and
# .wxs file of a few hundred bytes, 100 to a folder, written as a real
# component library would have them (Component() with data, methods and wx
# calls, a template with bindings and custom tags, a style sheet with a
# dozen rules). There is no app.json: like the corpus's folders, it is
# checked as loose pages and components (with --assume-chat-tool, every
# rule has work). The files are generated, not copied, so every file is
# different (its name and numbers). Idempotent: a folder whose .complete
# marker names the same N is kept.
set -euo pipefail
DIR="${1:-/tmp/corpus/big}"
N="${2:-100000}"
C=$((N / 5))
if [[ -f "$DIR/.complete" && "$(cat "$DIR/.complete")" == "$N" ]]; then
	echo "skip  $DIR ($N files, present)"
	exit 0
fi
rm -rf "$DIR"
mkdir -p "$DIR"
# One awk process writes every file (a shell loop would take minutes).
awk -v dir="$DIR" -v n="$C" '
function out(path, text) { printf "%s", text > path; close(path) }
BEGIN {
	for (i = 0; i < n; i++) {
		d = sprintf("%s/group%04d", dir, int(i / 100))
		if (i % 100 == 0) system("mkdir -p " d)
		c = sprintf("card%06d", i)
		b = d "/" c
		out(b ".json", sprintf("{\n  \"component\": true,\n  \"usingComponents\": {\n    \"card-badge\": \"./card%06d\"\n  }\n}\n", (i % 100 == 99) ? i - 99 : i + 1))
		out(b ".js", sprintf("const util = require(\"./%s.wxs\")\n\nComponent({\n  options: { multipleSlots: true },\n  properties: {\n    title: { type: String, value: \"%s\" },\n    count: { type: Number, value: %d }\n  },\n  data: { open: false, items: [] },\n  methods: {\n    onTap(e) {\n      this.setData({ open: !this.data.open })\n      this.triggerEvent(\"toggle\", { id: %d })\n    },\n    load() {\n      wx.request({\n        url: \"https://example.com/api/cards/%d\",\n        success: (res) => this.setData({ items: res.data.items || [] })\n      })\n    },\n    share() {\n      if (wx.canIUse(\"shareAppMessageToGroup\")) {\n        wx.shareAppMessageToGroup({ title: \"%s\", path: \"/pages/index/index?id=%d\" })\n      }\n    }\n  }\n})\n", c, c, i % 97, i, i, c, i))
		out(b ".wxml", sprintf("<wxs module=\"fmt\" src=\"./%s.wxs\" />\n<view class=\"card {{open ? \x27card--open\x27 : \x27\x27}}\" bindtap=\"onTap\">\n  <view class=\"card__title\">{{title}}</view>\n  <text class=\"card__count\">{{fmt.count(count)}}</text>\n  <card-badge wx:if=\"{{count > %d}}\" title=\"{{title}}\" />\n  <view wx:for=\"{{items}}\" wx:key=\"id\" class=\"card__item\">\n    <image src=\"{{item.icon}}\" mode=\"aspectFill\" />\n    <text>{{item.name}}</text>\n  </view>\n  <button open-type=\"share\" size=\"mini\">share</button>\n</view>\n", c, i % 10))
		out(b ".wxss", sprintf(".card{display:flex;flex-direction:column;padding:%drpx;border-radius:12rpx;background:#fff}\n.card--open{box-shadow:0 2rpx 8rpx rgba(0,0,0,.1)}\n.card__title{font-size:32rpx;color:#333;line-height:1.4}\n.card__count{font-size:24rpx;color:#999}\n.card__item{display:flex;align-items:center;margin-top:8rpx}\n.card__item image{width:64rpx;height:64rpx}\n.card__item text{margin-left:12rpx;font-size:28rpx}\n.card button::after{border:none}\n", 16 + i % 16))
		out(b ".wxs", sprintf("var LIMIT = %d\nfunction count(n) {\n  return n > LIMIT ? LIMIT + \x27+\x27 : \x27\x27 + n\n}\nmodule.exports = { count: count }\n", 90 + i % 10))
	}
}'
echo "$N" >"$DIR/.complete"
printf 'made  %s: %s files, %s bytes\n' "$DIR" "$(find "$DIR" -type f ! -name .complete | wc -l)" \
	"$(find "$DIR" -type f ! -name .complete -printf '%s\n' | awk '{s+=$1} END {print s}')"
