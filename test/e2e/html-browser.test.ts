// The HTML page of an executed notebook in a real browser: the Plotly chart a cell displayed must
// be drawn (plotly.js inlined in the page, no network). Chromium missing: skipped locally, a failure under CI.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cnnlab, FIXTURES, tempDir } from "./cli";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const skip = !CHROMIUM && !process.env.CI;
const out = tempDir("html");
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** The DOM after scripts ran (`--dump-dom`), from headless Chromium with a fresh profile and no network chatter. */
function renderedDom(file: string): Promise<string> {
  const profile = tempDir("chromium-profile");
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run", `--user-data-dir=${profile}`,
    "--virtual-time-budget=5000", "--dump-dom", `file://${file}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM!, args, { stdio: ["ignore", "pipe", "pipe"] });
    let dom = "";
    let err = "";
    child.stdout.on("data", (d) => { dom += d; });
    child.stderr.on("data", (d) => { err += d; });
    child.on("error", reject);
    child.on("close", (code) => {
      fs.rmSync(profile, { recursive: true, force: true });
      if (code === 0) resolve(dom);
      else reject(new Error(`chromium exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

describe("HTML page in Chromium", () => {
  it.skipIf(skip)(`draws the notebook's Plotly chart${skip ? " (SKIPPED: chromium not installed; apt-get install chromium)" : ""}`, async () => {
    expect(CHROMIUM, "CI must have chromium (.ci/run installs it)").toBeDefined();
    const run = await cnnlab(["run", path.join(FIXTURES, "plotly.ipynb"), "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const dom = await renderedDom(path.join(out, "plotly.html"));
    expect(dom).toContain("<h1>Plotly fixture</h1>");
    // plotly.js replaced the empty div with its SVG: the chart was drawn, not just embedded.
    expect(dom).toMatch(/<div id="fixture-chart"[^>]*>[\s\S]*<svg class="main-svg"/);
    expect(dom).toContain("fixture chart");
  }, 120_000);
});
