"use strict";
// Unit tests of the npm package's binary lookup and launcher:
//   node --test npm/chattool-lint/test/binary.test.js
// (.ci/npm-test.sh runs them; the real binary is tested there too.)

const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const pkgDir = path.join(__dirname, "..");
const { PLATFORMS, packageNames, executableName, binaryPath, checkVersion } = require("../lib/binary.js");

function notFound(id) {
  const err = new Error(`Cannot find module '${id}'`);
  err.code = "MODULE_NOT_FOUND";
  return err;
}

test("six systems, scoped package first", () => {
  assert.deepStrictEqual(PLATFORMS, ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64"]);
  assert.deepStrictEqual(packageNames("linux", "arm64"), ["@chattool-lint/linux-arm64", "chattool-lint-linux-arm64"]);
  assert.strictEqual(executableName("win32"), "chattool-lint.exe");
  assert.strictEqual(executableName("darwin"), "chattool-lint");
});

test("binaryPath resolves the scoped package's binary", () => {
  const asked = [];
  const resolve = (id) => {
    asked.push(id);
    return `/nm/${id}`;
  };
  assert.strictEqual(binaryPath({ platform: "win32", arch: "arm64", env: {}, resolve }), "/nm/@chattool-lint/win32-arm64/bin/chattool-lint.exe");
  assert.deepStrictEqual(asked, ["@chattool-lint/win32-arm64/bin/chattool-lint.exe"]);
});

test("binaryPath falls back to the unscoped package", () => {
  const resolve = (id) => {
    if (id.startsWith("@")) throw notFound(id);
    return `/nm/${id}`;
  };
  assert.strictEqual(binaryPath({ platform: "darwin", arch: "x64", env: {}, resolve }), "/nm/chattool-lint-darwin-x64/bin/chattool-lint");
});

test("binaryPath says how to fix a missing package", () => {
  const resolve = (id) => {
    throw notFound(id);
  };
  assert.throws(() => binaryPath({ platform: "linux", arch: "x64", env: {}, resolve }), /@chattool-lint\/linux-x64.*not installed.*--omit=optional/);
});

test("binaryPath passes on other errors", () => {
  const resolve = () => {
    const err = new Error("EACCES");
    err.code = "EACCES";
    throw err;
  };
  assert.throws(() => binaryPath({ platform: "linux", arch: "x64", env: {}, resolve }), /EACCES/);
});

test("binaryPath names the systems it covers for another", () => {
  assert.throws(() => binaryPath({ platform: "freebsd", arch: "x64", env: {}, resolve: () => "/x" }), /no binary for freebsd-x64.*linux-x64.*go install/);
  assert.throws(() => binaryPath({ platform: "linux", arch: "ia32", env: {}, resolve: () => "/x" }), /linux-ia32/);
});

test("CHATTOOL_LINT_BINARY comes first", () => {
  const resolve = () => assert.fail("resolve called");
  assert.strictEqual(binaryPath({ platform: "sunos", arch: "x64", env: { CHATTOOL_LINT_BINARY: "/opt/ctl" }, resolve }), path.resolve("/opt/ctl"));
});

// install(tmp, script, version): a node_modules with this package and a
// fake binary for this system (a shell script), as npm lays them out.
function install(tmp, script, version) {
  const nm = path.join(tmp, "node_modules");
  const own = path.join(nm, "chattool-lint");
  fs.mkdirSync(path.join(own, "bin"), { recursive: true });
  fs.mkdirSync(path.join(own, "lib"));
  fs.copyFileSync(path.join(pkgDir, "bin", "chattool-lint"), path.join(own, "bin", "chattool-lint"));
  fs.copyFileSync(path.join(pkgDir, "lib", "binary.js"), path.join(own, "lib", "binary.js"));
  fs.writeFileSync(path.join(own, "package.json"), JSON.stringify({ name: "chattool-lint", version: "1.2.3" }));
  const key = `${process.platform}-${process.arch}`;
  const plat = path.join(nm, "@chattool-lint", key);
  fs.mkdirSync(path.join(plat, "bin"), { recursive: true });
  fs.writeFileSync(path.join(plat, "package.json"), JSON.stringify({ name: `@chattool-lint/${key}`, version }));
  const bin = path.join(plat, "bin", executableName(process.platform));
  fs.writeFileSync(bin, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return { launcher: path.join(own, "bin", "chattool-lint"), bin };
}

const posix = process.platform !== "win32";

test("the launcher runs the binary with the arguments, standard input and output, and its exit status", { skip: !posix && "shell-script binary" }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctl-launcher-"));
  try {
    const { launcher } = install(tmp, 'printf "%s|" "$@"; cat; echo "to stderr" >&2; exit 7', "1.2.3");
    const r = spawnSync(process.execPath, [launcher, "a", "b c", "--flag=x"], { input: "from stdin", encoding: "utf8", env: { ...process.env, CHATTOOL_LINT_BINARY: "" } });
    assert.strictEqual(r.status, 7, r.stderr);
    assert.strictEqual(r.stdout, "a|b c|--flag=x|from stdin");
    assert.strictEqual(r.stderr, "to stderr\n");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("the launcher ends with the binary's signal", { skip: !posix && "signals" }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctl-launcher-"));
  try {
    const { launcher } = install(tmp, "kill -TERM $$", "1.2.3");
    const r = spawnSync(process.execPath, [launcher], { encoding: "utf8", env: { ...process.env, CHATTOOL_LINT_BINARY: "" } });
    assert.strictEqual(r.signal, "SIGTERM", `status ${r.status}, stderr ${r.stderr}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("the launcher warns of a binary of another version, and fails clearly without one", { skip: !posix && "shell-script binary" }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctl-launcher-"));
  try {
    const { launcher, bin } = install(tmp, "exit 0", "1.0.0");
    const env = { ...process.env, CHATTOOL_LINT_BINARY: "" };
    let r = spawnSync(process.execPath, [launcher], { encoding: "utf8", env });
    assert.strictEqual(r.status, 0);
    assert.match(r.stderr, /@chattool-lint\/.* is version 1\.0\.0, chattool-lint is 1\.2\.3/);
    assert.strictEqual(checkVersion(bin, "1.0.0"), "");

    fs.rmSync(path.dirname(path.dirname(bin)), { recursive: true });
    r = spawnSync(process.execPath, [launcher, "--version"], { encoding: "utf8", env });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /^chattool-lint: the package @chattool-lint\/.* is not installed/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
