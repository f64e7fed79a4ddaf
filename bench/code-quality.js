#!/usr/bin/env node
'use strict';
/*
 * bench/code-quality.js: the helper of bench/code-quality.sh (issue 17). Two modes:
 *
 *   node code-quality.js devtools --mpci DIR PROJECT
 *       runs miniprogram-ci's checkCodeQuality (DevTools' code-quality panel) on PROJECT,
 *       offline, and prints its result as JSON with every list it makes (the same call as
 *       ../shared/bench/mpci-oracle.js --quality, which keeps only the counts, without the
 *       compile). DIR holds node_modules/miniprogram-ci.
 *
 *   node code-quality.js table --mpci DIR --lint BIN [--details] PROJECT...
 *       for each PROJECT runs the mode above (in a child process) and `BIN --format json`,
 *       and prints a Markdown table: one row per project and check, DevTools' verdict and
 *       chattool-lint's, and whether they agree; --details adds, below the table, the items
 *       on which they differ.
 *
 * Exit status 0 (a measurement, not a gate); 2 when a tool could not run at all.
 */
const path = require('path');
const fs = require('fs');
const os = require('os');
const { spawnSync } = require('child_process');

function die(msg) { process.stderr.write(`bench/code-quality.js: ${msg}\n`); process.exit(2); }

function parseArgs(argv) {
	const o = { mode: argv[0], projects: [] };
	for (let i = 1; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--mpci') o.mpci = argv[++i];
		else if (a === '--lint') o.lint = argv[++i];
		else if (a === '--details') o.details = true;
		else o.projects.push(a);
	}
	return o;
}

// ---------------------------------------------------------------- devtools mode

async function devtools(mpciHome, projectPath) {
	const req = require('module').createRequire(path.join(path.resolve(mpciHome), 'package.json'));
	const realLog = console.log.bind(console);
	const errors = [];
	// miniprogram-ci logs to stdout; keep stdout for the JSON. A check that throws is
	// logged with console.error and counted as passed (checkItem: catch => success = true):
	// keep those errors, so that such a pass is not taken for a verdict.
	console.log = (...a) => console.error(...a);
	console.info = (...a) => console.error(...a);
	console.warn = (...a) => console.error(...a);
	const realError = console.error.bind(console);
	console.error = (...a) => {
		for (const x of a) if (x instanceof Error) errors.push(String(x.stack || x.message).split('\n').slice(0, 3).join(' | '));
		realError(...a);
	};
	const ci = req('miniprogram-ci');
	// Offline: every CGI call of miniprogram-ci goes through dist/utils/request (as in
	// mpci-oracle.js); checkCodeQuality makes none, this only makes sure of it.
	const reqMod = req('miniprogram-ci/dist/utils/request');
	const blocked = [];
	reqMod.request = async (o) => { blocked.push((o && o.url) || String(o)); throw new Error('offline: network disabled'); };
	const config = req('miniprogram-ci/dist/config/config');
	// IMAGE_AND_AUDIO_LIMIT keeps no detail: record the sum it compares with 200 KB.
	const { CodeDenpendencyQualityChecker: Checker } = req('miniprogram-ci/dist/ci/utils/codeDenpendencyQualityChecker');
	let mediaBytes = null;
	const orig = Checker.prototype.caculateResourceFileSize;
	Checker.prototype.caculateResourceFileSize = function (...a) { mediaBytes = orig.apply(this, a); return mediaBytes; };
	const levels = {};
	for (const c of req('miniprogram-ci/dist/ci/utils/qualitycheckoption').default.checkList) levels[c.name] = c.level;

	projectPath = path.resolve(projectPath);
	let pc = {};
	try { pc = JSON.parse(fs.readFileSync(path.join(projectPath, 'project.config.json'), 'utf8')); } catch (e) { /* none */ }
	const project = new ci.Project({
		appid: pc.appid || 'wx0000000000000000',
		type: 'miniProgram',
		projectPath,
		privateKey: 'offline-no-key', // the constructor wants one; checkCodeQuality signs nothing
		ignores: ['node_modules/**/*'],
		attr: async () => config.DefaultProjectAttr,
	});
	// The compiler factory may create folders in the current directory: run from a temp one.
	const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'code-quality-cwd-'));
	process.chdir(cwd);
	const t0 = Date.now();
	const q = await ci.checkCodeQuality(project);
	const ms = Date.now() - t0;
	fs.rmSync(cwd, { recursive: true, force: true });
	realLog(JSON.stringify({
		tool: `miniprogram-ci@${req('miniprogram-ci/package.json').version}`,
		projectPath,
		miniprogramRoot: project.miniprogramRoot || '',
		ms,
		mediaBytes,
		errors,
		networkBlocked: blocked,
		checks: q.map((r) => ({ name: r.name, level: levels[r.name], success: r.success, detail: r.detail })),
	}));
}

// ---------------------------------------------------------------- table mode

const KB = 1024;
const fmtKB = (n) => `${(n / KB).toFixed(1)} KB`;

function readJSON(p) { try { return JSON.parse(fs.readFileSync(p, 'utf8')); } catch (e) { return null; } }

// The checks in the panel's order, each with the rule that stands for it.
const CHECKS = [
	['PACKAGE_SIZE_LIMIT', 'package-source-size'],
	['IMAGE_AND_AUDIO_LIMIT', 'media-size'],
	['JS_COMPRESS_OPEN', 'minify-setting'],
	['WXML_COMPRESS_OPEN', 'minify-setting'],
	['WXSS_COMPRESS_OPEN', 'minify-setting'],
	['LAZYCODE_LOADING_OPEN', 'skyline-config'],
	['CONTAINS_OTHER_PKG_JS', 'subpackage-only-code'],
	['CONTAINS_OTHER_PKG_COMPONENTS', 'subpackage-only-code'],
	['CONTAINS_UNUSED_PLUGINS', 'unused-plugin'],
	['CONTAINS_UNUSED_COMPONENTS', 'unused-component'],
	['CONTAINS_UNUSED_CODES', 'unused-file'],
];

function runLint(bin, dir) {
	const r = spawnSync(bin, ['--format', 'json', '--no-config', '--fail-on', 'never', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
	if (r.status !== 0) return { error: `chattool-lint exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}` };
	try { return JSON.parse(r.stdout); } catch (e) { return { error: `chattool-lint printed no JSON: ${e.message}` }; }
}

function runDevtools(mpci, dir) {
	const r = spawnSync(process.execPath, [__filename, 'devtools', '--mpci', mpci, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
	if (r.status !== 0) return { error: `checkCodeQuality exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}` };
	try { return JSON.parse(r.stdout); } catch (e) { return { error: `checkCodeQuality printed no JSON: ${e.message}` }; }
}

// The same project with setting.ignoreUploadUnusedFiles false, so that unused-file
// reports what it finds (the panel lists the unused files whatever the setting;
// only its verdict depends on it). A copy of hard links (of files, not folders), with
// project.config.json written anew (the original is never written).
function withUnusedFilesCounted(dir, pc) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'code-quality-copy-'));
	const copy = path.join(tmp, path.basename(dir));
	fs.mkdirSync(copy);
	for (const e of fs.readdirSync(dir)) {
		if (e === '.git' || e === 'node_modules' || e === 'project.config.json') continue;
		let r = spawnSync('cp', ['-al', path.join(dir, e), copy]);
		if (r.status !== 0) r = spawnSync('cp', ['-a', path.join(dir, e), copy]);
		if (r.status !== 0) { fs.rmSync(tmp, { recursive: true, force: true }); return null; }
	}
	const next = JSON.parse(JSON.stringify(pc));
	next.setting = Object.assign({}, next.setting, { ignoreUploadUnusedFiles: false });
	fs.writeFileSync(path.join(copy, 'project.config.json'), JSON.stringify(next, null, 2));
	return { copy, tmp };
}

// resolveComponent finds the component (its path without .json, from the mini program
// root) that usingComponents value v of the json at owner (mp-relative) names.
function resolveComponent(mpRoot, owner, v) {
	if (typeof v !== 'string' || /^plugin(-private)?:\/\//.test(v)) return null;
	const exists = (b) => fs.existsSync(path.join(mpRoot, `${b}.json`));
	const pick = (b) => { b = path.posix.normalize(b).replace(/^\/+/, ''); if (exists(b)) return b; if (exists(`${b}/index`)) return `${b}/index`; return null; };
	const dir = path.posix.dirname(owner);
	if (v.startsWith('/')) return pick(v);
	const rel = pick(path.posix.join(dir, v));
	if (rel || v.startsWith('.')) return rel;
	for (let d = dir; ; d = path.posix.dirname(d)) {
		const r = pick(path.posix.join(d === '.' ? '' : d, 'miniprogram_npm', v));
		if (r) return r;
		if (d === '.' || d === '/' || d === '') break;
	}
	return null;
}

// ours maps chattool-lint's findings (files relative to the mini program root) to the
// checks: { items: [...], fail, extra } by check name.
function ours(lint, mpRoot, app) {
	const ds = lint.diagnostics || [];
	const by = (rule) => ds.filter((d) => d.rule === rule);
	const sevFail = (d) => d.severity === 'error' || d.severity === 'warning';
	const out = {};
	// package-source-size: one warning per package over 1.5 MB, at app.json.
	out.PACKAGE_SIZE_LIMIT = { items: by('package-source-size').map((d) => {
		const m = /^(?:the main package|(?:chat-tool |worker )?subpackage (\S+)) has (\S+ \S+)/.exec(d.message);
		return m ? `${m[1] ? `${m[1]}/` : '__APP__'} ${m[2]}` : d.message;
	}) };
	const media = by('media-size');
	out.IMAGE_AND_AUDIO_LIMIT = { items: media.map((d) => (/add up to (\S+ \S+) in (\d+ files?)/.exec(d.message) || [d.message]).slice(1).join(' in ')) };
	const minify = by('minify-setting');
	const key = { JS_COMPRESS_OPEN: '"minified"', WXML_COMPRESS_OPEN: '"minifyWXML"', WXSS_COMPRESS_OPEN: '"minifyWXSS"' };
	for (const [c, k] of Object.entries(key)) out[c] = { items: minify.filter((d) => d.message.includes(k)).map((d) => d.message) };
	out.LAZYCODE_LOADING_OPEN = { items: by('skyline-config').filter((d) => d.message.includes('lazyCodeLoading')).map((d) => d.message) };
	const spo = by('subpackage-only-code');
	out.CONTAINS_OTHER_PKG_JS = { items: spo.filter((d) => d.severity !== 'info').map((d) => {
		const m = /^npm package (\S+) /.exec(d.message);
		return m ? `${m[1]}/ (npm package)` : d.file;
	}) };
	out.CONTAINS_OTHER_PKG_COMPONENTS = { items: spo.filter((d) => d.severity === 'info').map((d) => (/^component (\S+) /.exec(d.message) || [, d.file])[1]), info: true };
	const plugins = Object.assign({}, app.plugins || {});
	out.CONTAINS_UNUSED_PLUGINS = { items: by('unused-plugin').map((d) => {
		const m = /^plugin "([^"]+)"/.exec(d.message);
		const p = m && plugins[m[1]];
		return p && p.provider ? p.provider : (m ? m[1] : d.message);
	}) };
	const uc = by('unused-component');
	const target = (d) => {
		const m = /^(?:global )?component "([^"]+)"/.exec(d.message);
		const j = readJSON(path.join(mpRoot, d.file));
		const v = m && j && j.usingComponents && j.usingComponents[m[1]];
		return resolveComponent(mpRoot, d.file, v) || `${m ? m[1] : '?'} in ${d.file}`;
	};
	const errs = [...new Set(uc.filter((d) => d.severity === 'error').map(target))];
	out.CONTAINS_UNUSED_COMPONENTS = { items: errs, extra: uc.filter((d) => d.severity !== 'error').length, failOnly: true };
	out.CONTAINS_UNUSED_CODES = { items: by('unused-file').map((d) => {
		const m = /^npm package (\S+)/.exec(d.message);
		return m ? `${m[1]}/ (npm package)` : d.file;
	}) };
	for (const c of Object.values(out)) c.fail = !c.info && c.items.length > 0;
	out.CONTAINS_UNUSED_COMPONENTS.fail = errs.length > 0;
	return out;
}

// theirs maps checkCodeQuality's result to { success, items, note } by check name.
function theirs(dt) {
	const out = {};
	for (const c of dt.checks) {
		const d = c.detail;
		let items = [];
		let note = '';
		switch (c.name) {
		case 'PACKAGE_SIZE_LIMIT':
			items = Object.entries(d || {}).filter(([, b]) => b / 1024 > 1536).map(([p, b]) => `${p} ${fmtKB(b)}`);
			break;
		case 'IMAGE_AND_AUDIO_LIMIT':
			if (dt.mediaBytes != null) note = `${fmtKB(dt.mediaBytes)}`;
			if (!c.success) items = [note];
			break;
		case 'CONTAINS_OTHER_PKG_JS': items = (d && d.files) || []; break;
		case 'CONTAINS_OTHER_PKG_COMPONENTS': items = (d && d.comps) || []; break;
		case 'CONTAINS_UNUSED_PLUGINS': items = d || []; break;
		case 'CONTAINS_UNUSED_COMPONENTS': items = (d || []).map((p) => p.replace(/\.json$/, '')); break;
		case 'CONTAINS_UNUSED_CODES': items = d || []; break;
		default: break;
		}
		out[c.name] = { success: c.success, level: c.level, items, note };
	}
	return out;
}

// comparable reduces an item to what both sides name the same way.
function key(check, item) {
	if (check === 'PACKAGE_SIZE_LIMIT' || check === 'IMAGE_AND_AUDIO_LIMIT') return item.split(' ')[0].replace(/\/$/, '');
	return item.replace(/\/ \(npm package\)$/, '');
}

function table(o) {
	const rows = [];
	const details = [];
	let version = '';
	for (const p of o.projects) {
		const dir = path.resolve(p);
		const name = path.basename(dir);
		const pc = readJSON(path.join(dir, 'project.config.json')) || {};
		const mpRel = String(pc.miniprogramRoot || '').replace(/^\.?\/+/, '').replace(/\/+$/, '');
		const mpRoot = path.join(dir, mpRel);
		const app = readJSON(path.join(mpRoot, 'app.json')) || {};
		const dt = runDevtools(o.mpci, dir);
		const lint = runLint(o.lint, dir);
		if (dt.error || lint.error) {
			rows.push(`| ${name} | (all) | | ${dt.error || 'ran'} | | ${lint.error || 'ran'} | |`);
			continue;
		}
		version = dt.tool;
		// chattool-lint's files are relative to the project folder: make them relative to the
		// mini program root, as DevTools' are.
		const strip = (f) => (mpRel && f.startsWith(`${mpRel}/`) ? f.slice(mpRel.length + 1) : f);
		for (const d of lint.diagnostics || []) d.file = strip(d.file || '');
		const T = theirs(dt);
		const U = ours(lint, mpRoot, app);
		// unused-file reports only when the setting lets the files count; the panel lists them
		// in any case. Count ours with the setting off too.
		const st = pc.setting || {};
		let uncounted = null;
		if (!(st.ignoreDevUnusedFiles === false || st.ignoreUploadUnusedFiles === false)) {
			const c = withUnusedFilesCounted(dir, pc);
			if (c) {
				const l2 = runLint(o.lint, c.copy);
				fs.rmSync(c.tmp, { recursive: true, force: true });
				if (!l2.error) {
					for (const d of l2.diagnostics || []) d.file = strip(d.file || '');
					uncounted = ours(l2, mpRoot, app).CONTAINS_UNUSED_CODES.items;
				}
			}
		}
		for (const [check, rule] of CHECKS) {
			const t = T[check];
			const u = U[check];
			if (!t) { rows.push(`| ${name} | ${check} | | not run | \`${rule}\` | | |`); continue; }
			let dv = `${t.success ? 'pass' : 'fail'}`;
			const listed = ['CONTAINS_OTHER_PKG_JS', 'CONTAINS_OTHER_PKG_COMPONENTS', 'CONTAINS_UNUSED_PLUGINS', 'CONTAINS_UNUSED_COMPONENTS', 'CONTAINS_UNUSED_CODES', 'PACKAGE_SIZE_LIMIT'].includes(check);
			if (listed) dv += `, ${t.items.length} listed`;
			if (check === 'IMAGE_AND_AUDIO_LIMIT' && t.note) dv += `, ${t.note}`;
			let uv = `${u.fail ? 'fail' : 'pass'}`;
			let uItems = u.items;
			if (check === 'CONTAINS_UNUSED_CODES' && uncounted) {
				uv += `, ${u.items.length} (${uncounted.length} with ignoreUploadUnusedFiles false)`;
				uItems = uncounted;
			} else if (listed) {
				uv += `, ${u.items.length}`;
			}
			if (check === 'CONTAINS_UNUSED_COMPONENTS' && u.extra) uv += ` (+${u.extra} warnings)`;
			if (check === 'IMAGE_AND_AUDIO_LIMIT' && u.items.length) uv += `, ${u.items[0]}`;
			const tk = new Set(t.items.map((x) => key(check, x)));
			const uk = new Set(uItems.map((x) => key(check, x)));
			const onlyT = [...tk].filter((x) => !uk.has(x)).sort();
			const onlyU = [...uk].filter((x) => !tk.has(x)).sort();
			const verdictSame = t.success === !u.fail;
			const same = verdictSame && (!listed || (onlyT.length === 0 && onlyU.length === 0));
			rows.push(`| ${name} | ${check} | ${t.level} | ${dv} | \`${rule}\` | ${uv} | ${same ? 'same' : '**differs**'} |`);
			if (!same && (onlyT.length || onlyU.length)) {
				details.push(`${name} ${check}:`);
				for (const x of onlyT) details.push(`  only DevTools: ${x}`);
				for (const x of onlyU) details.push(`  only ours:     ${x}`);
			}
		}
		if (dt.errors.length) details.push(`${name}: checkCodeQuality logged errors (a check that throws passes): ${dt.errors.join(' || ')}`);
		if (dt.networkBlocked.length) details.push(`${name}: network calls refused: ${dt.networkBlocked.join(', ')}`);
	}
	const out = [];
	out.push(`${version || 'miniprogram-ci'} checkCodeQuality (offline) against chattool-lint --format json, ${new Date().toISOString().slice(0, 10)}`);
	out.push('');
	out.push('| project | check | level | DevTools | rule | chattool-lint | |');
	out.push('| --- | --- | --- | --- | --- | --- | --- |');
	out.push(...rows);
	if (o.details && details.length) {
		out.push('');
		out.push('Items on which they differ:');
		out.push('');
		out.push('```');
		out.push(...details);
		out.push('```');
	}
	process.stdout.write(`${out.join('\n')}\n`);
}

const o = parseArgs(process.argv.slice(2));
if (o.mode === 'devtools') {
	if (!o.mpci || o.projects.length !== 1) die('usage: code-quality.js devtools --mpci DIR PROJECT');
	devtools(o.mpci, o.projects[0]).then(() => process.exit(0), (e) => { process.stderr.write(`${e && e.stack || e}\n`); process.exit(1); });
} else if (o.mode === 'table') {
	if (!o.mpci || !o.lint || !o.projects.length) die('usage: code-quality.js table --mpci DIR --lint BIN [--details] PROJECT...');
	table(o);
} else {
	die('usage: code-quality.js devtools|table ...');
}
