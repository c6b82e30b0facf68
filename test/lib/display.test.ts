import { PNG } from "pngjs";
import * as pl from "nodejs-polars";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { initBackend, tf } from "../../kernel-lib/backend";
import * as display from "../../kernel-lib/display";
import type { DisplayMessage, MimeBundle } from "../../kernel-lib/display";

/** A fake kernel: records every message instead of sending it. */
function recorder(): { messages: { message: DisplayMessage; update: boolean }[] } {
  const log = { messages: [] as { message: DisplayMessage; update: boolean }[] };
  display.setPublisher((message, update) => log.messages.push({ message, update }));
  return log;
}

function decode(bundle: MimeBundle): PNG {
  expect(typeof bundle["image/png"]).toBe("string");
  return PNG.sync.read(Buffer.from(bundle["image/png"] as string, "base64"));
}

/** Grey value of pixel (x, y) of a decoded PNG (pngjs decodes to RGBA). */
function grey(png: PNG, x: number, y: number): number {
  return png.data[(y * png.width + x) * 4];
}

beforeAll(async () => {
  await initBackend("cpu");
});

afterEach(() => {
  display.setPublisher(undefined);
  vi.restoreAllMocks();
});

describe("plotly charts", () => {
  const fig = () => display.lineFigure({ train: [1, 0.5, 0.25], val: [1.2, 0.7, 0.4] }, { title: "loss", xLabel: "epoch" });

  test("one output carries the plotly JSON, HTML and text forms", () => {
    display.resetPlotlyEmbedding();
    const bundle = display.plotBundle(fig(), "a");
    expect(Object.keys(bundle).sort()).toEqual(["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
    const json = bundle["application/vnd.plotly.v1+json"] as { data: { name: string; y: number[] }[]; layout: { title: { text: string } } };
    expect(json.data.map((t) => t.name)).toEqual(["train", "val"]);
    expect(json.data[0].y).toEqual([1, 0.5, 0.25]);
    expect(json.layout.title.text).toBe("loss");
    expect(bundle["text/plain"]).toBe("[chart 'loss': train (scatter, 3 values, last 0.25); val (scatter, 3 values, last 0.4)]");
    expect(bundle["text/html"]).toContain('<div id="a-div"');
  });

  test("plotly.js is inlined in the first chart only, and stays in that chart's updates", () => {
    display.resetPlotlyEmbedding();
    const lib = display.plotlyJs();
    expect(lib.length).toBeGreaterThan(1_000_000);
    const html = (id: string) => display.plotBundle(fig(), id)["text/html"] as string;
    expect(html("first")).toContain(lib);
    expect(html("second")).not.toContain(lib);
    expect(html("second")).toContain("window.Plotly");
    expect(html("first")).toContain(lib); // an update of the first chart
  });

  test("five charts' outputs together stay far below 10 MB", () => {
    display.resetPlotlyEmbedding();
    const log = recorder();
    display.lineChart({ loss: Array.from({ length: 200 }, (_, i) => 1 / (i + 1)) });
    display.barChart(["a", "b", "c"], [3, 1, 2]);
    display.heatmap([[1, 2], [3, 4]]);
    display.confusionMatrix([[5, 1], [0, 6]], ["cat", "dog"]);
    display.plot(fig());
    expect(log.messages).toHaveLength(5);
    const bytes = log.messages.reduce((sum, m) => sum + JSON.stringify(m.message.data).length, 0);
    expect(bytes).toBeLessThan(display.plotlyJs().length + 200_000);
    expect(bytes).toBeLessThan(6_000_000);
    expect(log.messages.filter((m) => (m.message.data["text/html"] as string).includes(display.plotlyJs()))).toHaveLength(1);
  });

  test("chart data cannot close the script element", () => {
    const bundle = display.plotBundle(display.barFigure(["</script><b>x"], [1]), "x");
    expect(bundle["text/html"]).not.toContain("</script><b>");
  });

  test("livePlot updates the same display_id in place", () => {
    const log = recorder();
    const chart = display.livePlot(fig());
    chart.update(display.lineFigure({ train: [1, 0.5, 0.25, 0.2] }));
    expect(log.messages.map((m) => m.update)).toEqual([false, true]);
    expect(log.messages[1].message.transient.display_id).toBe(chart.id);
    expect(log.messages[0].message.transient.display_id).toBe(chart.id);
    expect(log.messages[1].message.data["text/plain"]).toContain("4 values");
  });

  test("confusion matrix: rows true, columns predicted, class names as categories", () => {
    const f = display.confusionMatrixFigure(tf.tensor2d([[5, 1], [0, 6]]), [0, 1]);
    expect(f.data[0]).toMatchObject({ type: "heatmap", z: [[5, 1], [0, 6]], x: ["0", "1"], y: ["0", "1"] });
    expect(f.layout).toMatchObject({ xaxis: { type: "category", title: { text: "predicted" } }, yaxis: { autorange: "reversed", title: { text: "true" } } });
    expect(() => display.confusionMatrixFigure([[1]], ["a", "b"])).toThrow(/1 rows but 2 class names/);
  });
});

describe("tables", () => {
  test("rows: HTML escaped, numbers formatted and right-aligned, caption", () => {
    const b = display.tableBundle([{ name: "<b>&co", loss: 0.123456, n: 3 }, { name: "x", loss: 12345.678 }], { caption: 'a "run"' });
    const html = b["text/html"] as string;
    expect(html).toContain("&lt;b&gt;&amp;co");
    expect(html).not.toContain("<b>");
    expect(html).toContain("<caption>a &quot;run&quot;</caption>");
    expect(html).toContain('<td style="text-align:right">0.1235</td>');
    expect(html).toContain('<td style="text-align:right">12346</td>');
    expect(b["text/plain"]).toBe(['a "run"', "name      loss  n", "------  ------  -", "<b>&co  0.1235  3", "x        12346"].join("\n"));
  });

  test("number formatting", () => {
    expect([0.5, 1 / 3, 3e-7, 2.5e9 + 0.5, 42, -0.000123456, NaN, 138_000_000].map((n) => display.formatNumber(n))).toEqual([
      "0.5", "0.3333", "3.000e-7", "2.500e9", "42", "-0.0001235", "NaN", "138000000",
    ]);
  });

  test("a polars DataFrame renders with its columns, and long tables are cut", () => {
    const df = pl.DataFrame({ model: ["lenet", "<vgg>", "resnet"], accuracy: [0.9812, 0.99, 0.995], params: [61706, 138_000_000, 11_700_000] });
    const b = display.tableBundle(df, { maxRows: 2 });
    const html = b["text/html"] as string;
    expect(html).toContain("<th style=\"text-align:left\">model</th><th style=\"text-align:right\">accuracy</th>");
    expect(html).toContain("&lt;vgg&gt;");
    expect(html).toContain("138000000");
    expect(html).not.toContain("resnet");
    expect(html).toContain("… 1 more rows");
    expect(b["text/plain"].split("\n")[2]).toBe("lenet    0.9812      61706");
  });

  test("rejects what is not a table", () => {
    expect(() => display.tableBundle(42 as never)).toThrow(/display.table: expected an array of row objects or a polars DataFrame/);
  });
});

describe("images", () => {
  test("a float [H,W] tensor in [0,1] round-trips through PNG", () => {
    const values = [0, 0.25, 0.5, 1, 0.1, 0.9];
    const png = decode(display.imageBundle(tf.tensor2d(values, [2, 3]), { scale: 1 }));
    expect([png.width, png.height]).toEqual([3, 2]);
    const pixels = [0, 1].flatMap((y) => [0, 1, 2].map((x) => grey(png, x, y)));
    expect(pixels).toEqual(values.map((v) => Math.round(Math.fround(v) * 255))); // float32 tensor values
  });

  test("values outside [0,1] are stretched min..max; Uint8Array is already 0..255", () => {
    const stretched = decode(display.imageBundle({ data: new Float32Array([-2, 0, 2, 6]), height: 2, width: 2 }, { scale: 1 }));
    expect([grey(stretched, 0, 0), grey(stretched, 1, 0), grey(stretched, 0, 1), grey(stretched, 1, 1)]).toEqual([0, 64, 128, 255]);
    const raw = decode(display.imageBundle(new Uint8Array([7, 100, 200, 255]), { scale: 1 }));
    expect([grey(raw, 0, 0), grey(raw, 1, 0), grey(raw, 0, 1), grey(raw, 1, 1)]).toEqual([7, 100, 200, 255]);
  });

  test("RGB [H,W,3] tensor keeps its colours", () => {
    const png = decode(display.imageBundle(tf.tensor3d([1, 0, 0, 0, 0, 1], [1, 2, 3]), { scale: 1 }));
    expect(Array.from(png.data)).toEqual([255, 0, 0, 255, 0, 0, 255, 255]);
  });

  test("nearest-neighbour upscaling: a 28x28 digit is shown x7 by default, x3 in a grid", () => {
    const digit = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 27], "int32"), 28).toFloat()); // [2,28]: two rows
    const b = display.imageBundle(digit, { scale: 3 });
    const png = decode(b);
    expect([png.width, png.height]).toEqual([84, 6]);
    expect([grey(png, 0, 0), grey(png, 2, 2), grey(png, 3, 0), grey(png, 83, 5), grey(png, 80, 5)]).toEqual([255, 255, 0, 255, 0]);
    digit.dispose();
    expect(display.imageBundle(new Float32Array(784))["text/plain"]).toBe("[image 28x28 grey, shown x7]");
    expect(display.imageGridBundle([new Float32Array(784)])["text/plain"]).toBe("[1 image 28x28 grey shown x3, 1 per row]");
  });

  test("clear errors for shapes that are not images", () => {
    const t = tf.zeros([2, 2, 2]);
    expect(() => display.imageBundle(t)).toThrow(/2 channels; expected 1 \(grey\), 3 \(RGB\) or 4 \(RGBA\)/);
    expect(() => display.imageBundle(new Float32Array(10))).toThrow(/10 values is not a square grey image/);
    t.dispose();
  });

  test("a batch becomes one PNG grid with white gaps", () => {
    const batch = tf.tensor4d([0, 0, 0, 0, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5], [3, 2, 2, 1]);
    const png = decode(display.imageGridBundle(batch, { scale: 1, columns: 2, gap: 1 }));
    expect([png.width, png.height]).toEqual([5, 5]);
    expect([grey(png, 0, 0), grey(png, 2, 0), grey(png, 3, 1), grey(png, 1, 4), grey(png, 4, 4)]).toEqual([0, 255, 255, 128, 255]);
    batch.dispose();
  });

  test("with labels the grid is HTML with escaped captions", () => {
    const b = display.imageGridBundle([new Float32Array(4), new Float32Array(4)], { labels: ["<7>", 3], scale: 2 });
    const html = b["text/html"] as string;
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(html).toContain("&lt;7&gt;");
    expect(html).toContain("display:flex;flex-wrap:wrap");
    expect(display.imageGridBundle([new Float32Array(4)], { labels: ["a"], columns: 1 })["text/html"]).toContain("grid-template-columns:repeat(1,max-content)");
    expect(b["text/plain"]).toContain("labels: <7>, 3");
    expect(() => display.imageGridBundle([new Float32Array(4)], { labels: ["a", "b"] })).toThrow(/1 images but 2 labels/);
  });
});

describe("progress bar", () => {
  test("display_data first, then throttled update_display_data on the same id", () => {
    const log = recorder();
    let clock = 1000;
    const bar = display.progress({ total: 10, label: "epoch 1", now: () => clock });
    clock += 50;
    bar.update(1, { loss: 2.5 }); // within 100 ms of the first draw: not sent
    clock += 100;
    bar.update(5, { loss: 0.5 });
    bar.done({ loss: 0.25 });
    bar.update(6); // after done: ignored
    expect(log.messages.map((m) => m.update)).toEqual([false, true, true]);
    const ids = new Set(log.messages.map((m) => m.message.transient.display_id));
    expect(ids.size).toBe(1);
    expect(log.messages[1].message.data["text/plain"]).toBe("epoch 1   50% [##########..........] 5/10 · loss 0.5 · 0.1 s, ~0.1 s left");
    expect(log.messages[2].message.data["text/plain"]).toBe("epoch 1   50% [##########..........] 5/10 · loss 0.25 · 0.1 s (done)");
    expect(log.messages[1].message.data["text/html"]).toContain("width:50.0%");
  });

  test("durations", () => {
    expect([3200, 125_000, 3_720_000].map(display.formatDuration)).toEqual(["3.2 s", "2 min 05 s", "1 h 02 min"]);
  });
});

describe("show", () => {
  test("picks the display from the value", () => {
    const img = tf.zeros([4, 4, 3]);
    const batch = tf.zeros([2, 4, 4, 1]);
    const vector = tf.tensor1d([1, 2]);
    expect(Object.keys(display.showBundle(img))).toEqual(["text/plain", "image/png"]);
    expect(display.showBundle(batch)["text/plain"]).toMatch(/^\[2 images 4x4 grey/);
    expect(display.showBundle(vector)["text/plain"]).toContain("[1, 2]");
    expect(display.showBundle([{ a: 1 }])).toHaveProperty("text/html");
    expect(display.showBundle("hello")).toEqual({ "text/plain": "hello" });
    expect(display.showBundle({ a: [1] })["text/plain"]).toBe("{ a: [ 1 ] }");
    tf.dispose([img, batch, vector]);
    const log = recorder();
    display.show(display.barFigure(["a"], [1]));
    expect(log.messages[0].message.data).toHaveProperty("application/vnd.plotly.v1+json");
  });
});

describe("outside a kernel", () => {
  test("outputs fall back to their text/plain form on stdout", () => {
    expect(display.richOutput()).toBe(false);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    display.table([{ a: 1, b: "x" }]);
    display.markdown("# Title");
    display.html("<p>a &amp; b</p>");
    expect(log.mock.calls.map((c) => c[0])).toEqual(["a  b\n-  -\n1  x", "# Title", "a & b"]);
  });

  test("the progress bar prints throttled single lines", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    let clock = 0;
    const bar = display.progress({ total: 100, label: "train", now: () => clock });
    for (let i = 1; i <= 100; i++) {
      clock += 100; // 10 s in all, a line every 2 s
      bar.update(i);
    }
    bar.done();
    const lines = log.mock.calls.map((c) => c[0] as string);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^train   20% \[####\.{16}\] 20\/100 · 2\.0 s, ~8\.0 s left$/);
    expect(lines[5]).toBe("train  100% [####################] 100/100 · 10.0 s (done)");
  });

  test("inside tslab, output goes to the kernel's display writer", () => {
    // The real tslab module, as the kernel has it loaded; it sets this writer while a cell runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
    const sent: [DisplayMessage, boolean][] = [];
    jupyter.lastWriteDisplayData = (m: DisplayMessage, u: boolean) => sent.push([m, u]);
    try {
      expect(display.richOutput()).toBe(true);
      display.image(new Uint8Array(4), { scale: 1 });
      expect(sent).toHaveLength(1);
      expect(Object.keys(sent[0][0].data).sort()).toEqual(["image/png", "text/plain"]);
    } finally {
      jupyter.lastWriteDisplayData = null;
    }
    expect(display.richOutput()).toBe(false);
  });
});
