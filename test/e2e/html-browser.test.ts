// The HTML page of an executed notebook in a real browser: the course's first notebook
// (notebooks/00-setup.ipynb, quick mode) must show its Plotly charts drawn (plotly.js inlined in
// the page, no network). Chromium missing: skipped locally, a failure under CI.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { notebookToHtml } from "../../kernel-lib/runner/html";
import { cnnlab, ROOT, tempDir } from "./cli";

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
  it.skipIf(skip)(`draws 00-setup's Plotly charts${skip ? " (SKIPPED: chromium not installed; apt-get install chromium)" : ""}`, async () => {
    expect(CHROMIUM, "CI must have chromium (.ci/run installs it)").toBeDefined();
    const run = await cnnlab(["run", path.join(ROOT, "notebooks", "00-setup.ipynb"), "--mode", "quick", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const html = fs.readFileSync(path.join(out, "00-setup.html"), "utf8");
    const charts = html.match(/class="cnnlab-plot"/g)?.length ?? 0;
    expect(charts).toBeGreaterThan(0);
    const dom = await renderedDom(path.join(out, "00-setup.html"));
    expect(dom).toContain("<h1>00 · Setup</h1>");
    // plotly.js filled every chart's empty div with its SVG: drawn, not just embedded.
    expect(dom.match(/<div class="[^"]*\bsvg-container\b/g)?.length).toBe(charts);
    expect(dom).toMatch(/<svg class="main-svg"/);
  }, 300_000);

  it.skipIf(skip)(`lays out the page's MathML formulas${skip ? " (SKIPPED: chromium not installed)" : ""}`, async () => {
    // A script in an output measures the formulas: unsupported MathML would sit inline, side by side.
    const measure = `<pre id="layout"></pre><script>addEventListener("load", () => {
      const box = (e) => e.getBoundingClientRect();
      const [num, den] = document.querySelector("mfrac").children;
      const [base, exp] = document.querySelector("msup").children;
      document.getElementById("layout").textContent = JSON.stringify({
        fractionStacked: box(num).bottom <= box(den).top + 1, superscriptRaised: box(exp).bottom < box(base).bottom,
      });
    });</script>`;
    const file = path.join(out, "math.html");
    fs.writeFileSync(file, notebookToHtml({
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: "markdown", source: "Output size $W^2$:\n\n$$W_{out} = \\frac{W_{in} - F + 2P}{S} + 1$$", metadata: {} },
        { cell_type: "code", source: "", metadata: {}, outputs: [{ output_type: "display_data", data: { "text/html": measure }, metadata: {} }] },
      ],
    }, "math"));
    const dom = await renderedDom(file);
    const layout = /<pre id="layout">([^<]*)<\/pre>/.exec(dom)?.[1];
    expect(layout && JSON.parse(layout)).toEqual({ fractionStacked: true, superscriptRaised: true });
  }, 60_000);
});
