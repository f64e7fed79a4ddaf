#!/usr/bin/env bash
# Builds a release of chattool-lint from a git tag:
#
#   scripts/release.sh [-o DIR] [--no-vsix] [--publish] TAG     (TAG: v1.2.3)
#
# into DIR (default dist/TAG), from the tag's files (git archive), nothing
# uncommitted:
#
#   chattool-lint_1.2.3_linux_amd64.tar.gz     the binary (chattool-lint or
#   chattool-lint_1.2.3_linux_arm64.tar.gz     chattool-lint.exe) and
#   chattool-lint_1.2.3_darwin_amd64.tar.gz    README.md, for the GitHub
#   chattool-lint_1.2.3_darwin_arm64.tar.gz    release; the same binaries as
#   chattool-lint_1.2.3_windows_amd64.zip      the npm packages', built once
#   chattool-lint_1.2.3_windows_arm64.zip      (npm/build.sh --binaries)
#   npm/chattool-lint-1.2.3.tgz                the npm packages (npm/build.sh)
#   npm/chattool-lint-<os>-<cpu>-1.2.3.tgz
#   chattool-lint-1.2.3.vsix                   the VS Code extension, version
#                                              1.2.3 (not with --no-vsix)
#   checksums.txt                              SHA-256 of every file above,
#                                              as sha256sum -c reads them
#
# Binaries: CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags
# "-s -w -X main.stampedVersion=TAG", so --version and the JSON and SARIF
# reports say TAG. Archives are reproducible: files sorted, owner 0, and the
# tag's commit time as every file's time.
#
# --publish then uploads: `gh release create TAG` with every file (GitHub CLI,
# logged in) and `npm publish` of each system's package and then of
# chattool-lint (npm, logged in to the chattool-lint organisation). Without
# it the commands are printed, not run.
#
# Needs git, go, node, npm, tar, zip, sha256sum (and gh to publish).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

die() {
	echo "release: $*" >&2
	exit 2
}

out=
vsix=1
publish=0
tag=
while [ $# -gt 0 ]; do
	case $1 in
	-o | --out) out=$2; shift 2 ;;
	--no-vsix) vsix=0; shift ;;
	--publish) publish=1; shift ;;
	-h | --help) sed -n '2,/^set -e/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown flag $1" ;;
	*) [ -z "$tag" ] || die "one TAG, not $tag and $1"; tag=$1; shift ;;
	esac
done
[ -n "$tag" ] || die "usage: scripts/release.sh [-o DIR] [--no-vsix] [--publish] TAG"
[[ $tag =~ ^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$ ]] || die "$tag is not a tag like v1.2.3 or v1.2.3-rc.1"
version=${tag#v}
commit=$(git -C "$ROOT" rev-parse -q --verify "refs/tags/$tag^{commit}") || die "no tag $tag"
out=${out:-$ROOT/dist/$tag}
[ ! -e "$out" ] || [ -z "$(ls -A "$out")" ] || die "$out is not empty"
mkdir -p "$out"
out=$(cd "$out" && pwd)
# Every archived file gets the commit's time (SOURCE_DATE_EPOCH, as
# reproducible builds name it).
epoch=$(git -C "$ROOT" show -s --format=%ct "$commit")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/src
mkdir "$src"
git -C "$ROOT" archive "$commit" | tar -x -C "$src"
echo "release $tag ($commit) into $out"

step() { printf '\n== %s\n' "$*"; }

step "binaries and npm packages (npm/build.sh)"
bash "$src/npm/build.sh" -C "$ROOT" -o "$out/npm" --binaries "$tmp/bin" "$tag"

step "archives"
for platform in linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64 win32-arm64; do
	os=${platform%-*} cpu=${platform#*-}
	case $os in win32) goos=windows exe=chattool-lint.exe ;; *) goos=$os exe=chattool-lint ;; esac
	case $cpu in x64) goarch=amd64 ;; *) goarch=$cpu ;; esac
	dir=$tmp/archive/$platform
	mkdir -p "$dir"
	cp "$tmp/bin/$platform/$exe" "$src/README.md" "$dir/"
	chmod 755 "$dir/$exe"
	chmod 644 "$dir/README.md"
	touch -d "@$epoch" "$dir/$exe" "$dir/README.md"
	# The binary is what it claims: go version -m reads its build settings
	# (with -trimpath, not the -ldflags), and the stamped tag is in it.
	info=$(go version -m "$dir/$exe")
	for want in "GOOS=$goos" "GOARCH=$goarch" "-trimpath=true" "CGO_ENABLED=0"; do
		grep -qF -- "$want" <<<"$info" || die "$platform: $exe was not built with $want"
	done
	grep -aqF -- "$tag" "$dir/$exe" || die "$platform: $exe does not hold $tag"
	name=chattool-lint_${version}_${goos}_${goarch}
	if [ "$goos" = windows ]; then
		(cd "$dir" && TZ=UTC zip -q -X "$out/$name.zip" README.md "$exe")
		echo "$name.zip"
	else
		tar -C "$dir" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - README.md "$exe" |
			gzip -n -9 >"$out/$name.tar.gz"
		echo "$name.tar.gz"
	fi
done

# This machine's binary runs: its --version says the tag.
here=$(node -p 'process.platform + "-" + process.arch')
if [ -d "$tmp/bin/$here" ]; then
	said=$("$tmp/bin/$here/"chattool-lint* --version)
	[ "$said" = "chattool-lint $tag" ] || die "$here: --version says \"$said\", want \"chattool-lint $tag\""
	echo "$here: $said"
fi

if [ $vsix = 1 ]; then
	step "VS Code extension $version (vsce package)"
	ext=$src/editors/vscode
	node -e '
		const fs = require("fs"), f = process.argv[1], p = JSON.parse(fs.readFileSync(f, "utf8"));
		p.version = process.argv[2];
		fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");
	' "$ext/package.json" "$version"
	(cd "$ext" && npm ci --no-audit --no-fund --loglevel=error && npx --no vsce package --skip-license -o "$out/chattool-lint-$version.vsix")
fi

step "checksums.txt"
(
	cd "$out"
	find . -type f ! -name checksums.txt | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >checksums.txt
	sha256sum -c --quiet checksums.txt
	cat checksums.txt
)

# A pre-release (v1.2.3-rc.1) is a GitHub pre-release and npm's "next", not
# its "latest" (npm refuses to publish a pre-release without a --tag).
gh_pre= npm_tag=
case $version in *-*) gh_pre=" --prerelease" npm_tag=" --tag next" ;; esac
publish_cmds=("gh release create $tag --verify-tag$gh_pre --title $tag $(cd "$out" && find . -maxdepth 1 -type f | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' ')")
# Each system's package before the one that depends on them.
for f in $(cd "$out/npm" && ls chattool-lint-*-"$version".tgz | grep -v "^chattool-lint-$version.tgz$"); do
	publish_cmds+=("npm publish --access public$npm_tag npm/$f")
done
publish_cmds+=("npm publish$npm_tag npm/chattool-lint-$version.tgz")
step "publish (from $out)"
for c in "${publish_cmds[@]}"; do
	echo "  $c"
	if [ $publish = 1 ]; then
		(cd "$out" && eval "$c")
	fi
done
[ $publish = 1 ] || echo "(not run: give --publish)"
