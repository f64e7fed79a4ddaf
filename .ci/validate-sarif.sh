#!/usr/bin/env bash
# Validate SARIF files the way GitHub code scanning will judge them:
#
#   .ci/validate-sarif.sh FILE...
#
# Two independent checks, both must pass for every FILE:
#
# 1. Microsoft's SARIF validator (GitHub's docs point to it) with the SARIF
#    rules and GitHub's ingestion rules ("Gh": GH1001... GH2012...):
#      npx --yes @microsoft/sarif-multitool@5.7.0 validate --rule-kind '"Sarif;Gh"' FILE -o OUT
#    The npm wrapper runs the tool through a shell (spawnSync with
#    shell: true), so the ";" must reach it quoted: unquoted, the shell cuts
#    the argument at it, runs "Gh" as a command ("Gh: not found") and the
#    validator, left with no GitHub rules (and, for that shell, no file
#    argument), says ERR997. For the same reason each FILE is copied to a
#    temporary file with a plain name before it is passed on.
#    The validator exits 0 even when it reports errors, so this script reads
#    its output log OUT (itself SARIF) and counts results whose level
#    (explicit, or the rule's default, or "warning") is "error", plus
#    error-level notifications, and also greps its console output.
#    Caveat found while writing this: given a value its object model can't
#    read, such as "level": "fatal", the validator silently checks nothing and
#    reports success. Hence check 2.
# 2. The SARIF 2.1.0 JSON schema, with .ci/sarifschema (Go,
#    github.com/santhosh-tekuri/jsonschema/v6), using the sarif-2.1.0.json
#    that the @microsoft/sarif-multitool-linux npm package ships (the OASIS
#    schema in JSON Schema draft 2020-12, as GitHub's upload-sarif action
#    validates with). SARIF_SCHEMA=FILE uses another copy.
#
# What it needs: Node.js with npm (installed with apt-get when missing and
# running as root), Go, and the npm registry. The npm package is a
# self-contained .NET single-file program: no .NET runtime is needed, only
# glibc, libstdc++, zlib and ICU; without ICU (libicu) it runs in .NET's
# invariant-globalization mode.
#
# The validator's SARIF2006 rule tries to fetch every URI in the file (helpUri,
# $schema...) even though its notes aren't reported; the validator is run
# with HTTP(S)_PROXY pointing at a closed loopback port so that it reaches no
# network (those checks fail as "not reachable", a note, which is ignored).
#
# Exit status: 0 if every file passed both checks, 1 if any failed, 2 on a
# usage or setup error.

set -uo pipefail

MULTITOOL=@microsoft/sarif-multitool@5.7.0

die() { echo "validate-sarif: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "usage: $0 FILE..."
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || die "cannot find the repository"

files=()
for f in "$@"; do
	[ -f "$f" ] || die "$f: no such file"
	files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done

# --- Tools -----------------------------------------------------------------

if ! command -v npx >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "validate-sarif: installing Node.js and npm with apt-get" >&2
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; } >&2 ||
			die "could not install Node.js and npm"
	fi
	command -v npx >/dev/null 2>&1 || die "npx (Node.js with npm) is needed"
fi
command -v go >/dev/null 2>&1 || die "go is needed"

if ! { ldconfig -p 2>/dev/null | grep -q 'libicuuc\.so'; }; then
	export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi

# Install the validator into npx's cache (or find it there) and find the
# package directory beside its command, for the schema.
bindir=$(npx --yes -p "$MULTITOOL" -c 'dirname "$(command -v sarif-multitool)"' 2>/dev/null | tail -n 1) ||
	die "could not install $MULTITOOL with npx"
[ -n "$bindir" ] && [ -d "$bindir" ] || die "could not install $MULTITOOL with npx"
schema=${SARIF_SCHEMA:-$bindir/../@microsoft/sarif-multitool-linux/sarif-2.1.0.json}
[ -f "$schema" ] || die "$schema: no SARIF schema there (set SARIF_SCHEMA)"

tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

# errors_in OUT: the number of error-level results and notifications in the
# validator's output log.
errors_in() {
	node -e '
		const fs = require("fs");
		const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8").replace(/^\uFEFF/, ""));
		let n = 0;
		for (const run of log.runs || []) {
			const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
			for (const r of run.results || []) {
				let rule = typeof r.ruleIndex === "number" ? rules[r.ruleIndex] : undefined;
				if (!rule) rule = rules.find((x) => x.id === r.ruleId);
				const level = r.level || (rule && rule.defaultConfiguration && rule.defaultConfiguration.level) || "warning";
				if (level === "error") n++;
			}
			for (const inv of run.invocations || []) {
				for (const k of ["toolExecutionNotifications", "toolConfigurationNotifications"]) {
					for (const x of inv[k] || []) if ((x.level || "warning") === "error") n++;
				}
				if (inv.executionSuccessful === false) n++;
			}
		}
		console.log(n);
	' "$1"
}

# validate IN OUT: run the validator in $tmp on the file $tmp/IN, writing the
# log $tmp/OUT; its console output goes to stdout.
validate() {
	(
		cd "$tmp" &&
			HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 NO_PROXY= no_proxy= \
				npx --offline --yes "$MULTITOOL" validate --rule-kind '"Sarif;Gh"' "$1" -o "$2"
	) 2>&1
}

# --- 0. Are GitHub's rules really on? ----------------------------------------
# report/testdata/broken-github.sarif is valid SARIF that GitHub would reject
# (rules without descriptions or help): the validator must say so with GH
# rules, or it runs without them and every check below would pass too easily.

cp "$repo/report/testdata/broken-github.sarif" "$tmp/canary.sarif"
validate canary.sarif canary.out.sarif >"$tmp/canary.txt"
if ! grep -qE ': error GH[0-9]+' "$tmp/canary.txt"; then
	grep -v '^npm warn' "$tmp/canary.txt" >&2
	die "the validator did not apply GitHub's rules (GH...) to report/testdata/broken-github.sarif"
fi

failed=0

# --- 1. Microsoft's SARIF validator with GitHub's rules ----------------------

i=0
for f in "${files[@]}"; do
	i=$((i + 1))
	in=in$i.sarif out=out$i.sarif console=$tmp/console$i.txt
	cp "$f" "$tmp/$in"
	echo "== sarif-multitool validate --rule-kind Sarif;Gh: $f"
	validate "$in" "$out" >"$console"
	status=$?
	grep -v '^npm warn' "$console" | sed "s|$tmp/$in|$(printf '%s' "$f" | sed 's/[&|\\]/\\&/g')|g"

	problems=()
	[ $status = 0 ] || problems+=("the validator exited with status $status")
	if grep -qE 'Gh: (command )?not found|ERR997' "$console"; then
		problems+=("the GitHub rules did not run (Gh: not found / ERR997): the rule kinds were not passed quoted")
	fi
	console_errors=$(grep -cE '(^|: )error [A-Z]+[0-9]+' "$console")
	[ "$console_errors" = 0 ] || problems+=("$console_errors error(s) on the console")
	if [ ! -s "$tmp/$out" ]; then
		problems+=("the validator wrote no output log")
	elif ! log_errors=$(errors_in "$tmp/$out"); then
		problems+=("the validator's output log is not readable SARIF")
	elif [ "$log_errors" != 0 ]; then
		problems+=("$log_errors error(s) in the validator's output log")
	fi

	if [ ${#problems[@]} = 0 ]; then
		echo "PASS (validator): $f"
	else
		failed=1
		for p in "${problems[@]}"; do echo "FAIL (validator): $f: $p"; done
	fi
done

# --- 2. The SARIF 2.1.0 JSON schema ------------------------------------------

echo "== JSON schema: $(cd "$(dirname "$schema")" && pwd)/$(basename "$schema")"
(cd "$repo" && go build -o "$tmp/sarifschema" ./.ci/sarifschema) || die "cannot build .ci/sarifschema"
"$tmp/sarifschema" -schema "$schema" "${files[@]}"
case $? in
0) echo "PASS (schema): all files" ;;
1) failed=1; echo "FAIL (schema): see above" ;;
*) failed=1; echo "FAIL (schema): could not check" ;;
esac

if [ $failed = 0 ]; then
	echo "validate-sarif: all ${#files[@]} file(s) valid"
else
	echo "validate-sarif: INVALID SARIF"
fi
exit $failed
