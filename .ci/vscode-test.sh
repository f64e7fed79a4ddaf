#!/usr/bin/env bash
# Tests and packs the VS Code extension (editors/vscode):
#
# 1. npm ci (vscode-languageclient, and @vscode/vsce to pack);
# 2. its unit tests (node --test): the binary lookup on real folders (the
#    workspace's node_modules, then the PATH, then the chattool-lint.path
#    setting; npm's, a monorepo's and pnpm's layouts; untrusted workspaces),
#    the start-up with stand-ins for the vscode module and the client, and
#    chattool-lint lsp (built here) answering initialize and publishing the
#    example's diagnostics through the client library's transport;
# 3. the .vsix, packed with vsce, and what it holds.
#
# The extension in a real VS Code (code-server, in headless Chromium) is
# editors/vscode/test/code-server/run.sh: minutes of native builds, so by
# hand, not here. Needs node and npm, go and the npm registry.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EXT=$ROOT/editors/vscode

step() { printf '\n-- %s\n' "$*"; }
fail() {
	printf 'vscode-test: FAIL: %s\n' "$*" >&2
	exit 1
}
start=$SECONDS

if ! command -v npm >/dev/null 2>&1; then
	step "installing Node.js and npm (Debian packages)"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step "npm ci in editors/vscode"
t=$SECONDS
(cd "$EXT" && npm ci --no-audit --no-fund --loglevel=error)
echo "   ($((SECONDS - t)) s)"

step "unit tests, and chattool-lint lsp through the client library's transport"
(cd "$ROOT" && go build -o "$tmp/chattool-lint" ./cmd/chattool-lint)
(cd "$EXT" && CHATTOOL_LINT_TEST_BINARY=$tmp/chattool-lint node --test test/resolve.test.js test/extension.test.js) >"$tmp/test.log" 2>&1 || {
	cat "$tmp/test.log"
	fail "node --test"
}
grep -E '^(not )?ok |^# (tests|pass|fail|skipped)' "$tmp/test.log"
! grep -q '^# skipped [1-9]' "$tmp/test.log" || fail "a test was skipped"

step "vsce package"
t=$SECONDS
(cd "$EXT" && npx --no vsce package --skip-license -o "$tmp/chattool-lint.vsix") >"$tmp/vsce.log" 2>&1 || {
	cat "$tmp/vsce.log"
	fail "vsce package"
}
grep -E 'DONE|WARNING' "$tmp/vsce.log" || true
unzip -Z1 "$tmp/chattool-lint.vsix" >"$tmp/files"
for f in extension.vsixmanifest extension/package.json extension/extension.js extension/lib/resolve.js \
	extension/language/wxml.json extension/language/wxss.json extension/readme.md \
	extension/node_modules/vscode-languageclient/node.js extension/node_modules/vscode-jsonrpc/package.json; do
	grep -qx "$f" "$tmp/files" || fail "the .vsix lacks $f"
done
! grep -q '^extension/test/' "$tmp/files" || fail "the .vsix holds the tests"
unzip -p "$tmp/chattool-lint.vsix" extension/package.json | node -e '
	const p = JSON.parse(require("fs").readFileSync(0, "utf8"));
	const ids = p.contributes.languages.map((l) => l.id + ":" + l.extensions.join());
	if (ids.join(" ") !== "wxml:.wxml wxss:.wxss") { console.error("vscode-test: FAIL: languages " + ids); process.exit(1); }
	if (p.main !== "./extension.js") { console.error("vscode-test: FAIL: main " + p.main); process.exit(1); }
'
ls -l "$tmp/chattool-lint.vsix" | awk '{print "   " $5 " bytes, " n " files"}' n="$(wc -l <"$tmp/files")"
echo "   ($((SECONDS - t)) s)"

step "VS Code extension: all checks passed ($((SECONDS - start)) s)"
