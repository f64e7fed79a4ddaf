#!/usr/bin/env bash
# Tests the pre-commit hooks in .pre-commit-hooks.yaml for real, with
# Debian's pre-commit: `pre-commit try-repo` of both hooks on a git repository
# holding a copy of testdata/example, then the README's .pre-commit-config.yaml
# installed as the repository's git hook and run by `git commit`.
#
# pre-commit builds the hooks as users get them: it clones this repository
# and runs `go install ./...` in the clone (language: golang), with the Go on
# the PATH. It clones a commit, so the script first commits a snapshot of the
# working tree (tracked and untracked files, less the ignored ones) to a
# scratch repository: that works on CI's clean clone and on a tree with
# uncommitted or new files alike (try-repo's own snapshot of local changes
# leaves out untracked files).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

step() { printf '\n-- %s\n' "$*"; }
fail() {
	printf 'precommit-test: FAIL: %s\n' "$*" >&2
	exit 1
}

if ! command -v pre-commit >/dev/null 2>&1; then
	step "installing pre-commit (Debian package)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq pre-commit >/dev/null
fi
pre-commit --version

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME=$tmp/pre-commit-home
# pre-commit runs `go install` with GOPATH set to the hook's environment, so
# the modules would be downloaded again for every try-repo (each has a store
# of its own); share the module cache instead. Nothing else is changed: no
# GOFLAGS are needed (-mod=mod is not: go.sum is complete, and the default
# -mod=readonly checks that it stays so).
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
git() { command git -c user.name=precommit-test -c user.email=precommit-test@localhost -c commit.gpgsign=false "$@"; }

step "snapshot of this repository"
snap=$tmp/chattool-lint
mkdir -p "$snap"
(
	cd "$ROOT"
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do
			if [ -f "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
		done |
		xargs -0 cp -d --parents -t "$snap"
)
git -C "$snap" init -q
git -C "$snap" add -A
git -C "$snap" commit -q -m snapshot
rev=$(git -C "$snap" rev-parse HEAD)
(cd "$snap" && pre-commit validate-manifest .pre-commit-hooks.yaml) || fail "pre-commit rejects .pre-commit-hooks.yaml"
echo "$snap at $rev"

step "fixture repository: a copy of testdata/example in app/, beside a backend, as real repositories hold it"
fix=$tmp/fixture
mkdir -p "$fix/app" "$fix/backend"
cp -R "$ROOT/testdata/example/." "$fix/app/"
printf 'Notes, not a file chattool-lint reads.\n' >"$fix/NOTES.md"
printf 'require("http").createServer().listen(8080)\n' >"$fix/backend/server.js"
printf '{"name": "backend", "private": true}\n' >"$fix/backend/package.json"
git -C "$fix" init -q
git -C "$fix" add -A
git -C "$fix" commit -q -m fixture

# hook NAME WANT COMMAND...: run COMMAND in the fixture repository, keep its
# output in $tmp/NAME.log and check that it exits WANT.
hook() {
	local name=$1 want=$2 got
	shift 2
	echo "\$ $*"
	set +e
	(cd "$fix" && "$@") >"$tmp/$name.log" 2>&1
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		cat "$tmp/$name.log"
		fail "$name: exit status $got, want $want"
	fi
	# The hook lines and the tool's summary; the whole log on failure.
	grep -E '\.\.\.\.|^- (hook id|exit code|duration)|^[0-9]+ errors?,|no problems' "$tmp/$name.log" | sed 's/^/    /' || true
}
# has NAME TEXT...: each TEXT is in NAME's output; lacks NAME TEXT...: none is.
has() {
	local name=$1 text
	shift
	for text in "$@"; do
		grep -qF -- "$text" "$tmp/$name.log" || fail "$name: output lacks \"$text\""
	done
}
lacks() {
	local name=$1 text
	shift
	for text in "$@"; do
		! grep -qF -- "$text" "$tmp/$name.log" || fail "$name: output has \"$text\""
	done
}

mp=app/miniprogram
vote=$mp/packageChatTool/pages/vote

step "chattool-lint on a staged file without findings passes, while the project has errors elsewhere"
printf '// edited\n' >>"$fix/$mp/pages/index/index.js"
git -C "$fix" add "$mp/pages/index/index.js"
hook staged-clean 0 pre-commit try-repo "$snap" chattool-lint --verbose
has staged-clean "chattool-lint" "Passed"
lacks staged-clean "error:" "warning:"

step "chattool-lint on staged files reports the findings in them, seen in the whole project"
# index.ts breaks chat-tool rules only because app.json makes its folder the
# chat-tool subpackage: the hook must load the project to see them.
printf '// edited\n' >>"$fix/$vote/index.ts"
git -C "$fix" add "$vote/index.ts"
hook staged-errors 1 pre-commit try-repo "$snap" chattool-lint
has staged-errors "Failed" \
	"$vote/index.ts:24:5: error:" "(chattool-disabled-api)" "(min-base-library)" "(chattool-api-args)"
# Only the staged files: not the project's other findings.
lacks staged-errors "index.wxml" "index.wxss" "app.json" "pages/index/index.json" \
	"(skyline-config)" "(missing-file)" "(chattool-declaration)"
git -C "$fix" commit -q -m edits

step "chattool-lint --files: a component template reached from the chat tool, a page json with a warning"
hook files 1 pre-commit try-repo "$snap" chattool-lint --files \
	"$mp/packageChatTool/components/vote-card/index.wxml" "$mp/pages/index/index.json"
has files "Failed" "$mp/packageChatTool/components/vote-card/index.wxml:2:2: error:" "(chattool-disabled-component)" \
	"$mp/pages/index/index.json:2:3: warning:" "(config-schema)"
lacks files "$vote/" "app.json" "(skyline-config)"

step "chattool-lint --files: a warning alone does not fail the commit"
hook files-warning 0 pre-commit try-repo "$snap" chattool-lint --verbose --files "$mp/pages/index/index.json"
has files-warning "Passed" "$mp/pages/index/index.json:2:3: warning:" "(config-schema)"

step "chattool-lint on staged files of the backend, in no mini program, passes"
hook files-backend 0 pre-commit try-repo "$snap" chattool-lint --verbose --files backend/server.js backend/package.json
has files-backend "Passed"
lacks files-backend "error:" "warning:"

step "chattool-lint skips files it does not read"
hook files-other 0 pre-commit try-repo "$snap" chattool-lint --files NOTES.md
has files-other "no files to check" "Skipped"

step "chattool-lint-full --all-files finds the project below the repository root and checks it whole"
hook full 1 pre-commit try-repo "$snap" chattool-lint-full --all-files
has full "chattool-lint (whole project)" "Failed" \
	"$mp/app.json:27:22: error:" "(skyline-config)" "(chattool-declaration)" "(chattool-renderer)" \
	"(missing-file)" "(open-data)" "(independent-isolation)" "(chattool-disabled-component)" \
	"(chattool-disabled-api)" "(skyline-support)" "(config-schema)" \
	"checked 1 mini program (app with chat tool packageChatTool)"

step "chattool-lint-full runs with nothing staged (always_run)"
hook full-nothing-staged 1 pre-commit try-repo "$snap" chattool-lint-full
has full-nothing-staged "chattool-lint (whole project)" "Failed" "(skyline-config)"

step "the README's .pre-commit-config.yaml, installed as the git hook"
# The first yaml block after the README line that names the file, with this
# snapshot for the repository and its commit for the rev.
awk '
	/^## Use it where you work/ { section = 1 }
	section && /`\.pre-commit-config\.yaml`/ { named = 1 }
	named && !inblock && /^```yaml/ { inblock = 1; next }
	inblock && /^```/ { exit }
	inblock { print }
' "$ROOT/README.md" >"$tmp/readme-config.yaml"
grep -Eq 'id: chattool-lint([[:space:]]|$)' "$tmp/readme-config.yaml" || fail "no .pre-commit-config.yaml with the chattool-lint hook found in README.md's \"Use it where you work\""
sed -e "s|repo: https://github.com/chattool-lint/chattool-lint|repo: $snap|" \
	-e "s|rev: .*|rev: $rev|" "$tmp/readme-config.yaml" >"$fix/.pre-commit-config.yaml"
cat "$fix/.pre-commit-config.yaml"
grep -q "repo: $snap" "$fix/.pre-commit-config.yaml" || fail "the README's config does not name https://github.com/chattool-lint/chattool-lint"
(cd "$fix" && pre-commit validate-config .pre-commit-config.yaml) || fail "pre-commit rejects the README's .pre-commit-config.yaml"
git -C "$fix" add .pre-commit-config.yaml
git -C "$fix" commit -q --no-verify -m "pre-commit config"
(cd "$fix" && pre-commit install) >/dev/null

printf '// edited again\n' >>"$fix/$mp/pages/index/index.js"
git -C "$fix" add "$mp/pages/index/index.js"
hook commit-clean 0 git commit -m "a clean change"
has commit-clean "chattool-lint" "Passed"
# The whole-project hook is in the config for CI, not for commits: the
# project has errors, so the commit above passed only because it did not run.
lacks commit-clean "whole project"
hook manual-full 1 pre-commit run --hook-stage manual chattool-lint-full
has manual-full "chattool-lint (whole project)" "Failed" "(skyline-config)" "(config-schema)"

printf '<view>edited</view>\n' >>"$fix/$vote/index.wxml"
git -C "$fix" add "$vote/index.wxml"
hook commit-errors 1 git commit -m "a change to a file with errors"
has commit-errors "Failed" "$vote/index.wxml:8:9: error:" "(chattool-disabled-component)" "(open-data)"
lacks commit-errors "index.ts" "app.json"
[ -n "$(git -C "$fix" diff --cached --name-only)" ] || fail "the rejected commit was made"

step "pre-commit hooks: all checks passed"
