#!/usr/bin/env bash
# Builds the npm packages of chattool-lint:
#
#   npm/build.sh [-C REPO] [-o DIR] [-p PLATFORM]... [--binaries DIR] TAG
#   npm/build.sh [-o DIR] [-p PLATFORM]... [--binaries DIR] --worktree VERSION
#
# TAG (v1.2.3, v1.2.3-rc.1) is a git tag of this repository (or of REPO): the
# binaries are built from its files (git archive, so nothing uncommitted gets
# in) and the packages are version 1.2.3. --worktree builds from the working
# tree as it is, as VERSION (CI: --worktree 0.0.0-ci).
#
# It writes to DIR (default dist/npm), as `npm pack` names them:
#   chattool-lint-1.2.3.tgz                the command: bin/chattool-lint, a
#                                          Node.js launcher, and lib/binary.js;
#                                          every system's package is an
#                                          optional dependency, exact version
#   chattool-lint-linux-x64-1.2.3.tgz      @chattool-lint/linux-x64: the binary
#   ...                                    for each PLATFORM (default all six:
#                                          linux, darwin, win32 x x64, arm64;
#                                          "current" is this machine's)
# Each system's package names its "os" and "cpu", so npm installs only the one
# the machine runs; none has an install script, none downloads anything.
#
# The binaries: CGO_ENABLED=0 go build -trimpath -buildvcs=false with
# -ldflags "-s -w -X main.stampedVersion=vVERSION", GOOS and GOARCH per
# system, so `chattool-lint --version` and the JSON and SARIF reports' tool
# version say vVERSION. --binaries DIR also keeps them, as
# DIR/<os>-<cpu>/chattool-lint[.exe] (scripts/release.sh archives those).
#
# Needs: git, go, node and npm (npm pack).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

die() {
	echo "npm/build.sh: $*" >&2
	exit 2
}

ALL="linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64 win32-arm64"
out=
platforms=()
binaries=
worktree=0
arg=
while [ $# -gt 0 ]; do
	case $1 in
	-C) ROOT=$(cd "$2" && pwd); shift 2 ;;
	-o | --out) out=$2; shift 2 ;;
	-p | --platform) platforms+=("$2"); shift 2 ;;
	--binaries) binaries=$2; shift 2 ;;
	--worktree) worktree=1; shift ;;
	-h | --help) sed -n '2,/^set -e/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown flag $1" ;;
	*) [ -z "$arg" ] || die "one TAG or VERSION, not $arg and $1"; arg=$1; shift ;;
	esac
done
[ -n "$arg" ] || die "usage: npm/build.sh [-C REPO] [-o DIR] [-p PLATFORM]... [--binaries DIR] (TAG | --worktree VERSION)"

out=${out:-$ROOT/dist/npm}
version=${arg#v}
# npm's semver: MAJOR.MINOR.PATCH with an optional pre-release and build.
[[ $version =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$ ]] ||
	die "$arg is not a version like v1.2.3 or v1.2.3-rc.1"
stamp=v$version

current() {
	node -p 'process.platform + "-" + process.arch'
}
[ ${#platforms[@]} -gt 0 ] || read -r -a platforms <<<"$ALL"
for i in "${!platforms[@]}"; do
	[ "${platforms[$i]}" != current ] || platforms[$i]=$(current)
	[[ " $ALL " == *" ${platforms[$i]} "* ]] || die "unknown platform ${platforms[$i]}: want one of $ALL or current"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $worktree = 1 ]; then
	src=$ROOT
	echo "building $stamp from the working tree $ROOT"
else
	commit=$(git -C "$ROOT" rev-parse -q --verify "refs/tags/$arg^{commit}") || die "no tag $arg in $ROOT (give --worktree to build the working tree)"
	src=$tmp/src
	mkdir "$src"
	git -C "$ROOT" archive "$commit" | tar -x -C "$src"
	echo "building $stamp from tag $arg ($commit)"
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)

# json FILE SCRIPT: edit a JSON file with node (p is the parsed object).
json() {
	node -e '
		const fs = require("fs");
		const file = process.argv[1];
		const p = JSON.parse(fs.readFileSync(file, "utf8"));
		new Function("p", "version", "names", process.argv[2])(p, process.argv[3], process.argv[4].split(" "));
		fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n");
	' "$1" "$2" "$version" "$ALL"
}

pack() {
	(cd "$1" && npm pack --silent --pack-destination "$out") | tail -n 1
}

for platform in "${platforms[@]}"; do
	os=${platform%-*} cpu=${platform#*-}
	case $os in win32) goos=windows exe=chattool-lint.exe ;; *) goos=$os exe=chattool-lint ;; esac
	case $cpu in x64) goarch=amd64 ;; *) goarch=$cpu ;; esac
	pkg=$tmp/$platform
	mkdir -p "$pkg/bin"
	start=$SECONDS
	(cd "$src" && CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath -buildvcs=false \
		-ldflags "-s -w -X main.stampedVersion=$stamp" -o "$pkg/bin/$exe" ./cmd/chattool-lint)
	chmod 755 "$pkg/bin/$exe"
	if [ -n "$binaries" ]; then
		mkdir -p "$binaries/$platform"
		cp "$pkg/bin/$exe" "$binaries/$platform/$exe"
	fi
	cat >"$pkg/package.json" <<-EOF
		{
		  "name": "@chattool-lint/$platform",
		  "version": "$version",
		  "description": "The $platform binary of chattool-lint, a linter for WeChat Mini Program chat tools: install chattool-lint, which depends on it",
		  "homepage": "https://github.com/chattool-lint/chattool-lint#readme",
		  "repository": {
		    "type": "git",
		    "url": "git+https://github.com/chattool-lint/chattool-lint.git",
		    "directory": "npm"
		  },
		  "os": ["$os"],
		  "cpu": ["$cpu"],
		  "files": ["bin"],
		  "preferUnplugged": true
		}
	EOF
	printf '# @chattool-lint/%s\n\nThe %s binary of chattool-lint %s (https://github.com/chattool-lint/chattool-lint).\nInstall `chattool-lint`, which depends on this package on %s.\n' \
		"$platform" "$platform" "$version" "$platform" >"$pkg/README.md"
	tgz=$(pack "$pkg")
	echo "$tgz  ($goos/$goarch, $((SECONDS - start)) s)"
done

main=$tmp/chattool-lint
cp -R "$src/npm/chattool-lint" "$main"
rm -rf "$main/test"
cp "$src/README.md" "$main/README.md"
json "$main/package.json" '
	p.version = version;
	p.optionalDependencies = {};
	for (const n of names) p.optionalDependencies["@chattool-lint/" + n] = version;
'
chmod 755 "$main/bin/chattool-lint"
tgz=$(pack "$main")
echo "$tgz"
