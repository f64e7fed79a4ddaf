#!/usr/bin/env bash
# The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3,
# from npm), driven in Debian's headless Chromium (drive.js). Not part of
# CI (installing code-server builds its native modules: minutes); run by
# hand on a machine like CI's, as root:
#
#   bash editors/vscode/test/code-server/run.sh
#
# It builds the npm packages for this system from the working tree
# (npm/build.sh), installs them with npm in a copy of testdata/example, packs
# the extension (vsce) and installs the .vsix into code-server, starts
# code-server on 127.0.0.1 with PATH=/usr/bin:/bin (no chattool-lint, no
# Go), opens the project and checks that the extension started the
# workspace's binary and that the Problems panel lists the example's
# findings in index.wxml, with WXML and WXSS as the files' languages.
# Screenshots go to $SHOTS (default /tmp/chattool-lint-code-server/shots).
#
# Installing code-server 4.100.3 here needs: Node.js 20 (its postinstall
# refuses another), libkrb5-dev (kerberos), ripgrep (@vscode/ripgrep's
# postinstall downloads rg from GitHub, so it is skipped and Debian's rg
# linked in its place), g++ and make; argon2 is built from source. code-server
# 4.101 and later need Node.js 22 or 24.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
HERE=$ROOT/editors/vscode/test/code-server
CACHE=${CACHE:-/tmp/chattool-lint-code-server}
SHOTS=${SHOTS:-$CACHE/shots}
PORT=${PORT:-18123}
CODE_SERVER_VERSION=4.100.3

step() { printf '\n-- %s\n' "$*"; }
mkdir -p "$CACHE" "$SHOTS"
# code-server writes a default configuration on its first run: into the
# cache, not the user's ~/.config.
export XDG_CONFIG_HOME=$CACHE/config XDG_DATA_HOME=$CACHE/data

step "Debian packages: chromium, ripgrep, libkrb5-dev"
missing=()
for p in chromium ripgrep libkrb5-dev; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cs=$CACHE/cs/node_modules/code-server
if [ ! -x "$CACHE/cs/node_modules/.bin/code-server" ] || ! "$CACHE/cs/node_modules/.bin/code-server" --version >/dev/null 2>&1; then
	step "code-server $CODE_SERVER_VERSION from npm (native modules built here)"
	rm -rf "$CACHE/cs"
	mkdir -p "$CACHE/cs"
	echo '{"private": true}' >"$CACHE/cs/package.json"
	(cd "$CACHE/cs" && npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" playwright-core@1.65.1)
	(cd "$CACHE/cs" && npm_config_yes=true npm rebuild argon2)
	# What code-server's postinstall.sh does, less @vscode/ripgrep's download.
	(
		cd "$cs/lib/vscode"
		npm install --omit=dev --ignore-scripts --no-audit --no-fund
		npm_config_yes=true npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
		mkdir -p node_modules/@vscode/ripgrep/bin
		ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
		rm -rf node_modules.asar && ln -s node_modules node_modules.asar
		(cd bin/remote-cli && ln -sf code-linux.sh code-server)
		(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
		cd extensions && npm install --omit=dev --no-audit --no-fund
	)
fi
"$CACHE/cs/node_modules/.bin/code-server" --version

work=$(mktemp -d)
server=
cleanup() {
	# code-server and the processes it started: their own process group.
	[ -z "$server" ] || kill -- "-$server" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

step "the npm packages for this system, installed in a copy of testdata/example"
bash "$ROOT/npm/build.sh" -o "$work/npm" -p current --worktree 0.0.0-e2e
platform=$(node -p 'process.platform + "-" + process.arch')
ws=$work/ws
mkdir -p "$ws"
cp -R "$ROOT/testdata/example/." "$ws/"
echo '{"private": true}' >"$ws/package.json"
printf '@chattool-lint:registry=http://127.0.0.1:9/\nfetch-retries=0\n' >"$work/npmrc"
(cd "$ws" && NPM_CONFIG_USERCONFIG=$work/npmrc npm install --no-audit --no-fund --save-dev \
	"$work/npm/chattool-lint-0.0.0-e2e.tgz" "$work/npm/chattool-lint-$platform-0.0.0-e2e.tgz")

step "the extension: vsce package, code-server --install-extension"
(cd "$ROOT/editors/vscode" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npx vsce package --skip-license -o "$work/chattool-lint.vsix")
args=(--config "$work/cs.yaml" --extensions-dir "$work/ext" --user-data-dir "$work/data")
"$CACHE/cs/node_modules/.bin/code-server" "${args[@]}" --install-extension "$work/chattool-lint.vsix"
mkdir -p "$work/data/User"
echo '{"workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": false}' >"$work/data/User/settings.json"

step "code-server on 127.0.0.1:$PORT, PATH=/usr/bin:/bin"
setsid env PATH=/usr/bin:/bin "$CACHE/cs/node_modules/.bin/code-server" "${args[@]}" --auth none --bind-addr "127.0.0.1:$PORT" \
	--disable-telemetry --disable-update-check --disable-workspace-trust >"$work/code-server.log" 2>&1 &
server=$!
for _ in $(seq 60); do
	curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
	sleep 1
done

step "Chromium: the example's index.wxml and index.wxss"
NODE_PATH=$CACHE/cs/node_modules node "$HERE/drive.js" "http://127.0.0.1:$PORT" "$ws" "$SHOTS"
echo "screenshots: $SHOTS"
