// Downloads against a loopback HTTP server (127.0.0.1): checksum verification, interruption and
// resume, servers that ignore Range, redirects, errors, atomic installation into the cache.
import { createHash } from "crypto";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import * as zlib from "zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CATALOG } from "../../kernel-lib/data/catalog";
import { downloadFile } from "../../kernel-lib/data/download";
import { downloadDataset } from "../../kernel-lib/data/fetch";
import { load } from "../../kernel-lib/data/load";
import { encodeCifarBatch } from "../../kernel-lib/data/cifar-binary";
import { labelsFor, pattern, tar, tmpDir, writeIdxDataset } from "./data-helpers";

interface Served {
  url: string;
  range?: string;
}

const files = new Map<string, Buffer>();
const requests: Served[] = [];
let cutAfter: number | undefined; // next response: send this many bytes, then drop the connection
let ignoreRange = false;
let server: http.Server;
let base = "";

function sha(b: Uint8Array): string {
  return createHash("sha256").update(b).digest("hex");
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push({ url, range: req.headers.range });
    if (url.startsWith("/moved/")) {
      res.writeHead(302, { location: url.replace("/moved/", "/") });
      return res.end();
    }
    const body = files.get(url);
    if (!body) {
      res.writeHead(404);
      return res.end("not found");
    }
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    if (m && !ignoreRange) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { "content-range": `bytes */${body.length}` });
        return res.end();
      }
      res.writeHead(206, { "content-length": body.length - start, "content-range": `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { "content-length": body.length });
    }
    const part = body.subarray(start);
    if (cutAfter !== undefined) {
      const n = cutAfter;
      cutAfter = undefined;
      res.write(part.subarray(0, n), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(part);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const savedCache = process.env.CNNLAB_CACHE;
beforeEach(() => {
  files.clear();
  requests.length = 0;
  cutAfter = undefined;
  ignoreRange = false;
  process.env.CNNLAB_CACHE = tmpDir("cache");
});
afterEach(() => {
  if (savedCache === undefined) delete process.env.CNNLAB_CACHE;
  else process.env.CNNLAB_CACHE = savedCache;
});

const quiet = { log: () => undefined, progress: () => () => undefined };

describe("downloadFile", () => {
  const body = Buffer.from(pattern(1, 20000));

  it("downloads, reports progress, verifies and moves into place", async () => {
    files.set("/f.bin", body);
    const dir = tmpDir("dl");
    const seen: number[] = [];
    await downloadFile(`${base}/f.bin`, path.join(dir, "f.bin"), { sha256: sha(body), partDir: path.join(dir, ".partial"), onProgress: (n, total) => { seen.push(n); expect(total).toBe(20000); } });
    expect(fs.readFileSync(path.join(dir, "f.bin")).equals(body)).toBe(true);
    expect(seen[seen.length - 1]).toBe(20000);
    expect(fs.readdirSync(path.join(dir, ".partial"))).toEqual([]);
  });

  it("deletes a download whose checksum does not match", async () => {
    files.set("/f.bin", body);
    const dir = tmpDir("dl");
    await expect(downloadFile(`${base}/f.bin`, path.join(dir, "f.bin"), { sha256: "0".repeat(64), partDir: path.join(dir, ".partial") })).rejects.toThrow(
      new RegExp(`${base}/f.bin: checksum mismatch: sha256 ${sha(body)}, expected 0{64}; the download was deleted`),
    );
    expect(fs.existsSync(path.join(dir, "f.bin"))).toBe(false);
    expect(fs.readdirSync(path.join(dir, ".partial"))).toEqual([]);
  });

  it("keeps an interrupted transfer aside and resumes it with a Range request", async () => {
    files.set("/f.bin", body);
    const dir = tmpDir("dl");
    const partDir = path.join(dir, ".partial");
    cutAfter = 5000;
    await expect(downloadFile(`${base}/f.bin`, path.join(dir, "f.bin"), { sha256: sha(body), partDir })).rejects.toThrow(/f.bin: download interrupted .*\d+ bytes kept in .*f.bin.part, the next fetch resumes/);
    expect(fs.existsSync(path.join(dir, "f.bin"))).toBe(false);
    const kept = fs.statSync(path.join(partDir, "f.bin.part")).size; // 5000 unless the socket lost some
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(5000);
    await downloadFile(`${base}/f.bin`, path.join(dir, "f.bin"), { sha256: sha(body), partDir });
    expect(requests.map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`]);
    expect(fs.readFileSync(path.join(dir, "f.bin")).equals(body)).toBe(true);
    expect(fs.readdirSync(partDir)).toEqual([]);
  });

  it("restarts cleanly when the server ignores Range", async () => {
    files.set("/f.bin", body);
    ignoreRange = true;
    const dir = tmpDir("dl");
    const partDir = path.join(dir, ".partial");
    fs.mkdirSync(partDir);
    fs.writeFileSync(path.join(partDir, "f.bin.part"), Buffer.alloc(3000, 0xee)); // stale bytes
    await downloadFile(`${base}/f.bin`, path.join(dir, "f.bin"), { sha256: sha(body), partDir });
    expect(requests[0].range).toBe("bytes=3000-");
    expect(fs.readFileSync(path.join(dir, "f.bin")).equals(body)).toBe(true);
  });

  it("follows redirects and names HTTP errors", async () => {
    files.set("/f.bin", body);
    const dir = tmpDir("dl");
    await downloadFile(`${base}/moved/f.bin`, path.join(dir, "f.bin"), { sha256: sha(body), partDir: path.join(dir, ".partial") });
    expect(fs.readFileSync(path.join(dir, "f.bin")).equals(body)).toBe(true);
    await expect(downloadFile(`${base}/missing.bin`, path.join(dir, "m.bin"), { sha256: sha(body), partDir: path.join(dir, ".partial") })).rejects.toThrow(`download of ${base}/missing.bin failed: HTTP 404`);
  });
});

describe("downloadDataset", () => {
  function serveIdx(name: string): { file: string; url: string; sha256: string }[] {
    const made = writeIdxDataset(tmpDir("src"), { gzip: true, train: 30, test: 20 });
    return Object.values(made).map((f) => {
      const bytes = fs.readFileSync(f);
      files.set(`/${name}/${path.basename(f)}`, bytes);
      return { file: path.basename(f), url: `${base}/${name}/${path.basename(f)}`, sha256: sha(bytes) };
    });
  }

  it("installs verified IDX files into the cache with a manifest; load() then uses them", async () => {
    const downloads = serveIdx("mnist");
    const loc = await downloadDataset(CATALOG.mnist, downloads, quiet);
    const cache = process.env.CNNLAB_CACHE!;
    expect(loc.dir).toBe(path.join(cache, "mnist"));
    expect(fs.existsSync(path.join(cache, "mnist", "manifest.json"))).toBe(true);
    expect(fs.readdirSync(path.join(cache, ".partial")).filter((f) => !fs.statSync(path.join(cache, ".partial", f)).isDirectory())).toEqual([]);
    const ds = await load("mnist", { split: "test", fetch: false });
    expect(ds.source.kind).toBe("cache");
    expect(ds.count).toBe(20);
    expect(ds.source.checksum).toMatch(/^verified/);
  });

  it("installs CIFAR-10 from its .tar.gz archive", async () => {
    const members: Record<string, Uint8Array> = { "cifar-10-batches-bin/batches.meta.txt": Buffer.from("airplane\n") };
    for (const name of ["data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"]) {
      members[`cifar-10-batches-bin/${name}.bin`] = encodeCifarBatch(pattern(3, 3072), labelsFor(3));
    }
    const archive = zlib.gzipSync(tar(members));
    files.set("/cifar10/cifar-10-binary.tar.gz", archive);
    await downloadDataset(CATALOG.cifar10, [{ file: "cifar-10-binary.tar.gz", url: `${base}/cifar10/cifar-10-binary.tar.gz`, sha256: sha(archive) }], quiet);
    const cacheEntry = path.join(process.env.CNNLAB_CACHE!, "cifar10");
    expect(fs.readdirSync(cacheEntry).sort()).toEqual(["batches.meta.txt", "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "manifest.json", "test_batch.bin"]);
    const ds = await load("cifar10", { fetch: false });
    expect([ds.source.kind, ds.count]).toEqual(["cache", 15]);
  });

  it("an interrupted dataset download leaves no cache entry, and the next fetch resumes", async () => {
    const downloads = serveIdx("mnist");
    cutAfter = 100;
    await expect(downloadDataset(CATALOG.mnist, downloads, quiet)).rejects.toThrow(/download interrupted/);
    const cache = process.env.CNNLAB_CACHE!;
    expect(fs.existsSync(path.join(cache, "mnist"))).toBe(false);
    expect(fs.readdirSync(path.join(cache, ".partial")).filter((f) => f.includes("staging"))).toEqual([]);
    const kept = fs.statSync(path.join(cache, ".partial", "mnist", `${downloads[0].file}.part`)).size;
    await downloadDataset(CATALOG.mnist, downloads, quiet);
    expect(requests.filter((r) => r.range === `bytes=${kept}-`)).toHaveLength(1);
    expect(fs.existsSync(path.join(cache, "mnist", "manifest.json"))).toBe(true);
  });

  it("a mirror serving other bytes than the official files fails the official checksums", async () => {
    serveIdx("mnist");
    await expect(load("mnist", { source: "download", fetch: true, mirror: base, ...quiet })).rejects.toThrow(/download: .*checksum mismatch: sha256 [0-9a-f]{64}, expected 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609/);
    expect(fs.existsSync(path.join(process.env.CNNLAB_CACHE!, "mnist"))).toBe(false);
  });

  it("an unwritable cache is a clear error before any network access", () => {
    // root ignores file permissions, so the check runs as user 'nobody' when the tests run as root
    const cache = tmpDir("ro");
    fs.chmodSync(cache, 0o555);
    const script = `require("tsx/cjs/api").register();
      const { fetchDataset } = require(${JSON.stringify(path.resolve(__dirname, "../../kernel-lib/data/fetch.ts"))});
      fetchDataset("mnist", { mirror: "http://127.0.0.1:9/" }).then(() => console.log("no error"), (e) => console.log(e.name + ": " + e.message));`;
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, ["-e", script], { cwd: path.resolve(__dirname, "../.."), encoding: "utf8", env: { ...process.env, CNNLAB_CACHE: path.join(cache, "sub") }, ...asNobody });
    expect(run.stdout.trim()).toBe(`CacheNotWritableError: cannot write the dataset cache ${path.join(cache, "sub", ".partial")} (EACCES): make it writable or set CNNLAB_CACHE to a writable folder`);
  });
});
