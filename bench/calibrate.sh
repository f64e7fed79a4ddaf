#!/usr/bin/env bash
# bench/calibrate.sh: the calibration set of the built-size estimate (issue 18).
#
#   bash bench/calibrate.sh [--fetch-only] [--list] [ID...]
#
# For each project of the list below (all of them, or the IDs given) it
#
#   1. fetches the project at the recorded commit into $CHATTOOL_CALIBRATION_SRC
#      (git clone from GitHub, or from $CAL_MIRROR/OWNER+NAME/repo when that exists),
#      and prepares it as recorded: the demo's packageSkylineExamples submodule, npm
#      packages installed at pinned versions and built into miniprogram_npm with
#      miniprogram-ci's packNpm (what DevTools' "Build npm" does);
#   2. unless --fetch-only, runs Tencent's compiler, miniprogram-ci 2.1.42, offline
#      (../shared/bench/mpci-oracle.js, or $ORACLE) with the recorded settings and
#      writes the per-package figures to testdata/calibration/ID.json: numbers only
#      (built bytes and files per package, the Babel or swc helpers among them, bytes
#      by file type), with the project, commit, settings and a fingerprint of the
#      prepared sources (files and bytes under the mini program root) by which
#      `go test ./size` (TestCalibrationSet) knows the project on disk is the one
#      measured. Never the projects' code.
#
# --fetch-only is what CI runs before `go test ./size`: it needs git, and node + npm
# for the projects with npm packages (miniprogram-ci is installed into $MPCI_HOME for
# packNpm). --list prints the IDs. --reuse writes the figures from the compiler's output of
# an earlier run, when it is in $CAL_OUT.
#
# A variant of a project (other settings) shares its checkout: the test measures the
# same files with the variant's settings. Settings that only project.config.json can
# carry (swc, disableSWC) are written into a copy of the project for the compiler
# (CONFIG column), which the test does not need.
#
# Environment:
#   CHATTOOL_CALIBRATION_SRC=/tmp/chattool-calibration  where the projects go (and where
#              the test looks for them; it also looks in /tmp/real)
#   CAL_MIRROR=/work/.mirror   local mirrors OWNER+NAME/repo to clone from (else GitHub)
#   CAL_OUT=/tmp/chattool-calibration-out   the compiler's JSON and compiled files
#   MPCI_HOME  a folder whose node_modules holds miniprogram-ci 2.1.42 (default as
#              bench/code-quality.sh: installed there once)
#   ORACLE     mpci-oracle.js (default ../shared/bench/mpci-oracle.js beside the repo)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="${CHATTOOL_CALIBRATION_SRC:-/tmp/chattool-calibration}"
SRC="${SRC%%:*}"
OUT="${CAL_OUT:-/tmp/chattool-calibration-out}"
MIRROR="${CAL_MIRROR:-/work/.mirror}"
MPCI_VERSION=2.1.42
MPCI_HOME="${MPCI_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/chattool-lint-bench/miniprogram-ci-$MPCI_VERSION}"
ORACLE="${ORACLE:-$REPO/../shared/bench/mpci-oracle.js}"
FIGURES="$REPO/testdata/calibration"

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/calibrate.sh: $*"; exit 2; }

# The calibration set: ID, REPO (OWNER/NAME, or "." for this repository), COMMIT,
# DIR (the folder with project.config.json, in the repository), PREPARE ("-", "demo":
# the official demo's submodule and npm packages, "npm:PKG@VERSION,...": npm packages
# installed in the mini program root and built by packNpm, "npmroot:...": the same in
# the project folder), SETTING (the oracle's
# --setting: "project" for project.config.json's own), CONFIG (keys written into a
# copy's project.config.json setting, or "-"). Fields are separated by one or more
# spaces; JSON values have none.
SKY=811b2993749128ec3760c31d4bb5f107ca9d4e8f
DEMO=0b1de6f2a28ff185d7139e06b3956d8fdf15f61c
PROJECTS="
miniprogram-demo                wechat-miniprogram/miniprogram-demo $DEMO . demo project -
miniprogram-demo-min-es5off     wechat-miniprogram/miniprogram-demo $DEMO . demo {\"es6\":false,\"minifyJS\":true,\"minifyWXSS\":true,\"minifyWXML\":true} -
miniprogram-demo-raw            wechat-miniprogram/miniprogram-demo $DEMO . demo {\"es6\":false,\"minifyJS\":false,\"minifyWXSS\":false,\"minifyWXML\":false} -
miniprogram-demo-es6-unmin      wechat-miniprogram/miniprogram-demo $DEMO . demo {\"es6\":true,\"minifyJS\":false,\"minifyWXSS\":false,\"minifyWXML\":false} -
sky-address-book                wechat-miniprogram/awesome-skyline $SKY examples/address-book - project -
sky-album                       wechat-miniprogram/awesome-skyline $SKY examples/album - project -
sky-app-bar                     wechat-miniprogram/awesome-skyline $SKY examples/app-bar - project -
sky-associated-scroll-view      wechat-miniprogram/awesome-skyline $SKY examples/associated-scroll-view - project -
sky-card-transition             wechat-miniprogram/awesome-skyline $SKY examples/card_transition - project -
sky-expanded-scroll-view        wechat-miniprogram/awesome-skyline $SKY examples/expanded-scroll-view - project -
sky-half-screen                 wechat-miniprogram/awesome-skyline $SKY examples/half-screen - project -
sky-product-list                wechat-miniprogram/awesome-skyline $SKY examples/product-list - project -
sky-refresher-two-level         wechat-miniprogram/awesome-skyline $SKY examples/refresher-two-level - project -
sky-segmented-half-screen       wechat-miniprogram/awesome-skyline $SKY examples/segmented-half-screen - project -
sky-tab-indicator               wechat-miniprogram/awesome-skyline $SKY examples/tab-indicator - project -
liubai-weixin                   xiaoheiCat/liubai-docker cf84c24bb2a894bafb3d543a0c98c60d1f729fb1 liubai-frontends/liubai-weixin - project -
liubai-weixin-swc               xiaoheiCat/liubai-docker cf84c24bb2a894bafb3d543a0c98c60d1f729fb1 liubai-frontends/liubai-weixin - {\"useProjectConfig\":true,\"compileWorklet\":false} -
liuxuan-miniapp                 liuxuan124/miniprogram-platform 9ceb87bd3d12171f633e5aa36c9d5f84d232c6ea miniapp - project -
rainbow-cats                    UxxHans/Rainbow-Cats-Personal-WeChat-MiniProgram 8a3e440b7cca16a96ab81497f8a255493e0fdc57 . - project -
howtocook                       LeeJim/HowToCookOnMiniprogram 87968553dcf3ac8b3416e70166298cae22c566fc . npm:tdesign-miniprogram@1.0.0-rc.3 project -
wallhaven-mini                  MaLuns/wallhaven-mini ad58540056c3221b0f4b8d1afa4233f46d75ef66 . - project -
vant-boilerplate                Chaslee4/weapp-vant-boilerplate cadc5ed818b7cee923f1c845c53b0ed9f59a75ac . npmroot:@vant/weapp@1.9.2 project -
"

fetch_only=0
reuse=0
list=0
ids=()
for a in "$@"; do
	case "$a" in
	--fetch-only) fetch_only=1 ;;
	--list) list=1 ;;
	--reuse) reuse=1 ;;
	-h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
	-*) die "unknown flag $a" ;;
	*) ids+=("$a") ;;
	esac
done

if ((list)); then
	awk 'NF { print $1 }' <<<"$PROJECTS"
	exit 0
fi
command -v git >/dev/null || die "git is needed"

wanted() {
	((${#ids[@]} == 0)) && return 0
	local i
	for i in "${ids[@]}"; do [[ "$i" == "$1" ]] && return 0; done
	return 1
}

mpci_installed() {
	node -e 'process.exit(require(process.argv[1]).version === process.argv[2] ? 0 : 1)' \
		"$MPCI_HOME/node_modules/miniprogram-ci/package.json" "$MPCI_VERSION" 2>/dev/null
}
need_mpci() {
	command -v node >/dev/null || die "node is needed to run miniprogram-ci"
	if ! mpci_installed; then
		say "installing miniprogram-ci $MPCI_VERSION into $MPCI_HOME"
		mkdir -p "$MPCI_HOME"
		(cd "$MPCI_HOME" && { [[ -f package.json ]] || npm init -y >/dev/null; } &&
			npm install --no-audit --no-fund "miniprogram-ci@$MPCI_VERSION" >&2) || die "npm install miniprogram-ci failed"
	fi
}

# clone REPO COMMIT DIR [PATH]: DIR, a clone of REPO with PATH (default all) of COMMIT
# checked out. Only what the project needs is written: a local mirror may lack the
# largest blobs elsewhere in the repository (those are named, and left out).
clone() {
	local repo=$1 commit=$2 dir=$3 sub=${4:-.}
	if [[ ! -e "$dir/.git" ]]; then
		local from="https://github.com/$repo.git"
		[[ -d "$MIRROR/${repo//\//+}/repo" ]] && from="$MIRROR/${repo//\//+}/repo"
		say "cloning $repo from $from"
		rm -rf "$dir"
		git clone -q --no-checkout "$from" "$dir" >&2 || return 1
	fi
	# (Each step says when it fails: a caller that goes on past a project
	# it cannot fetch runs this where set -e does not hold.)
	git -C "$dir" cat-file -e "$commit^{commit}" 2>/dev/null || git -C "$dir" fetch -q origin "$commit" >&2 || return 1
	git -C "$dir" update-ref --no-deref HEAD "$commit" || return 1
	local present=() missing=0 f
	while IFS= read -r -d '' f; do
		if git -C "$dir" cat-file -e "HEAD:$f" 2>/dev/null; then present+=("$f"); else missing=$((missing + 1)); say "  not in the mirror: $f"; fi
	done < <(git -C "$dir" ls-tree -r -z --name-only HEAD -- "$sub")
	if ((${#present[@]})); then
		printf '%s\0' "${present[@]}" |
			git -C "$dir" restore --source=HEAD --staged --worktree --pathspec-from-file=- --pathspec-file-nul || return 1
	fi
	((missing == 0)) || say "  $missing files of $repo/$sub missing"
}

# checkout REPO COMMIT PATH: the clone of REPO at COMMIT under $SRC (printed).
checkout() {
	local dir="$SRC/${1//\//+}"
	clone "$1" "$2" "$dir" "$3" || return 1
	printf '%s\n' "$dir"
}

# mproot PROJECTDIR: the mini program root (miniprogramRoot of project.config.json).
mproot() {
	node -e 'const p=require("path"),f=require("fs");let r="";try{r=JSON.parse(f.readFileSync(p.join(process.argv[1],"project.config.json"),"utf8")).miniprogramRoot||""}catch(e){}console.log(p.join(process.argv[1],r))' "$1"
}

# packnpm PROJECTDIR: miniprogram-ci's packNpm (miniprogram_npm from node_modules).
packnpm() {
	need_mpci
	NODE_PATH="$MPCI_HOME/node_modules" node -e '
const ci = require("miniprogram-ci");
const project = new ci.Project({ appid: "wx0000000000000000", type: "miniProgram", projectPath: process.argv[1],
  privateKey: "unused", ignores: ["node_modules/**/*"] });
const path = require("path"), fs = require("fs");
const setting = (JSON.parse(fs.readFileSync(path.join(process.argv[1], "project.config.json"), "utf8")).setting) || {};
const done = setting.packNpmManually && Array.isArray(setting.packNpmRelationList)
  ? Promise.all(setting.packNpmRelationList.map((r) => ci.packNpmManually({
      packageJsonPath: path.join(process.argv[1], r.packageJsonPath),
      miniprogramNpmDistDir: path.join(process.argv[1], r.miniprogramNpmDistDir) })))
  : ci.packNpm(project, {});
done.then((w) => { if (w && w.length) console.error(JSON.stringify(w)); }, (e) => { console.error(e.message); process.exit(1); });
' "$1" >&2
}

# prepare KIND PROJECTDIR
prepare() {
	local kind=$1 dir=$2 mp
	case "$kind" in
	-) ;;
	demo)
		# packageSkylineExamples is a submodule: awesome-skyline at the commit the demo records.
		local sub="$dir/miniprogram/packageSkylineExamples" subcommit
		subcommit=$(git -C "$dir" ls-tree HEAD miniprogram/packageSkylineExamples | awk '{ print $3 }')
		clone wechat-miniprogram/awesome-skyline "$subcommit" "$sub" || return 1
		mp="$dir/miniprogram"
		if [[ ! -d "$mp/miniprogram_npm" ]]; then
			command -v npm >/dev/null || die "npm is needed to prepare the demo"
			(cd "$mp" && npm install --omit=dev --no-audit --no-fund --package-lock=false --no-save \
				miniprogram-barrage@1.1.1 miniprogram-recycle-view@0.1.5 wxml-to-canvas@1.1.1 \
				threejs-miniprogram@0.0.3 eventemitter3@4.0.7 widget-ui@1.0.2 >&2) || return 1
			packnpm "$dir"
		fi
		;;
	npm:* | npmroot:*)
		# npm packages at pinned versions in the mini program root (npmroot:
		# the project folder, for a packNpmRelationList that says so), built
		# into miniprogram_npm.
		mp=$(mproot "$dir")
		local at=$mp
		[[ "$kind" == npmroot:* ]] && at=$dir
		if [[ ! -d "$mp/miniprogram_npm" ]]; then
			command -v npm >/dev/null || die "npm is needed to prepare $dir"
			local specs
			IFS=, read -r -a specs <<<"${kind#*:}"
			(cd "$at" && npm install --omit=dev --no-audit --no-fund --package-lock=false --no-save "${specs[@]}" >&2) || return 1
			packnpm "$dir"
		fi
		;;
	*) die "unknown preparation $kind" ;;
	esac
}

mkdir -p "$SRC" "$OUT" "$FIGURES"
failed=0
# With --fetch-only, a project that cannot be fetched or prepared (no network,
# say) is named and skipped, and $SRC/fetched.txt lists those that were: CI
# hands it to the test (CHATTOOL_CALIBRATION_REQUIRE), which then fails when one
# of them is not measured.
fetched=()
unfetched=()
while read -r id repo commit sub prep setting config; do
	[[ -n "${id:-}" ]] || continue
	wanted "$id" || continue
	say "== $id"
	if [[ "$repo" == . ]]; then
		dir="$REPO/$sub"
		commit=""
		project="chattool-lint/chattool-lint"
	elif ((fetch_only)); then
		if ! top=$( (checkout "$repo" "$commit" "$sub")); then
			say "$id: could not fetch $repo at $commit"
			unfetched+=("$id")
			continue
		fi
		dir="$top/$sub"
	else
		top=$(checkout "$repo" "$commit" "$sub")
		dir="$top/$sub"
		project="$repo"
	fi
	if ((fetch_only)); then
		if (prepare "$prep" "$dir"); then fetched+=("$id"); else
			say "$id: could not prepare it ($prep)"
			unfetched+=("$id")
		fi
		continue
	fi
	prepare "$prep" "$dir"

	need_mpci
	[[ -f "$ORACLE" ]] || die "no oracle at $ORACLE (set ORACLE)"
	compiled="$dir"
	if [[ "$config" != - ]]; then
		# A copy whose project.config.json carries CONFIG, for the compiler only.
		compiled="$OUT/$id.project"
		rm -rf "$compiled"
		mkdir -p "$compiled"
		(cd "$dir" && tar --exclude=./node_modules --exclude=.git -cf - .) | (cd "$compiled" && tar -xf -)
		node -e 'const f=require("fs"),p=process.argv[1]+"/project.config.json",c=JSON.parse(f.readFileSync(p,"utf8"));c.setting=Object.assign(c.setting||{},JSON.parse(process.argv[2]));f.writeFileSync(p,JSON.stringify(c,null,2))' "$compiled" "$config"
	fi
	args=(--files --save "$OUT/$id.built")
	[[ "$setting" != project ]] && args+=(--setting "$setting")
	start=$(date +%s)
	if ((reuse)) && [[ -s "$OUT/$id.json" && -d "$OUT/$id.built" ]]; then
		say "$id: reusing the compiler's output in $OUT"
	elif ! rm -rf "$OUT/$id.built" || ! (cd "$OUT" && NODE_PATH="$MPCI_HOME/node_modules" node "$ORACLE" "$compiled" "${args[@]}" >"$OUT/$id.json" 2>"$OUT/$id.err"); then
		say "$id: the compiler failed (see $OUT/$id.json, $OUT/$id.err)"
		failed=1
		continue
	else
		say "$id: compiled in $(($(date +%s) - start)) s"
	fi
	# The figures: numbers only.
	NODE_PATH="$MPCI_HOME/node_modules" node - "$OUT/$id.json" "$OUT/$id.built" "$FIGURES/$id.json" "$compiled" "$dir" \
		"$id" "$project" "$commit" "$sub" "$prep" "$setting" "$config" <<'EOF'
const fs = require('fs');
const path = require('path');
const [oracleFile, builtDir, outFile, compiledDir, srcDir, id, project, commit, sub, prep, setting, config] = process.argv.slice(2);
const o = JSON.parse(fs.readFileSync(oracleFile, 'utf8'));
const ci = require('miniprogram-ci');
const { formatCISetting } = require('miniprogram-ci/dist/ci/utils/tools');
const { couldUseSWCMode } = require('miniprogram-ci/dist/modules/corecompiler/summer/pluginconfig');
const proj = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath: compiledDir, privateKey: 'unused', ignores: ['node_modules/**/*'] });
const eff = formatCISetting(proj, setting === 'project' ? { useProjectConfig: true } : JSON.parse(setting));
const plugins = (eff.useCompilerPlugins || []).map((x) => (Array.isArray(x) ? x[0] : x));
const settings = {
  es6: !!(eff.es6 || eff.enhance),
  minified: !!eff.minified,
  minifyWXSS: !!(eff.minifyWXSS || eff.postcss),
  minifyWXML: !!eff.minifyWXML,
  compileWorklet: !!eff.compileWorklet,
  swc: !!couldUseSWCMode(eff),
  typescript: plugins.includes('typescript'),
  less: plugins.includes('less'),
  sass: plugins.includes('sass'),
};
// The fingerprint: every file under the mini program root but node_modules and .git
// folders and the project configuration files, as the test counts them.
const mpRoot = path.join(srcDir, o.miniprogramRoot || '');
let files = 0, bytes = 0;
(function walk(d, rel) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const r = rel ? rel + '/' + e.name : e.name;
    if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== '.git') walk(path.join(d, e.name), r); continue; }
    if (!e.isFile() || r === 'project.config.json' || r === 'project.private.config.json') continue;
    files++; bytes += fs.statSync(path.join(d, e.name)).size;
  }
})(mpRoot, '');
const roots = o.packages.map((p) => p.package).filter((p) => p !== '__APP__').sort((a, b) => b.length - a.length);
const helperDir = /(^|\/)@(babel|swc)\/runtime\//;
const packages = o.packages.map((p) => {
  const types = {};
  let hFiles = 0, hBytes = 0;
  for (const f of p.fileList || []) {
    const n = fs.statSync(path.join(builtDir, f)).size;
    if (helperDir.test(f)) { hFiles++; hBytes += n; continue; }
    const e = path.extname(f).slice(1) || '(none)';
    types[e] = (types[e] || 0) + n;
  }
  return {
    root: p.package === '__APP__' ? '' : p.package,
    chatTool: p.chatTool || undefined,
    independent: p.independent || undefined,
    files: p.files,
    bytes: p.bytes,
    helpers: { files: hFiles, bytes: hBytes },
    types,
  };
});
// The worklet transform writes each worklet's place as the path from the
// compiler's working folder: how long that path is up to the mini program path.
// (A method's worklet, _name_worklet_factory_, has no " (line:col)" after it.)
let workletLocationPrefix;
for (const p of o.packages) {
  for (const f of p.fileList || []) {
    if (!f.endsWith('.js') || workletLocationPrefix !== undefined) continue;
    const m = /__location="([^"]*?)(?: \(\d+:\d+\))?"/.exec(fs.readFileSync(path.join(builtDir, f), 'utf8'));
    if (!m) continue;
    const base = f.replace(/\.js$/, '');
    const i = m[1].lastIndexOf(base);
    if (i >= 0) workletLocationPrefix = i;
  }
}
const fig = {
  id,
  project,
  commit: commit || undefined,
  dir: sub,
  prepare: prep === '-' ? undefined : prep,
  compiler: o.tool,
  oracleSetting: setting === 'project' ? { useProjectConfig: true } : JSON.parse(setting),
  projectConfig: config === '-' ? undefined : JSON.parse(config),
  settings,
  source: { files, bytes },
  workletLocationPrefix,
  packages,
  measured: new Date().toISOString().slice(0, 10),
};
fs.writeFileSync(outFile, JSON.stringify(fig, null, 2) + '\n');
console.error(`${id}: ${packages.map((p) => `${p.root || 'main'} ${p.bytes}`).join(', ')}`);
EOF
done <<<"$PROJECTS"
if ((fetch_only)); then
	printf '%s\n' "${fetched[@]}" >"$SRC/fetched.txt"
	say "calibration set: ${#fetched[@]} of $((${#fetched[@]} + ${#unfetched[@]})) projects fetched and prepared in $SRC${unfetched[*]:+ (not: ${unfetched[*]})}"
fi
exit $failed
