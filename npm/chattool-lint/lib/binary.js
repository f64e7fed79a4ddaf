"use strict";
// Finds the chattool-lint binary that npm installed with this package.
//
// The binary is in one package per system, @chattool-lint/<os>-<cpu>
// (linux, darwin, win32; x64, arm64), each an optional dependency of this
// package whose package.json names its "os" and "cpu": npm, pnpm and yarn
// install only the one this machine can run, with no install script and no
// download of their own (as esbuild and Biome ship theirs).
//
//   require("chattool-lint").binaryPath()  // the binary's absolute path

const path = require("path");

// The systems the npm packages cover, as process.platform-process.arch.
const PLATFORMS = [
  "linux-x64",
  "linux-arm64",
  "darwin-x64",
  "darwin-arm64",
  "win32-x64",
  "win32-arm64",
];

// packageNames: the package names that may hold the binary for a system:
// the scoped one this package depends on, then an unscoped one (for a
// mirror or a fork that publishes chattool-lint-<os>-<cpu>).
function packageNames(platform, arch) {
  const key = `${platform}-${arch}`;
  return [`@chattool-lint/${key}`, `chattool-lint-${key}`];
}

function executableName(platform) {
  return platform === "win32" ? "chattool-lint.exe" : "chattool-lint";
}

// binaryPath returns the path of the binary for this system. Options (for
// tests and for tools that look on another's behalf): platform, arch, env
// (CHATTOOL_LINT_BINARY names a binary to use instead, as BIOME_BINARY does
// for Biome) and resolve (require.resolve, or one with other paths).
function binaryPath(options) {
  const o = options || {};
  const platform = o.platform || process.platform;
  const arch = o.arch || process.arch;
  const env = o.env || process.env;
  const resolve = o.resolve || require.resolve;

  if (env.CHATTOOL_LINT_BINARY) {
    return path.resolve(env.CHATTOOL_LINT_BINARY);
  }
  const key = `${platform}-${arch}`;
  if (!PLATFORMS.includes(key)) {
    throw new Error(
      `the npm packages of chattool-lint hold no binary for ${key} (they cover ${PLATFORMS.join(", ")}). ` +
        "Build it with Go: go install github.com/chattool-lint/chattool-lint/cmd/chattool-lint@latest, " +
        "then set CHATTOOL_LINT_BINARY to its path or run it directly."
    );
  }
  const exe = executableName(platform);
  for (const name of packageNames(platform, arch)) {
    try {
      return resolve(`${name}/bin/${exe}`);
    } catch (err) {
      if (err && err.code !== "MODULE_NOT_FOUND") throw err;
    }
  }
  throw new Error(
    `the package @chattool-lint/${key}, which holds the binary for this system, is not installed. ` +
      "npm installs it with chattool-lint as an optional dependency: install again without " +
      "--omit=optional (or --no-optional), and do not copy node_modules from another system " +
      "(a lockfile made elsewhere is fine: it lists every system's package)."
  );
}

// checkVersion returns a warning when the binary's package is not the
// version of this package (node_modules half updated), else "".
function checkVersion(binary, ownVersion) {
  try {
    const pkgDir = path.dirname(path.dirname(binary));
    const pkg = require(path.join(pkgDir, "package.json"));
    if (pkg.name && pkg.name.includes("chattool-lint") && pkg.version !== ownVersion) {
      return `chattool-lint: warning: ${pkg.name} is version ${pkg.version}, chattool-lint is ${ownVersion}: run npm install again`;
    }
  } catch (err) {
    // CHATTOOL_LINT_BINARY outside any package: nothing to compare.
  }
  return "";
}

module.exports = { PLATFORMS, packageNames, executableName, binaryPath, checkVersion };
