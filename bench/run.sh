#!/usr/bin/env bash
# bench/run.sh: chattool-lint against the ESLint peer and the `cat` floor, in
# one run, on the same files (issue 7); and chattool-lint on the same files as
# one folder, and on a folder of 100,000 files (issue 15: memory that does not
# grow with the folder).
#
#   bash bench/run.sh
#
# On the 10x corpus of ../shared/bench (11 real mini program packages from
# npm, copied 10 times: 110 package folders, 64 MB), it measures:
#   cat       every file of the corpus to /dev/null (reading costs at least this)
#   chattool  chattool-lint, every rule, every file type, one invocation over the
#             110 package folders (--assume-chat-tool so that every rule has
#             work, --no-cache so that the size cache does not help)
#   eslint    ../shared/bench/eslint-peer.sh: ESLint with 2 rules over the .js
#             files only, one pass with no cache
#   eslint-warm  the same with --cache, run again with nothing changed
#   chattool-one the same files as ONE project: a folder holding the 10 copies
#             (hard links, made once) and a project.config.json, so that it is
#             checked as one folder of loose mini program files, as the 110
#             folders are each (a folder without one is searched for projects)
#   chattool-big a folder of 100,000 small mini program files (gen-big.sh), one
#             project
# and prints a table of median wall times, CPU times and peak resident memory
# (/usr/bin/time -v), the ratios, and which goals of issues 7 and 15 are met.
# It checks too that two runs of chattool-lint print the same bytes, and that
# the one-folder run finds what the 110 folders do.
#
# What it needs and sets up when missing: the npm corpus (corpus.sh, needs
# npm), the scaled copies (scale.sh), ESLint 10.15.0 in $ESLINT_HOME (npm),
# hyperfine (apt-get; without it, the runs are timed here and the median
# taken). Go builds the command.
#
# Environment:
#   RUNS=5         measured rounds (after one warm-up round)
#   ESLINT_RUNS=3  rounds that run ESLint's one pass too (about 30 s each)
#   SCALE=10x      which scaled corpus (1x or 10x)
#   BIG_FILES=100000  files of the big folder (0: no big case)
#   BENCH_OUT=/tmp/chattool-bench  where the binary, raw timings and outputs go
#   CORPUS=/tmp/corpus  SHARED_BENCH=<repo>/../shared/bench
#   ESLINT_HOME=/tmp/corpus/eslint
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$REPO/../shared/bench}"
CORPUS="${CORPUS:-/tmp/corpus}"
SCALE="${SCALE:-10x}"
OUT="${BENCH_OUT:-/tmp/chattool-bench}"
RUNS="${RUNS:-5}"
ESLINT_RUNS="${ESLINT_RUNS:-3}"
BIG_FILES="${BIG_FILES:-100000}"
export ESLINT_HOME="${ESLINT_HOME:-$CORPUS/eslint}"
ESLINT_VERSION=10.15.0

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/run.sh: $*"; exit 2; }

[[ -d "$SHARED" && -f "$SHARED/eslint-peer.sh" ]] ||
	die "no ../shared/bench next to the repository (set SHARED_BENCH to the folder holding corpus.sh, scale.sh and eslint-peer.sh)"
command -v go >/dev/null || die "go is needed to build chattool-lint"
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is needed for peak memory: apt-get install -y time"

apt_install() {
	[[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null || return 1
	say "installing $* with apt-get"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >&2
}

# --- set up ------------------------------------------------------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	apt_install nodejs npm || die "Node.js and npm are needed (for the corpus and ESLint)"
fi
if [[ ! -x "$ESLINT_HOME/node_modules/.bin/eslint" ]]; then
	say "installing eslint@$ESLINT_VERSION in $ESLINT_HOME"
	mkdir -p "$ESLINT_HOME"
	(cd "$ESLINT_HOME" && { [[ -f package.json ]] || npm init -y >/dev/null; } && npm i -E "eslint@$ESLINT_VERSION" >&2) ||
		die "could not install ESLint (it needs Node.js 20.19 or later; this is $(node --version))"
fi
bash "$SHARED/corpus.sh" "$CORPUS/npm" >/dev/null
bash "$SHARED/scale.sh" "$CORPUS/npm" "$CORPUS/scaled" >/dev/null
D="$CORPUS/scaled/$SCALE"
[[ -f "$D/.complete" ]] || die "no scaled corpus at $D (SCALE is 1x or 10x)"
# The one-folder copy: hard links to the scaled corpus's files (no data is
# copied) under $CORPUS/one-folder/$SCALE, with a project.config.json above
# them; remade when the scaled corpus changes.
ONE="$CORPUS/one-folder"
if [[ ! -f "$ONE/.complete" || "$(cat "$ONE/.complete")" != "$SCALE $(cat "$D/.complete")" ]]; then
	say "linking the $SCALE corpus as one folder in $ONE"
	rm -rf "$ONE"
	mkdir -p "$ONE"
	cp -al "$D" "$ONE/$SCALE" 2>/dev/null || cp -a "$D" "$ONE/$SCALE"
	rm -f "$ONE/$SCALE/.complete"
	echo '{"compileType": "miniprogram"}' >"$ONE/project.config.json"
	echo "$SCALE $(cat "$D/.complete")" >"$ONE/.complete"
fi
BIG="$CORPUS/big"
if ((BIG_FILES > 0)); then
	bash "$REPO/bench/gen-big.sh" "$BIG" "$BIG_FILES" >&2
fi
HYPERFINE=1
if ! command -v hyperfine >/dev/null; then
	apt_install hyperfine || true
	command -v hyperfine >/dev/null || { HYPERFINE=0; say "no hyperfine: timing each run here and taking the median"; }
fi

mkdir -p "$OUT"
BIN="$OUT/chattool-lint"
say "building $BIN"
(cd "$REPO" && go build -o "$BIN" ./cmd/chattool-lint)

# The 110 package folders, in a fixed order, as one command line.
mapfile -t PKGS < <(find "$D" -mindepth 2 -maxdepth 2 -type d | LC_ALL=C sort)
((${#PKGS[@]})) || die "no package folders in $D"
printf '%q ' "$BIN" --assume-chat-tool --no-cache --fail-on never "${PKGS[@]}" >"$OUT/chattool.cmd"
CHATTOOL="$(cat "$OUT/chattool.cmd")"
ONECMD="$(printf '%q ' "$BIN" --assume-chat-tool --no-cache --fail-on never "$ONE")"
BIGCMD="$(printf '%q ' "$BIN" --assume-chat-tool --no-cache --fail-on never "$BIG")"
CAT="find $(printf '%q' "$D") -type f -print0 | xargs -0 cat > /dev/null"
PEER="QUIET=1 bash $(printf '%q' "$SHARED/eslint-peer.sh") $(printf '%q' "$D")"

# Same output on every run? (the report is kept, the timed runs print to /dev/null)
say "checking that two runs print the same bytes"
bash -c "$CHATTOOL" >"$OUT/chattool.1.txt" || die "chattool-lint failed (exit $?)"
bash -c "$CHATTOOL" >"$OUT/chattool.2.txt" || die "chattool-lint failed (exit $?)"
if cmp -s "$OUT/chattool.1.txt" "$OUT/chattool.2.txt"; then SAME=yes; else SAME="NO (see $OUT/chattool.[12].txt)"; fi
SUMMARY="$(grep -E '^[0-9,]+ errors?, ' "$OUT/chattool.1.txt" | tail -n 1)"
# The same files as one project. The same files are checked (the search of
# each of the 110 folders checks the loose files beside the projects it
# finds too), but mp-html's folder holds a demo mini program
# (tools/demo/miniprogram): a project of its own among the 110 folders,
# with a project's findings (its settings, its components), and loose files
# in the one folder. RULE_DIFF says which rules find more or less.
bash -c "$ONECMD" >"$OUT/chattool-one.txt" || die "chattool-lint failed on $ONE (exit $?)"
ONE_SUMMARY="$(grep -E '^[0-9,]+ errors?, ' "$OUT/chattool-one.txt" | tail -n 1)"
# rules FILE: the findings of a text report by rule, "rule count" a line.
rules() { grep -oE '\(([a-z]+-)*[a-z]+\)$' "$1" | tr -d '()' | sort | uniq -c | awk '{print $2, $1}'; }
RULE_DIFF="$(join -a1 -a2 -e 0 -o 0,1.2,2.2 <(rules "$OUT/chattool.1.txt") <(rules "$OUT/chattool-one.txt") |
	awk '$2 != $3 {printf "%s%s %d (110 folders) / %d (one folder)", sep, $1, $2, $3; sep = ", "}')"
[[ -n "$RULE_DIFF" ]] || RULE_DIFF="none"

# --- measure -----------------------------------------------------------------
# The cases run in rounds, each round every case once (ESLint's one pass in
# the first ESLINT_RUNS rounds), after a warm-up round that is not counted
# (it fills the page cache and ESLint's cache): other work on the machine
# then weighs on every case alike. Each run is wrapped in GNU time, whose
# reports ($OUT/NAME.time) give CPU time and peak RSS; hyperfine (one run of
# each case per round, shell start-up subtracted) or date give the wall time.
# Writes $OUT/NAME.wall (seconds, one a line), $OUT/NAME.cpu (user + system
# seconds) and $OUT/NAME.rss (KiB).
declare -A CMD=([cat]="$CAT" [chattool]="$CHATTOOL" [chattool-one]="$ONECMD" [chattool-big]="$BIGCMD" [eslint-warm]="$PEER --cache" [eslint]="$PEER")
OURS=(chattool chattool-one)
((BIG_FILES > 0)) && OURS+=(chattool-big)
CASES=(cat "${OURS[@]}" eslint-warm eslint)
timed() { echo "/usr/bin/time -v -a -o $(printf '%q' "$OUT/$1.time") bash -c $(printf '%q' "${CMD[$1]} >/dev/null")"; }
for c in "${CASES[@]}"; do rm -f "$OUT/$c".{time,wall,rss,cpu}; done
# round N CASE...: one run of each case; appends the wall times.
round() {
	local n="$1"
	shift
	if ((HYPERFINE)); then
		local args=() c
		for c in "$@"; do args+=(-n "$c" "$(timed "$c")"); done
		hyperfine --style none --runs 1 --export-json "$OUT/round-$n.json" "${args[@]}" >&2
		node -e '
			const fs = require("fs");
			for (const r of JSON.parse(fs.readFileSync(process.argv[1], "utf8")).results)
				fs.appendFileSync(`${process.argv[2]}/${r.command}.wall`, r.times[0] + "\n");
		' "$OUT/round-$n.json" "$OUT"
	else
		local c t0 t1
		for c in "$@"; do
			t0=$(date +%s.%N)
			bash -c "$(timed "$c")"
			t1=$(date +%s.%N)
			echo "$t1 - $t0" | bc -l >>"$OUT/$c.wall"
		done
	fi
}
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
say "warm-up round (not counted)"
for c in cat "${OURS[@]}" eslint-warm; do bash -c "$(timed "$c")"; done
for c in cat "${OURS[@]}" eslint-warm; do rm -f "$OUT/$c.time"; done
for n in $(seq "$RUNS"); do
	say "round $n of $RUNS"
	if ((n <= ESLINT_RUNS)); then round "$n" "${CASES[@]}"; else round "$n" cat "${OURS[@]}" eslint-warm; fi
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${CASES[@]}"; do
	grep 'Maximum resident set size' "$OUT/$c.time" | awk '{print $NF}' >"$OUT/$c.rss"
	awk '/User time \(seconds\)/ {u = $NF} /System time \(seconds\)/ {print u + $NF}' "$OUT/$c.time" >"$OUT/$c.cpu"
done
median() { sort -g "$1" | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
range() { sort -g "$1" | awk 'NR==1{lo=$1} {hi=$1} END {printf "%.3f–%.3f", lo, hi}'; }

# --- report ------------------------------------------------------------------
declare -A T R C
for c in "${CASES[@]}"; do
	T[$c]=$(median "$OUT/$c.wall")
	C[$c]=$(median "$OUT/$c.cpu")
	R[$c]=$(awk '{print $1/1024}' "$OUT/$c.rss" >"$OUT/$c.rss.mib" && median "$OUT/$c.rss.mib")
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a/b}'; }
# vs CASE: how CASE's median wall time compares with chattool-lint's
vs() { awk -v a="${T[$1]}" -v b="${T[chattool]}" 'BEGIN {if (a >= b) printf "%.1fx slower", a/b; else printf "%.1fx faster", b/a}'; }
count() { find "$D" -type f \( "$@" \) | wc -l; }
BYTES=$(find "$D" -type f ! -name .complete -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
NFILES=$(find "$D" -type f ! -name .complete | wc -l)
JS=$(count -name '*.js')
BIG_MB=0
((BIG_FILES > 0)) && BIG_MB=$(find "$BIG" -type f ! -name .complete -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
ESLINT_V="$("$ESLINT_HOME/node_modules/.bin/eslint" --version)"
R_ESL=$(ratio "${T[eslint]}" "${T[chattool]}")
R_WARM=$(ratio "${T[eslint-warm]}" "${T[chattool]}")
R_CAT=$(ratio "${T[chattool]}" "${T[cat]}")
verdict() { if awk -v x="$1" -v op="$2" -v y="$3" 'BEGIN {exit !(op == ">=" ? x >= y : op == "<=" ? x <= y : op == "<" ? x < y : x > y)}'; then echo met; else echo "NOT met"; fi; }

{
	echo "chattool-lint benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Machine: $(nproc) cores ($CPU), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr);" \
		"$(go version | cut -d' ' -f3), Node.js $(node --version), ESLint ${ESLINT_V#v}; load average $LOAD_BEFORE before, $LOAD_AFTER after."
	echo "Corpus: $D, $NFILES files, $BYTES MB ($JS .js, $(count -name '*.ts' ! -name '*.d.ts') .ts, $(count -name '*.wxs') .wxs," \
		"$(count -name '*.wxml') .wxml, $(count -name '*.wxss') .wxss, $(count -name '*.json') .json), ${#PKGS[@]} package folders."
	echo "Median of $RUNS runs ($ESLINT_RUNS for ESLint's one pass), in rounds (each round runs every case once) after a warm-up round; page cache warm."
	echo
	echo "| what | median wall | min–max | CPU (user+sys) | peak RSS | vs chattool-lint |"
	echo "|---|---|---|---|---|---|"
	row() { printf '| %s | %.3f s | %s s | %.2f s | %.0f MiB | %s |\n' "$1" "${T[$2]}" "$(range "$OUT/$2.wall")" "${C[$2]}" "${R[$2]}" "$3"; }
	row '`cat` every file > /dev/null (the floor)' cat "$(vs cat)"
	row 'chattool-lint, every rule, every file type, 1 invocation' chattool 1
	row 'ESLint peer, 2 rules, .js only, one pass' eslint "$(vs eslint)"
	row 'ESLint peer, `--cache` warm (nothing changed)' eslint-warm "$(vs eslint-warm)"
	row 'chattool-lint, the same files as one folder (one project)' chattool-one "$(vs chattool-one)"
	((BIG_FILES > 0)) && row "chattool-lint, one folder of $(printf "%'d" "$BIG_FILES") small files ($BIG_MB MB)" chattool-big "$(vs chattool-big)"
	echo
	echo "Goals (issue 7):"
	echo "- ESLint one pass / chattool-lint = ${R_ESL}x, goal at least 50x: $(verdict "$R_ESL" ">=" 50)"
	printf -- '- chattool-lint peak RSS = %.0f MiB, goal at most 150 MiB: %s\n' "${R[chattool]}" "$(verdict "${R[chattool]}" "<=" 150)"
	echo "- ESLint warm cache / chattool-lint = ${R_WARM}x, goal above 1x (a full run faster than ESLint's warm-cache run): $(verdict "$R_WARM" ">" 1)"
	echo "- chattool-lint / cat floor = ${R_CAT}x"
	echo "- in CPU time (user+sys, all cores), ESLint one pass / chattool-lint = $(ratio "${C[eslint]}" "${C[chattool]}")x," \
		"ESLint warm cache / chattool-lint = $(ratio "${C[eslint-warm]}" "${C[chattool]}")x"
	echo
	echo "Goals (issue 15: memory that does not grow with the folder):"
	printf -- '- peak RSS: %.0f MiB as 110 folders, %.0f MiB as one folder; goal at most 150 MiB in both: %s\n' "${R[chattool]}" "${R[chattool-one]}" \
		"$(if [[ "$(verdict "${R[chattool]}" "<=" 150)" == met && "$(verdict "${R[chattool-one]}" "<=" 150)" == met ]]; then echo met; else echo "NOT met"; fi)"
	echo "- one folder / 110 folders, wall time = $(awk -v a="${T[chattool-one]}" -v b="${T[chattool]}" 'BEGIN {printf "%.2f", a/b}')x" \
		"(CPU time $(awk -v a="${C[chattool-one]}" -v b="${C[chattool]}" 'BEGIN {printf "%.2f", a/b}')x), goal at most 1.10x: $(verdict "$(awk -v a="${T[chattool-one]}" -v b="${T[chattool]}" 'BEGIN {print a/b}')" "<=" 1.10)"
	if ((BIG_FILES > 0)); then
		printf -- '- %s files in one folder: peak RSS %.0f MiB, goal under 200 MiB: %s\n' "$(printf "%'d" "$BIG_FILES")" "${R[chattool-big]}" "$(verdict "${R[chattool-big]}" "<" 200)"
	fi
	echo
	echo "chattool-lint's report: $SUMMARY; the same bytes on two runs: $SAME. As one folder: $ONE_SUMMARY."
	echo "Rules whose findings differ between the two: $RULE_DIFF."
	echo "chattool-lint ran as: chattool-lint --assume-chat-tool --no-cache --fail-on never $D/copy*/* (${#PKGS[@]} folders, built from this checkout)."
	echo "As one folder it ran as: chattool-lint --assume-chat-tool --no-cache --fail-on never $ONE ($ONE/$SCALE: hard links to $D, and $ONE/project.config.json)."
	((BIG_FILES > 0)) && echo "The big folder: $BIG, made by bench/gen-big.sh $BIG $BIG_FILES."
	echo "Raw timings: $OUT/{cat,chattool,chattool-one,chattool-big,eslint,eslint-warm}.{wall,rss,time}"
} | tee "$OUT/table.md"
