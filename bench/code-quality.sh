#!/usr/bin/env bash
# bench/code-quality.sh: DevTools' code-quality panel against chattool-lint, check by
# check (issue 17).
#
#   bash bench/code-quality.sh [--details] PROJECT...
#
# PROJECT is a folder with project.config.json. For each one it runs Tencent's
# miniprogram-ci 2.1.42 checkCodeQuality (what DevTools' 代码质量 panel and
# ../shared/bench/mpci-oracle.js --quality run; it reads no key and, here, makes no
# network call) and `chattool-lint --format json --no-config`, and prints a Markdown
# table, one row per project and check: the check, its level (3 必须 must, 2 建议
# advise, 1 知会 inform), DevTools' verdict with the count of what it lists, the rule
# that stands for the check, ours, and whether they agree. --details prints, below
# the table, the items on which they differ (files, packages, components, plugins).
#
#   PACKAGE_SIZE_LIMIT             package-source-size   packages over 1.5 MB of source
#   IMAGE_AND_AUDIO_LIMIT          media-size            sum of images and audio
#   JS_/WXML_/WXSS_COMPRESS_OPEN   minify-setting        setting.minified/minifyWXML/minifyWXSS
#   LAZYCODE_LOADING_OPEN          skyline-config        its lazyCodeLoading finding
#   CONTAINS_OTHER_PKG_JS          subpackage-only-code  its warnings (scripts)
#   CONTAINS_OTHER_PKG_COMPONENTS  subpackage-only-code  its infos (components; the panel
#                                                        always passes this check)
#   CONTAINS_UNUSED_PLUGINS        unused-plugin         providers
#   CONTAINS_UNUSED_COMPONENTS     unused-component      its errors, as the component each
#                                                        names (its warnings are counted apart:
#                                                        the panel passes those)
#   CONTAINS_UNUSED_CODES          unused-file           files; when project.config.json does
#                                                        not make them count (neither
#                                                        ignoreDevUnusedFiles nor
#                                                        ignoreUploadUnusedFiles false), the
#                                                        panel passes but still lists them, and
#                                                        the rule is run again on a copy (hard
#                                                        links) with ignoreUploadUnusedFiles
#                                                        false to compare the lists
#
# Exit status 0: it is a measurement, not a gate (2 when it cannot run at all).
#
# What it needs and sets up when missing: Node.js and npm (miniprogram-ci 2.1.42 is
# installed into $MPCI_HOME with npm, once), Go (builds chattool-lint from this
# checkout).
#
# Environment:
#   MPCI_HOME=${XDG_CACHE_HOME:-~/.cache}/chattool-lint-bench/miniprogram-ci-2.1.42
#              a folder whose node_modules holds miniprogram-ci 2.1.42 (one already
#              installed elsewhere is used as it is: MPCI_HOME=/tmp/mpci17)
#   BENCH_OUT=/tmp/chattool-code-quality   where the chattool-lint binary goes
#   CHATTOOL_LINT=BIN  use this chattool-lint rather than build one from the checkout
#              (while the work tree does not build; e.g. one built from `git archive HEAD`)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MPCI_VERSION=2.1.42
MPCI_HOME="${MPCI_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/chattool-lint-bench/miniprogram-ci-$MPCI_VERSION}"
OUT="${BENCH_OUT:-/tmp/chattool-code-quality}"

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/code-quality.sh: $*"; exit 2; }

details=()
projects=()
for a in "$@"; do
	case "$a" in
	--details) details=(--details) ;;
	-h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
	-*) die "unknown flag $a" ;;
	*) projects+=("$a") ;;
	esac
done
((${#projects[@]})) || die "usage: bash bench/code-quality.sh [--details] PROJECT..."
for p in "${projects[@]}"; do
	[[ -f "$p/project.config.json" ]] || die "$p: no project.config.json"
done
command -v node >/dev/null || die "node is needed to run miniprogram-ci"
[[ -n "${CHATTOOL_LINT:-}" ]] || command -v go >/dev/null || die "go is needed to build chattool-lint"

installed() {
	node -e 'process.exit(require(process.argv[1]).version === process.argv[2] ? 0 : 1)' \
		"$MPCI_HOME/node_modules/miniprogram-ci/package.json" "$MPCI_VERSION" 2>/dev/null
}
if ! installed; then
	command -v npm >/dev/null || die "npm is needed to install miniprogram-ci $MPCI_VERSION into $MPCI_HOME"
	say "installing miniprogram-ci $MPCI_VERSION into $MPCI_HOME (once)"
	mkdir -p "$MPCI_HOME"
	[[ -f "$MPCI_HOME/package.json" ]] || printf '{"name":"mpci-cache","private":true}\n' >"$MPCI_HOME/package.json"
	(cd "$MPCI_HOME" && npm install --no-audit --no-fund --loglevel=error "miniprogram-ci@$MPCI_VERSION" >&2) ||
		die "npm could not install miniprogram-ci $MPCI_VERSION"
	installed || die "$MPCI_HOME holds no miniprogram-ci $MPCI_VERSION after npm install"
fi

lint="${CHATTOOL_LINT:-}"
if [[ -z "$lint" ]]; then
	mkdir -p "$OUT"
	lint="$OUT/chattool-lint"
	(cd "$REPO" && go build -o "$lint" ./cmd/chattool-lint) || die "go build failed (CHATTOOL_LINT=BIN runs a chattool-lint built elsewhere)"
fi
[[ -x "$lint" ]] || die "$lint is not an executable"
lint="$(cd "$(dirname "$lint")" && pwd)/$(basename "$lint")"

node "$REPO/bench/code-quality.js" table --mpci "$MPCI_HOME" --lint "$lint" "${details[@]}" "${projects[@]}" ||
	say "bench/code-quality.sh: the table is incomplete (exit $?)"
exit 0
