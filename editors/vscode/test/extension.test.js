"use strict";
// The extension's start-up (extension.js) with stand-ins for the vscode
// module and the language client: which binary it starts, with which
// arguments and documents, what it says without one, and the restart on a
// settings change. Then the client's real start-up against a real server:
// the binary that CHATTOOL_LINT_TEST_BINARY names (.ci/vscode-test.sh sets
// it), through vscode-languageclient's own stdio transport (vscode-jsonrpc),
// initialize and a diagnostic for a file of testdata/example.
//   node --test test/extension.test.js   (in editors/vscode)

const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Module = require("node:module");

// --- stand-ins -------------------------------------------------------------

const started = [];
const messages = [];
const commands = new Map();
let configListener = null;
let config = {};
let workspaceFolders = [];
let trusted = true;
let failStart = false;

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, running: false });
  }
  async start() {
    if (failStart) throw new Error("spawn EACCES");
    this.running = true;
    started.push(this);
  }
  async stop() {
    this.running = false;
  }
}

const fakeVscode = {
  workspace: {
    get workspaceFolders() {
      return workspaceFolders.map((p) => ({ uri: { scheme: "file", fsPath: p } }));
    },
    get isTrusted() {
      return trusted;
    },
    getConfiguration: (section) => {
      assert.strictEqual(section, "chattool-lint");
      return { get: (key) => config[key] };
    },
    onDidChangeConfiguration: (f) => {
      configListener = f;
      return { dispose() {} };
    },
    onDidChangeWorkspaceFolders: () => ({ dispose() {} }),
    onDidGrantWorkspaceTrust: () => ({ dispose() {} }),
  },
  window: {
    createOutputChannel: () => ({ appendLine: (l) => messages.push(l), show() {}, dispose() {} }),
    showWarningMessage: (m) => messages.push(`warning: ${m}`),
    showErrorMessage: (m) => messages.push(`error: ${m}`),
  },
  commands: {
    registerCommand: (name, f) => {
      commands.set(name, f);
      return { dispose() {} };
    },
  },
};

const realLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return fakeVscode;
  if (request === "vscode-languageclient/node" && !process.env.CHATTOOL_LINT_REAL_CLIENT) {
    return { LanguageClient: FakeLanguageClient, RevealOutputChannelOn: { Never: 4 } };
  }
  return realLoad.call(this, request, parent, isMain);
};
const extension = require("../extension.js");

function reset() {
  started.length = 0;
  messages.length = 0;
  commands.clear();
  config = {};
  workspaceFolders = [];
  trusted = true;
  failStart = false;
}

function tmpdir() {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "ctl-ext-")));
}

function fakeInstall(ws) {
  const key = `${process.platform}-${process.arch}`;
  const nm = path.join(ws, "node_modules");
  fs.mkdirSync(path.join(nm, "chattool-lint"), { recursive: true });
  fs.writeFileSync(path.join(nm, "chattool-lint", "package.json"), '{"name": "chattool-lint", "version": "1.0.0"}');
  const bin = path.join(nm, "@chattool-lint", key, "bin", process.platform === "win32" ? "chattool-lint.exe" : "chattool-lint");
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  fs.writeFileSync(bin, "#!/bin/sh\n", { mode: 0o755 });
  return bin;
}

const context = () => ({ subscriptions: [] });

// --- the extension with stand-ins ---------------------------------------------

test("activate starts chattool-lint lsp from the workspace's node_modules, for the files the server reads", async () => {
  reset();
  const tmp = tmpdir();
  const savedPath = process.env.PATH;
  try {
    workspaceFolders = [tmp];
    config = { args: ["--min-base-library", "3.10.0"] };
    const bin = fakeInstall(tmp);
    const api = await extension.activate(context());
    assert.strictEqual(started.length, 1, messages.join("\n"));
    const c = started[0];
    assert.strictEqual(c.id, "chattool-lint");
    assert.strictEqual(c.serverOptions.command, bin);
    assert.deepStrictEqual(c.serverOptions.args, ["lsp", "--min-base-library", "3.10.0"]);
    assert.strictEqual(c.serverOptions.options.cwd, tmp);
    assert.deepStrictEqual(c.clientOptions.documentSelector, [{ scheme: "file", pattern: "**/*.{js,ts,wxs,wxml,wxss,json,less,scss,sass}" }]);
    assert.ok(messages.some((m) => m.includes("(from node_modules)")), messages.join("\n"));
    assert.strictEqual(api.client(), c);
    assert.ok(commands.has("chattool-lint.restart") && commands.has("chattool-lint.showOutput"));

    // A changed setting restarts it with the new arguments.
    config = { args: [] };
    await configListener({ affectsConfiguration: (s) => s === "chattool-lint.args" });
    await new Promise((r) => setImmediate(r));
    assert.strictEqual(started.length, 2);
    assert.strictEqual(c.running, false);
    assert.deepStrictEqual(started[1].serverOptions.args, ["lsp"]);
    await extension.deactivate();
    assert.strictEqual(started[1].running, false);
  } finally {
    process.env.PATH = savedPath;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("without a binary it says where it looked and starts nothing", async () => {
  reset();
  const tmp = tmpdir();
  const savedPath = process.env.PATH;
  try {
    process.env.PATH = path.join(tmp, "empty");
    workspaceFolders = [tmp];
    fakeInstall(tmp);
    trusted = false; // the workspace's copy does not count
    const api = await extension.activate(context());
    assert.strictEqual(started.length, 0);
    assert.strictEqual(api.client(), null);
    assert.ok(messages.some((m) => /^warning: chattool-lint: no chattool-lint binary.*npm i -D chattool-lint.*not trusted/.test(m)), messages.join("\n"));
  } finally {
    process.env.PATH = savedPath;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("a server that does not start is reported, not thrown", async () => {
  reset();
  const tmp = tmpdir();
  try {
    workspaceFolders = [tmp];
    fakeInstall(tmp);
    failStart = true;
    const api = await extension.activate(context());
    assert.strictEqual(api.client(), null);
    assert.ok(messages.some((m) => m.startsWith("error: chattool-lint: the language server")), messages.join("\n"));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

// --- the real server through the client library's transport -------------------

const realBinary = process.env.CHATTOOL_LINT_TEST_BINARY;
test("the real chattool-lint lsp answers initialize and publishes a file's diagnostics", { skip: !realBinary && "CHATTOOL_LINT_TEST_BINARY not set" }, async () => {
  const { spawn } = require("node:child_process");
  // vscode-languageclient's own transport (it needs the vscode module itself).
  const rpc = require("vscode-jsonrpc/node");
  const example = path.resolve(__dirname, "../../../testdata/example");
  const file = path.join(example, "miniprogram/packageChatTool/pages/vote/index.wxml");
  const child = spawn(realBinary, ["lsp"], { cwd: example, stdio: ["pipe", "pipe", "inherit"] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = new Promise((resolve) => {
    conn.onNotification("textDocument/publishDiagnostics", (p) => {
      if (decodeURIComponent(new URL(p.uri).pathname) === file && p.diagnostics.length > 0) resolve(p.diagnostics);
    });
  });
  conn.listen();
  try {
    const init = await conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    assert.strictEqual(init.serverInfo && init.serverInfo.name, "chattool-lint");
    await conn.sendNotification("initialized", {});
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: new URL(`file://${file}`).href, languageId: "wxml", version: 1, text: fs.readFileSync(file, "utf8") },
    });
    const ds = await Promise.race([diagnostics, new Promise((_, reject) => setTimeout(() => reject(new Error("no diagnostics in 20 s")), 20000))]);
    const share = ds.find((d) => d.code === "chattool-disabled-component");
    assert.ok(share, JSON.stringify(ds));
    assert.deepStrictEqual(share.range.start, { line: 7, character: 8 });
    await conn.sendRequest("shutdown");
    await conn.sendNotification("exit");
  } finally {
    conn.dispose();
    child.kill();
  }
});
