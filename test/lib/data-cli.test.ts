// `cnnlab data`: the JSON the issue specifies, from the committed fixtures (cache empty, no fetching).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { command } from "../../kernel-lib/cli/data";
import { tmpDir } from "./data-helpers";

const saved = { cache: process.env.CNNLAB_CACHE, fetch: process.env.CNNLAB_FETCH };
let out: string[] = [];
beforeEach(() => {
  process.env.CNNLAB_CACHE = tmpDir("cache");
  process.env.CNNLAB_FETCH = "0";
  out = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const [k, v] of [["CNNLAB_CACHE", saved.cache], ["CNNLAB_FETCH", saved.fetch]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("cnnlab data", () => {
  it("--json gives name, source and per-split counts and class counts", async () => {
    expect(await command(["cifar10", "--json"])).toBe(0);
    const j = JSON.parse(out.join("\n"));
    expect(j.name).toBe("cifar10");
    expect(j.source).toBe("fixtures");
    expect(j.fixture).toBe(true);
    expect(j.warning).toMatch(/NOT the real dataset/);
    expect(j.splits.train).toMatchObject({ count: 200, classCounts: new Array(10).fill(20) });
    expect(j.splits.test).toMatchObject({ count: 100, classCounts: new Array(10).fill(10) });
    expect(j.splits.test.checksum).toMatch(/^verified/);
  });

  it("prints counts, source path and checksum status; lists sources; rejects bad usage", async () => {
    expect(await command(["fashion-mnist", "--dir", "/nonexistent", "--no-fetch"])).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/^train {2}\d+ records; per class \[/m);
    expect(text).toMatch(/checksum (verified|not checked)/);
    expect(text).toMatch(/^path: {3}\//m);
    out = [];
    expect(await command([])).toBe(0);
    expect(out.join("\n")).toMatch(/^cifar10 +fixtures: .*<- FIXTURES, not the real dataset$/m);
    expect(await command(["fetch"])).toBe(2);
    expect(await command(["mnist", "--bogus"])).toBe(2);
  });
});
