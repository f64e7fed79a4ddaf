#!/usr/bin/env bash
# Tests the npm packages (npm/) as users get them, from local tarballs only:
#
# 1. npm/build.sh builds the packages for this system from the working tree
#    (version 0.0.0-ci); a fresh project installs chattool-lint from the
#    tarballs with `npm install --offline`, npm picks this system's binary
#    package through the optionalDependencies (os/cpu), and `npx
#    chattool-lint --version` and `npx chattool-lint .` run on a copy of
#    testdata/example (exit status, findings, JSON and SARIF tool version,
#    standard input).
# 2. With PATH=/usr/bin:/bin, where there is no Go, commit hooks set up from
#    the npm package alone refuse a commit of a file with errors and let a
#    clean one through: husky + lint-staged (the README's setup), pre-commit
#    with a `repo: local` hook of `language: node` whose additional
#    dependency is the npm package, and the `language: system` hooks of
#    .pre-commit-hooks.yaml (chattool-lint-npm with the project's
#    node_modules, chattool-lint-system with a global npm install).
#
# No chattool-lint package comes from the public registry: the project's
# package.json maps every @chattool-lint package to a local tarball
# (`overrides`), the other systems' packages by stand-ins that hold only their
# package.json (npm reads their os and cpu and installs none of them), and the
# npm configuration sends the @chattool-lint scope to a closed local port.
# husky and lint-staged come from the registry. Needs git, node, npm, go (for
# the build) and pre-commit (Debian's, installed when missing and root).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

step() { printf '\n-- %s\n' "$*"; }
fail() {
	printf 'npm-test: FAIL: %s\n' "$*" >&2
	exit 1
}
start=$SECONDS
took() { echo "   ($((SECONDS - ${1:-$start})) s)"; }

if ! command -v npm >/dev/null 2>&1 || ! command -v pre-commit >/dev/null 2>&1; then
	step "installing Node.js, npm and pre-commit (Debian packages)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	command -v npm >/dev/null 2>&1 || apt-get install -y -qq nodejs npm >/dev/null
	command -v pre-commit >/dev/null 2>&1 || apt-get install -y -qq pre-commit >/dev/null
fi
echo "node $(node --version), npm $(npm --version), $(pre-commit --version), $(go version)"

# The PATH of the hook tests: the system's own programs, no Go.
NOGO=/usr/bin:/bin
if PATH=$NOGO command -v go >/dev/null 2>&1; then
	fail "go is in $NOGO: the hook tests need a PATH without Go"
fi
for tool in node npm npx git pre-commit; do
	PATH=$NOGO command -v "$tool" >/dev/null 2>&1 || fail "$tool is not in $NOGO"
done

tmp=$(mktemp -d)
# NPM_TEST_KEEP=1 keeps the folder, with every command's log, for a look.
[ -n "${NPM_TEST_KEEP:-}" ] || trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
version=0.0.0-ci
platform=$(node -p 'process.platform + "-" + process.arch')
pkgs=$tmp/npm
main_tgz=$pkgs/chattool-lint-$version.tgz
plat_tgz=$pkgs/chattool-lint-$platform-$version.tgz

# Every npm below reads this configuration (pre-commit unsets the user
# configuration in its environments, not the global one).
cat >"$tmp/npmrc" <<EOF
@chattool-lint:registry=http://127.0.0.1:9/
fetch-retries=0
audit=false
fund=false
update-notifier=false
EOF
cp "$tmp/npmrc" "$tmp/npmrc-global"
export NPM_CONFIG_USERCONFIG=$tmp/npmrc NPM_CONFIG_GLOBALCONFIG=$tmp/npmrc-global
# npx runs what is installed and never installs (it would, without a
# terminal: --yes is its default there).
export npm_config_yes=false
export PRE_COMMIT_HOME=$tmp/pre-commit-home
git() { command git -c user.name=npm-test -c user.email=npm-test@localhost -c commit.gpgsign=false -c init.defaultBranch=main "$@"; }

step "npm/build.sh: the packages for $platform, from the working tree, as $version"
t=$SECONDS
bash "$ROOT/npm/build.sh" -o "$pkgs" -p current --worktree "$version"
[ -f "$main_tgz" ] && [ -f "$plat_tgz" ] || fail "npm/build.sh did not write $main_tgz and $plat_tgz"
ls -l "$pkgs"
# No install script in either, the system package's os and cpu, every system
# an exact optional dependency of the command's package.
for tgz in "$main_tgz" "$plat_tgz"; do
	tar -xOzf "$tgz" package/package.json | node -e '
		const p = JSON.parse(require("fs").readFileSync(0, "utf8"));
		const [file, platform, version] = process.argv.slice(1);
		const fail = (m) => { console.error(`npm-test: FAIL: ${file}: ${m}`); process.exit(1); };
		if (p.scripts) fail("has scripts: " + JSON.stringify(p.scripts));
		if (p.version !== version) fail(`version ${p.version}`);
		if (p.name === "chattool-lint") {
			const want = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64"];
			for (const w of want) if (p.optionalDependencies["@chattool-lint/" + w] !== version) fail("no optional dependency @chattool-lint/" + w);
			if (p.bin["chattool-lint"] !== "bin/chattool-lint") fail("bin");
		} else {
			const [os, cpu] = platform.split("-");
			if (p.name !== "@chattool-lint/" + platform || p.os.join() !== os || p.cpu.join() !== cpu) fail("name, os or cpu");
		}
	' "$tgz" "$platform" "$version"
done
tar -tvzf "$plat_tgz" | grep -E ' package/bin/chattool-lint(\.exe)?$' | grep -q '^-rwx' || fail "the binary is not in $plat_tgz, or not executable"
took $t

step "the launcher's unit tests"
node --test "$ROOT/npm/chattool-lint/test/binary.test.js" 2>&1 | grep -E '^# (tests|pass|fail)|^not ok' || true
node --test "$ROOT/npm/chattool-lint/test/binary.test.js" >/dev/null 2>&1 || fail "node --test npm/chattool-lint/test/binary.test.js"

step "stand-ins for the other systems' packages (package.json only)"
overrides="{"
for p in linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64 win32-arm64; do
	if [ "$p" = "$platform" ]; then
		tgz=$plat_tgz
	else
		d=$tmp/stand-in/$p
		mkdir -p "$d"
		printf '{"name": "@chattool-lint/%s", "version": "%s", "os": ["%s"], "cpu": ["%s"]}\n' "$p" "$version" "${p%-*}" "${p#*-}" >"$d/package.json"
		tgz=$(cd "$d" && npm pack --silent --pack-destination "$tmp/stand-in" | tail -n 1)
		tgz=$tmp/stand-in/$tgz
	fi
	overrides+="\"@chattool-lint/$p\": \"file:$tgz\","
done
overrides="${overrides%,}}"

# package_json DIR DEVDEPS: a package.json for a fresh project whose
# chattool-lint packages are the local tarballs.
package_json() {
	node -e '
		const [dir, deps, overrides] = process.argv.slice(1);
		const p = { name: "fixture", private: true, devDependencies: JSON.parse(deps), overrides: JSON.parse(overrides) };
		require("fs").writeFileSync(dir + "/package.json", JSON.stringify(p, null, 2) + "\n");
	' "$1" "$2" "$overrides"
}

# run NAME WANT DIR COMMAND...: run COMMAND in DIR, keep its output in
# $tmp/NAME.log and check that it exits WANT.
run() {
	local name=$1 want=$2 dir=$3 got
	shift 3
	echo "\$ $*"
	set +e
	(cd "$dir" && "$@") >"$tmp/$name.log" 2>&1
	got=$?
	set -e
	# lint-staged sets FORCE_COLOR for the commands it runs, so chattool-lint
	# colours its report there, as it should: the words are what is checked.
	sed -i 's/\x1b\[[0-9;]*m//g' "$tmp/$name.log"
	if [ "$got" != "$want" ]; then
		cat "$tmp/$name.log"
		fail "$name: exit status $got, want $want"
	fi
	grep -E '^[0-9]+ errors?,|no problems|^checked |^chattool-lint v|Passed|Failed|✖|✔' "$tmp/$name.log" | head -n 8 | sed 's/^/    /' || true
}
has() {
	local name=$1 text
	shift
	for text in "$@"; do
		grep -qF -- "$text" "$tmp/$name.log" || { cat "$tmp/$name.log"; fail "$name: output lacks \"$text\""; }
	done
}

step "a fresh project: npm install --offline of chattool-lint from the tarball"
t=$SECONDS
proj=$tmp/project
mkdir -p "$proj"
cp -R "$ROOT/testdata/example/." "$proj/"
package_json "$proj" "{\"chattool-lint\": \"file:$main_tgz\"}"
run install 0 "$proj" npm install --offline --no-audit --no-fund
installed=$(cd "$proj/node_modules/@chattool-lint" && echo *)
[ "$installed" = "$platform" ] || fail "node_modules/@chattool-lint holds \"$installed\", want $platform alone"
took $t

step "npx chattool-lint --version"
run version 0 "$proj" npx chattool-lint --version
[ "$(cat "$tmp/version.log")" = "chattool-lint v$version" ] || fail "--version says \"$(cat "$tmp/version.log")\""

step "npx chattool-lint . on the example: its findings, exit status 1"
vote=miniprogram/packageChatTool/pages/vote
run lint 1 "$proj" npx chattool-lint .
has lint "miniprogram/app.json:27:22: error:" "(skyline-config)" "$vote/index.ts:24:5: error:" "(chattool-disabled-api)" \
	"$vote/index.wxml:8:9: error:" "(chattool-disabled-component)" "13 errors, 7 warnings in 7 files" \
	"checked 1 mini program (. with chat tool packageChatTool)"
run json 1 "$proj" npx chattool-lint --format json .
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (r.tool.version !== process.argv[2]) { console.error("npm-test: FAIL: JSON tool version " + r.tool.version); process.exit(1); }' "$tmp/json.log" "v$version"
run sarif 1 "$proj" npx chattool-lint --format sarif .
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (r.runs[0].tool.driver.version !== process.argv[2]) { console.error("npm-test: FAIL: SARIF tool version " + r.runs[0].tool.driver.version); process.exit(1); }' "$tmp/sarif.log" "v$version"
echo "    JSON and SARIF tool version: v$version"
run stdin 1 "$proj" sh -c "npx chattool-lint --stdin-filename $vote/index.wxml - <$vote/index.wxml"
has stdin "$vote/index.wxml:8:9: error:" "3 errors, 1 warning in 1 file"
run usage 2 "$proj" npx chattool-lint --no-such-flag

step "the commit hooks run with PATH=$NOGO (no Go)"
# fixture DIR: a git repository holding a copy of testdata/example.
fixture() {
	mkdir -p "$1"
	cp -R "$ROOT/testdata/example/." "$1/"
	printf 'node_modules/\n' >"$1/.gitignore"
	git -C "$1" init -q
}
# edits DIR: stage a clean edit, for the commit that must pass.
clean_edit() {
	printf '// edited\n' >>"$1/miniprogram/pages/index/index.js"
	git -C "$1" add miniprogram/pages/index/index.js
}
bad_edit() {
	printf '<view>edited</view>\n' >>"$1/$vote/index.wxml"
	git -C "$1" add "$vote/index.wxml"
}
refused() {
	local dir=$1 name=$2
	[ -n "$(git -C "$dir" diff --cached --name-only)" ] || fail "$name: the refused commit was made"
	git -C "$dir" reset -q --hard
}

step "husky + lint-staged: npm install --save-dev husky lint-staged chattool-lint, npx husky init"
t=$SECONDS
husky=$tmp/husky
fixture "$husky"
package_json "$husky" "{\"chattool-lint\": \"file:$main_tgz\", \"husky\": \"9.1.7\", \"lint-staged\": \"16.4.0\"}"
node -e '
	const f = process.argv[1], p = JSON.parse(require("fs").readFileSync(f, "utf8"));
	p["lint-staged"] = { "*.{js,ts,wxs,wxml,wxss,json,less,scss,sass}": "chattool-lint" };
	require("fs").writeFileSync(f, JSON.stringify(p, null, 2) + "\n");
' "$husky/package.json"
run husky-install 0 "$husky" env PATH=$NOGO npm install --no-audit --no-fund
run husky-init 0 "$husky" env PATH=$NOGO npx husky init
printf 'npx lint-staged\n' >"$husky/.husky/pre-commit"
cat "$husky/package.json"
git -C "$husky" add -A
git -C "$husky" commit -q --no-verify -m fixture
took $t
clean_edit "$husky"
run husky-clean 0 "$husky" env PATH=$NOGO git commit -m "a clean change"
has husky-clean "[COMPLETED] chattool-lint" "a clean change"
bad_edit "$husky"
run husky-bad 1 "$husky" env PATH=$NOGO git commit -m "a change with errors"
has husky-bad "$vote/index.wxml:8:9: error:" "(chattool-disabled-component)" "(open-data)"
refused "$husky" husky-bad

step "pre-commit: a repo: local hook of language: node with the npm package as its additional dependency"
t=$SECONDS
pc=$tmp/pre-commit
fixture "$pc"
# The README's configuration (its first yaml block with "language: node" in
# "Use it where you work"; this copy of it while it has none), with the
# tarballs for chattool-lint@VERSION: pre-commit installs them (npm install
# -g into its own environment, with the system's node: nodeenv -n system),
# so the repository needs no package.json.
awk '
	/^## Use it where you work/ { section = 1 }
	/^## Rules/ { section = 0 }
	section && !inblock && /^```yaml/ { inblock = 1; block = ""; next }
	inblock && /^```/ { inblock = 0; if (block ~ /language: node/) { printf "%s", block; exit } ; next }
	inblock { block = block $0 "\n" }
' "$ROOT/README.md" >"$tmp/readme-node.yaml"
if [ -s "$tmp/readme-node.yaml" ]; then
	echo "the README's configuration:"
	cp "$tmp/readme-node.yaml" "$pc/.pre-commit-config.yaml"
else
	echo "README.md has no language: node configuration yet; this script's copy of it:"
	cat >"$pc/.pre-commit-config.yaml" <<'EOF'
repos:
  - repo: local
    hooks:
      - id: chattool-lint
        name: chattool-lint
        entry: chattool-lint
        language: node
        additional_dependencies: [chattool-lint@1.2.3]  # pin the version
        files: \.(js|ts|wxs|wxml|wxss|json|less|scss|sass)$
        require_serial: true
EOF
fi
grep -q 'additional_dependencies: \[chattool-lint@' "$pc/.pre-commit-config.yaml" || fail "the language: node configuration does not install chattool-lint@VERSION"
sed -i "s|additional_dependencies: .*|additional_dependencies: [\"$main_tgz\", \"$plat_tgz\"]|" "$pc/.pre-commit-config.yaml"
cat "$pc/.pre-commit-config.yaml"
(cd "$pc" && pre-commit validate-config .pre-commit-config.yaml) || fail "pre-commit rejects the configuration"
git -C "$pc" add -A
git -C "$pc" commit -q -m fixture
run pc-install 0 "$pc" env PATH=$NOGO pre-commit install --install-hooks
took $t
clean_edit "$pc"
run pc-clean 0 "$pc" env PATH=$NOGO git commit -m "a clean change"
has pc-clean "Passed" "a clean change"
bad_edit "$pc"
run pc-bad 1 "$pc" env PATH=$NOGO git commit -m "a change with errors"
has pc-bad "Failed" "$vote/index.wxml:8:9: error:" "(chattool-disabled-component)"
refused "$pc" pc-bad

step "pre-commit: the language: system hooks of .pre-commit-hooks.yaml (try-repo)"
hooks=$tmp/hooks
mkdir -p "$hooks"
cp "$ROOT/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m hooks
(cd "$hooks" && pre-commit validate-manifest .pre-commit-hooks.yaml) || fail "pre-commit rejects .pre-commit-hooks.yaml"
# chattool-lint-npm: the husky fixture's own node_modules.
bad_edit "$husky"
run npm-hook 1 "$husky" env PATH=$NOGO pre-commit try-repo "$hooks" chattool-lint-npm
has npm-hook "Failed" "$vote/index.wxml:8:9: error:"
git -C "$husky" reset -q --hard
run npm-hook-full 1 "$husky" env PATH=$NOGO pre-commit try-repo "$hooks" chattool-lint-npm-full
has npm-hook-full "Failed" "(skyline-config)" "checked 1 mini program"
# chattool-lint-system: npm install -g of the tarballs, its bin on the PATH.
run global-install 0 "$tmp" env PATH=$NOGO npm install -g --prefix "$tmp/global" --offline --no-audit --no-fund "$main_tgz" "$plat_tgz"
run system-hook 1 "$pc" env PATH="$tmp/global/bin:$NOGO" pre-commit try-repo "$hooks" chattool-lint-system --files "$vote/index.wxml"
has system-hook "Failed" "$vote/index.wxml:8:9: error:"
run system-hook-missing 1 "$pc" env PATH=$NOGO pre-commit try-repo "$hooks" chattool-lint-system --files "$vote/index.wxml"
has system-hook-missing "Executable \`chattool-lint\` not found"

step "npm packages: all checks passed"
took
