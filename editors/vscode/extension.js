"use strict";
// The chattool-lint extension: a language client for `chattool-lint lsp`.
// The server finds each file's project itself and checks only files inside a
// mini program or mini game, so the client hands it every file of the kinds
// it reads, whatever their language id (an HTML association of .wxml, or
// another extension's wxml language, does not matter).

const vscode = require("vscode");
const { LanguageClient, RevealOutputChannelOn } = require("vscode-languageclient/node");
const { findBinary, notFoundMessage } = require("./lib/resolve.js");

const SECTION = "chattool-lint";

// The files the server reads, by name.
const DOCUMENT_SELECTOR = [{ scheme: "file", pattern: "**/*.{js,ts,wxs,wxml,wxss,json,less,scss,sass}" }];

let client = null;
let output = null;

function folders() {
  return (vscode.workspace.workspaceFolders || []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath);
}

// settings: chattool-lint.path and chattool-lint.args. In an untrusted
// workspace VS Code itself gives only the user's values of these two
// (package.json: restrictedConfigurations).
function settings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const args = config.get("args");
  return { setting: config.get("path") || "", args: Array.isArray(args) ? args.map(String) : [] };
}

async function start(context) {
  const { setting, args } = settings();
  const trusted = vscode.workspace.isTrusted !== false;
  const found = findBinary({ folders: folders(), setting, trusted });
  if (!found) {
    const message = notFoundMessage({ setting, trusted });
    output.appendLine(message);
    vscode.window.showWarningMessage(message);
    return null;
  }
  output.appendLine(`chattool-lint: starting ${found.path} lsp (from ${found.source})`);
  const serverOptions = {
    command: found.path,
    args: ["lsp", ...args],
    options: { cwd: folders()[0] },
  };
  const clientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  const c = new LanguageClient(SECTION, "chattool-lint", serverOptions, clientOptions);
  try {
    await c.start();
  } catch (err) {
    output.appendLine(`chattool-lint: the language server did not start: ${err && err.message ? err.message : err}`);
    vscode.window.showErrorMessage(`chattool-lint: the language server (${found.path}) did not start; see the chattool-lint output.`);
    return null;
  }
  return c;
}

async function stop() {
  const c = client;
  client = null;
  if (c) await c.stop();
}

async function restart(context) {
  await stop();
  client = await start(context);
  return client;
}

async function activate(context) {
  output = vscode.window.createOutputChannel("chattool-lint");
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand("chattool-lint.restart", () => restart(context)),
    vscode.commands.registerCommand("chattool-lint.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.path`) || e.affectsConfiguration(`${SECTION}.args`)) restart(context);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => restart(context))
  );
  if (vscode.workspace.onDidGrantWorkspaceTrust) {
    // Trust lets the workspace's node_modules count.
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)));
  }
  client = await start(context);
  // The extension's API, for tests: the running client, or null.
  return { client: () => client, restart: () => restart(context) };
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, DOCUMENT_SELECTOR };
