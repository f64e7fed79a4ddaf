"use strict";
// Which chattool-lint binary the extension runs, in this order:
//
//   1. the workspace's npm install (npm i -D chattool-lint): the binary of
//      this system's package, @chattool-lint/<os>-<cpu>, found from the
//      chattool-lint package that each workspace folder resolves (so
//      node_modules above the folder, as in a monorepo, and pnpm's layout
//      count), not node_modules/.bin's launcher: the binary itself, without
//      a Node.js process in between. Only in a trusted workspace: it is the
//      workspace's code.
//   2. chattool-lint on the PATH (npm i -g, a release binary, go install).
//   3. the chattool-lint.path setting (absolute, or relative to the first
//      workspace folder).
//
// Pure Node.js, with the file system and the environment passed in, so that
// test/resolve.test.js runs it without VS Code.

const fs = require("fs");
const path = require("path");

function executableName(platform) {
  return platform === "win32" ? "chattool-lint.exe" : "chattool-lint";
}

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch (err) {
    return false;
  }
}

// fromNodeModules: the binary of the npm install that folder resolves, or
// "" (also when the package is there but not this system's binary).
function fromNodeModules(folder, platform, arch) {
  let pkgJSON;
  try {
    pkgJSON = require.resolve("chattool-lint/package.json", { paths: [folder] });
  } catch (err) {
    return "";
  }
  const pkgDir = path.dirname(pkgJSON);
  const exe = executableName(platform);
  for (const name of [`@chattool-lint/${platform}-${arch}`, `chattool-lint-${platform}-${arch}`]) {
    try {
      // Resolved from the package's own folder: its dependency, wherever
      // the package manager put it.
      const bin = require.resolve(`${name}/bin/${exe}`, { paths: [pkgDir] });
      if (isFile(bin)) return bin;
    } catch (err) {
      // not this name
    }
  }
  return "";
}

// fromPath: the first chattool-lint on the PATH, or "".
function fromPath(env, platform) {
  const pathVar = env.PATH || env.Path || env.path || "";
  const sep = platform === "win32" ? ";" : ":";
  const exts = platform === "win32" ? (env.PATHEXT || ".EXE;.CMD;.BAT;.COM").split(";").filter(Boolean) : [""];
  for (const dir of pathVar.split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, "chattool-lint" + ext.toLowerCase());
      if (isFile(candidate) && (platform === "win32" || isExecutable(candidate))) return candidate;
    }
  }
  return "";
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch (err) {
    return false;
  }
}

// findBinary returns { path, source } with source "node_modules", "PATH" or
// "setting", or null when there is none. Options: folders (the workspace
// folders' paths), setting (chattool-lint.path), trusted (the workspace
// is trusted), env, platform, arch.
function findBinary(options) {
  const o = options || {};
  const folders = o.folders || [];
  const platform = o.platform || process.platform;
  const arch = o.arch || process.arch;
  const env = o.env || process.env;

  if (o.trusted) {
    for (const folder of folders) {
      const bin = fromNodeModules(folder, platform, arch);
      if (bin) return { path: bin, source: "node_modules" };
    }
  }
  const onPath = fromPath(env, platform);
  if (onPath) return { path: onPath, source: "PATH" };
  if (o.setting) {
    const p = path.isAbsolute(o.setting) || folders.length === 0 ? o.setting : path.join(folders[0], o.setting);
    if (isFile(p)) return { path: path.resolve(p), source: "setting" };
  }
  return null;
}

// notFoundMessage says where the extension looked and how to get a binary.
function notFoundMessage(options) {
  const o = options || {};
  const where = [];
  if (o.trusted) where.push("the workspace's node_modules");
  where.push("the PATH");
  if (o.setting) where.push(`chattool-lint.path (${o.setting}: no such file)`);
  return (
    `chattool-lint: no chattool-lint binary in ${where.join(", ")}. ` +
    "Install it in the project with npm i -D chattool-lint (then reload the window), " +
    "or set chattool-lint.path." +
    (o.trusted ? "" : " This workspace is not trusted, so its node_modules are not used.")
  );
}

module.exports = { executableName, fromNodeModules, fromPath, findBinary, notFoundMessage };
