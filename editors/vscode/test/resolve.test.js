"use strict";
// The extension's binary lookup (lib/resolve.js), on real folders:
//   node --test test/resolve.test.js   (in editors/vscode)

const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { findBinary, fromPath, notFoundMessage } = require("../lib/resolve.js");

const platform = "linux";
const arch = "x64";

function tmpdir() {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "ctl-vscode-")));
}

function write(file, text, mode) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: mode || 0o644 });
  return file;
}

// npmInstall(dir, pkgName): node_modules/chattool-lint and its system
// package, as npm lays them out; returns the binary.
function npmInstall(dir, name) {
  const nm = path.join(dir, "node_modules");
  write(path.join(nm, "chattool-lint", "package.json"), '{"name": "chattool-lint", "version": "1.0.0"}');
  const plat = name || `@chattool-lint/${platform}-${arch}`;
  write(path.join(nm, plat, "package.json"), `{"name": "${plat}", "version": "1.0.0"}`);
  return write(path.join(nm, plat, "bin", "chattool-lint"), "#!/bin/sh\n", 0o755);
}

function onPath(dir) {
  return write(path.join(dir, "chattool-lint"), "#!/bin/sh\n", 0o755);
}

test("the workspace's node_modules first, then the PATH, then the setting", () => {
  const tmp = tmpdir();
  try {
    const ws = path.join(tmp, "ws");
    const fromNM = npmInstall(ws);
    const pathBin = onPath(path.join(tmp, "bin"));
    const setting = write(path.join(tmp, "custom", "chattool-lint"), "#!/bin/sh\n", 0o755);
    const env = { PATH: `/nonexistent:${path.join(tmp, "bin")}` };
    const o = { folders: [ws], setting, trusted: true, env, platform, arch };
    assert.deepStrictEqual(findBinary(o), { path: fromNM, source: "node_modules" });

    fs.rmSync(path.join(ws, "node_modules"), { recursive: true });
    assert.deepStrictEqual(findBinary(o), { path: pathBin, source: "PATH" });

    assert.deepStrictEqual(findBinary({ ...o, env: { PATH: "/nonexistent" } }), { path: setting, source: "setting" });
    assert.strictEqual(findBinary({ ...o, env: { PATH: "" }, setting: path.join(tmp, "missing") }), null);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("an untrusted workspace's node_modules are not run", () => {
  const tmp = tmpdir();
  try {
    const ws = path.join(tmp, "ws");
    npmInstall(ws);
    assert.strictEqual(findBinary({ folders: [ws], trusted: false, env: { PATH: "" }, platform, arch }), null);
    assert.match(notFoundMessage({ trusted: false }), /not trusted/);
    assert.doesNotMatch(notFoundMessage({ trusted: true }), /not trusted/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("node_modules above the folder (a monorepo) and the second folder count", () => {
  const tmp = tmpdir();
  try {
    const bin = npmInstall(tmp);
    const app = path.join(tmp, "apps", "poll");
    fs.mkdirSync(app, { recursive: true });
    const other = path.join(os.tmpdir(), "surely-no-node-modules-here");
    const r = findBinary({ folders: [other, app], trusted: true, env: { PATH: "" }, platform, arch });
    assert.deepStrictEqual(r, { path: bin, source: "node_modules" });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("pnpm's layout: the system package beside the real chattool-lint, not in the workspace's node_modules", () => {
  const tmp = tmpdir();
  try {
    const store = path.join(tmp, "node_modules", ".pnpm", "chattool-lint@1.0.0", "node_modules");
    write(path.join(store, "chattool-lint", "package.json"), '{"name": "chattool-lint", "version": "1.0.0"}');
    const bin = write(path.join(store, "@chattool-lint", "linux-x64", "bin", "chattool-lint"), "#!/bin/sh\n", 0o755);
    fs.symlinkSync(path.join(store, "chattool-lint"), path.join(tmp, "node_modules", "chattool-lint"));
    const r = findBinary({ folders: [tmp], trusted: true, env: { PATH: "" }, platform, arch });
    assert.deepStrictEqual(r, { path: bin, source: "node_modules" });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("the unscoped system package, and another system's package is not taken", () => {
  const tmp = tmpdir();
  try {
    const bin = npmInstall(tmp, "chattool-lint-linux-x64");
    assert.deepStrictEqual(findBinary({ folders: [tmp], trusted: true, env: { PATH: "" }, platform, arch }), { path: bin, source: "node_modules" });
    assert.strictEqual(findBinary({ folders: [tmp], trusted: true, env: { PATH: "" }, platform, arch: "arm64" }), null);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("the PATH: executables only; on Windows with PATHEXT", () => {
  const tmp = tmpdir();
  try {
    write(path.join(tmp, "a", "chattool-lint"), "not executable\n", 0o644);
    const b = onPath(path.join(tmp, "b"));
    assert.strictEqual(fromPath({ PATH: `${path.join(tmp, "a")}:${path.join(tmp, "b")}` }, "linux"), b);
    const exe = write(path.join(tmp, "w", "chattool-lint.exe"), "MZ", 0o644);
    assert.strictEqual(fromPath({ Path: path.join(tmp, "w"), PATHEXT: ".COM;.EXE" }, "win32"), exe);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("a relative setting is taken from the first folder", () => {
  const tmp = tmpdir();
  try {
    const bin = write(path.join(tmp, "tools", "chattool-lint"), "#!/bin/sh\n", 0o755);
    const r = findBinary({ folders: [tmp], setting: "tools/chattool-lint", trusted: true, env: { PATH: "" }, platform, arch });
    assert.deepStrictEqual(r, { path: bin, source: "setting" });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
