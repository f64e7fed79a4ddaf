#!/bin/bash
# What one plugin rule adds to a full run: chattool-lint over a project
# (default: the official demo at /tmp/real/demo; PROJECT=DIR for another)
# without plugins, then with each of four example rules alone (one per kind
# of file: script, template, style, JSON), then with all seven and the
# bans. The cases run in interleaved rounds (RUNS, default 7), so that load
# from elsewhere weighs on all of them; each line gives the median CPU time
# (user + sys, which the machine's load disturbs less than the wall time),
# its change from the run without plugins (and the median of each round's
# change, paired), the median wall time and peak resident memory.
# BIN=FILE runs that binary instead of building one from the work tree;
# BASE=FILE runs another binary beside it in the same rounds (its lines
# marked "(base)", each change from its own run without plugins): a
# before-and-after comparison that load disturbs alike.
#
#   bash examples/bench.sh
#   BASE=/tmp/chattool-lint-before bash examples/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECT=${PROJECT:-/tmp/real/demo}
RUNS=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${BIN:-}" ]; then
	cp "$BIN" "$work/chattool-lint"
else
	go build -o "$work/chattool-lint" ./cmd/chattool-lint
fi
bins="chattool-lint"
if [ -n "${BASE:-}" ]; then
	cp "$BASE" "$work/base"
	bins="base chattool-lint"
fi
house=$PWD/examples/house-rules/house-rules.js
skyline=$PWD/examples/skyline-rules/skyline-rules.mjs
all="house/https-only house/request-wrapper house/guard-chat-tool-apis house/page-title skyline/image-mode skyline/no-important skyline/chat-tool-font-size"
config() { # NAME BANS RULE... : a configuration that turns on only these rules
	local name=$1 bans=$2
	shift 2
	{
		printf '{ "plugins": ["%s", "%s"], "rules": {' "$house" "$skyline"
		local sep=""
		for r in $all; do
			local sev=off
			for on in "$@"; do [ "$on" = "$r" ] && sev=warning; done
			printf '%s "%s": "%s"' "$sep" "$r" "$sev"
			sep=,
		done
		printf ' }'
		if [ "$bans" = bans ]; then
			printf ', "settings": { "forbid-apis": { "forbid": ["navigateToMiniProgram"] }, "forbid-components": { "forbid": ["web-view"] }, "require-attributes": { "require": [{ "tag": "image", "attrs": ["mode"] }] } }'
		fi
		printf ' }\n'
	} >"$work/$name.json"
}
config house-https-only no house/https-only
config skyline-image-mode no skyline/image-mode
config skyline-no-important no skyline/no-important
config house-page-title no house/page-title
config all-and-bans bans $all
cases="builtin house-https-only skyline-image-mode skyline-no-important house-page-title all-and-bans"
for round in $(seq "$RUNS"); do
	for c in $cases; do
		if [ "$c" = builtin ]; then args=(--no-config); else args=(--config "$work/$c.json"); fi
		for b in $bins; do
			/usr/bin/time -o "$work/t" -f "%U %S %e %M" "$work/$b" --no-cache "${args[@]}" "$PROJECT" >/dev/null 2>&1 || true
			read -r u s e m < <(tail -1 "$work/t")
			echo "$(echo "$u + $s" | bc) $e $m" >>"$work/$b.$c.times"
		done
	done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-29s %9s %8s %9s %9s %9s\n' case "cpu (s)" change "paired" "wall (s)" "RSS (MiB)"
for c in $cases; do
	for b in $bins; do
		base=$(cut -d' ' -f1 "$work/$b.builtin.times" | median)
		cpu=$(cut -d' ' -f1 "$work/$b.$c.times" | median)
		wall=$(cut -d' ' -f2 "$work/$b.$c.times" | median)
		rss=$(cut -d' ' -f3 "$work/$b.$c.times" | median)
		name=$c
		[ "$b" = base ] && name="$c (base)"
		# paired: the median of each round's change from that round's run
		# without plugins.
		paired=$(paste -d' ' <(cut -d' ' -f1 "$work/$b.$c.times") <(cut -d' ' -f1 "$work/$b.builtin.times") | awk '{print ($1 / $2 - 1) * 100}' | median)
		printf '%-29s %9.2f %+7.1f%% %+8.1f%% %9.2f %9.0f\n' "$name" "$cpu" "$(echo "($cpu / $base - 1) * 100" | bc -l)" "$paired" "$wall" "$(echo "$rss / 1024" | bc -l)"
	done
done
