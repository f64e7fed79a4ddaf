"use strict";
// Drives code-server (VS Code in a browser) in Debian's headless Chromium
// with playwright-core: opens the workspace, opens a .wxml file with Quick
// Open, reads the Problems panel, the status bar's language mode and the
// extension's output, opens a .wxss file, and takes screenshots.
//
//   node drive.js URL FOLDER SHOTS
//
// Exit status 1 when what it reads is not what the extension must give.
const { chromium } = require("playwright-core");

const [url, folder, shots] = process.argv.slice(2);
const vote = "miniprogram/packageChatTool/pages/vote";

async function quickOpen(page, keys, text) {
  await page.keyboard.press(keys);
  await page.waitForSelector(".quick-input-widget input", { timeout: 20000 });
  await page.keyboard.type(text, { delay: 20 });
  await page.waitForTimeout(1500);
  await page.keyboard.press("Enter");
}

async function statusBar(page) {
  return page.$$eval(".statusbar-item", (items) => items.map((i) => i.innerText.trim()).filter(Boolean));
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
  const failures = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
    await page.waitForTimeout(5000);

    await quickOpen(page, "Control+p", `${vote}/index.wxml`);
    await page.waitForSelector(".monaco-editor .view-lines", { timeout: 20000 });
    // The diagnostics: wait for the Problems panel to list them.
    await page.keyboard.press("Control+Shift+m");
    let problems = [];
    for (let i = 0; i < 30 && !problems.some((p) => p.includes("chattool-disabled-component")); i++) {
      await page.waitForTimeout(1000);
      problems = await page.$$eval(".markers-panel .monaco-list-row", (rows) => rows.map((r) => r.innerText.replace(/\s+/g, " ").trim()));
    }
    await page.screenshot({ path: `${shots}/problems.png` });
    console.log("Problems panel:\n  " + problems.join("\n  "));
    const wxmlStatus = await statusBar(page);
    console.log("status bar: " + JSON.stringify(wxmlStatus));
    if (!problems.some((p) => p.includes("chattool-lint") && p.includes("chattool-disabled-component") && p.includes("[Ln 8, Col 9]"))) {
      failures.push("no chattool-disabled-component diagnostic at Ln 8, Col 9 of index.wxml");
    }
    if (!problems.some((p) => p.includes("open-data") && p.includes("[Ln 5, Col 21]"))) failures.push("no open-data diagnostic at Ln 5, Col 21");
    if (!wxmlStatus.includes("WXML")) failures.push("index.wxml's language mode is not WXML");

    await quickOpen(page, "Control+p", `${vote}/index.wxss`);
    await page.waitForTimeout(4000);
    const wxssStatus = await statusBar(page);
    console.log("status bar: " + JSON.stringify(wxssStatus));
    if (!wxssStatus.includes("WXSS")) failures.push("index.wxss's language mode is not WXSS");
    await page.screenshot({ path: `${shots}/wxss.png` });

    await quickOpen(page, "Control+Shift+p", "chattool-lint: Show the output");
    const want = process.env.WANT_SOURCE || "node_modules";
    // A long line is wrapped over several view lines; the view may take a
    // while to fill on a busy machine.
    let output = [];
    const said = () => output.join(" ").replace(/\s+/g, " ").includes(`lsp (from ${want})`);
    for (let i = 0; i < 20 && !said(); i++) {
      await page.waitForTimeout(1000);
      output = await page.$$eval(".output-view .view-line", (ls) => ls.map((l) => l.innerText));
    }
    await page.screenshot({ path: `${shots}/output.png` });
    console.log("chattool-lint output:\n  " + output.join("\n  "));
    if (!said()) failures.push(`the output does not say the server started from ${want}`);
  } finally {
    await browser.close();
  }
  if (failures.length) {
    for (const f of failures) console.log(`FAIL: ${f}`);
    process.exit(1);
  }
  console.log("code-server: all checks passed");
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
