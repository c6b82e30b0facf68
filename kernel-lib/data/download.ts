// Downloading one file: HTTP(S) with redirects, a progress bar, resume of an interrupted
// transfer (Range), SHA-256 verification, and an atomic move into place. Until verified, the
// bytes live only in PARTDIR/<name>.part, which no loader reads.
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import { hashFile } from "./bytes";
import { CacheNotWritableError, DataFileError, errorCode } from "./errors";

export type Progress = (received: number, total: number | undefined) => void;

export interface DownloadOptions {
  sha256: string;
  /** Folder for the partial file; the next download of the same name resumes from it. */
  partDir: string;
  onProgress?: Progress;
  /** Give up when no byte arrives for this long. Default 30 s. */
  idleTimeoutMs?: number;
}

/** Creates `dir` (and parents) or throws CacheNotWritableError naming it. */
export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new CacheNotWritableError(dir, errorCode(err));
  }
}

function wrapWrite<T>(dir: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    const code = errorCode(err);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw new CacheNotWritableError(dir, code);
    throw err;
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function mb(n: number): string {
  return (n / 1e6).toFixed(1);
}

/** A progress bar on stderr: redrawn in place on a terminal, a line every 25% otherwise. */
export function progressBar(label: string): Progress {
  let lastQuarter = -1;
  return (received, total) => {
    const frac = total ? received / total : 0;
    if (process.stderr.isTTY) {
      const width = 30;
      const bar = total ? "#".repeat(Math.round(frac * width)).padEnd(width, ".") : "?".repeat(width);
      process.stderr.write(`\r${label} [${bar}] ${total ? `${(frac * 100).toFixed(0)}% ` : ""}${mb(received)}${total ? `/${mb(total)}` : ""} MB`);
      if (total && received >= total) process.stderr.write("\n");
    } else {
      const quarter = total ? Math.floor(frac * 4) : 0;
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        process.stderr.write(`${label}: ${total ? `${quarter * 25}% of ${mb(total)} MB` : `${mb(received)} MB`}\n`);
      }
    }
  };
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

function request(url: string, headers: Record<string, string>, idleTimeoutMs: number, redirects = 5): Promise<Response> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith("https:") ? https.get : http.get;
    const req = get(url, { headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects === 0) return reject(new Error(`too many redirects from ${url}`));
        return resolve(request(new URL(res.headers.location, url).toString(), headers, idleTimeoutMs, redirects - 1));
      }
      resolve({ status, headers: res.headers, body: res });
    });
    req.setTimeout(idleTimeoutMs, () => req.destroy(new Error(`no data for ${idleTimeoutMs / 1000} s`)));
    req.on("error", reject);
  });
}

/** Streams the body onto the part file (appending when resuming); resolves with the bytes written. */
function receive(res: Response, part: string, append: boolean, startAt: number, onProgress?: Progress): Promise<void> {
  const length = Number(res.headers["content-length"]);
  const total = Number.isFinite(length) ? startAt + length : undefined;
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(part, append ? "a" : "w");
    let received = startAt;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      fs.closeSync(fd);
      if (!err && total !== undefined && received !== total) err = new Error(`connection closed at ${received} of ${total} bytes`);
      if (!err && !res.body.complete) err = new Error(`connection closed at ${received} bytes`);
      if (err) reject(err);
      else resolve();
    };
    res.body.on("data", (chunk: Buffer) => {
      try {
        fs.writeSync(fd, chunk);
      } catch (err) {
        res.body.destroy();
        return finish(err instanceof Error ? err : new Error(String(err)));
      }
      received += chunk.length;
      onProgress?.(received, total);
    });
    res.body.on("end", () => finish());
    res.body.on("aborted", () => finish(new Error(`connection aborted at ${received} bytes`)));
    res.body.on("error", (err) => finish(err));
    res.body.on("close", () => finish(res.body.complete ? undefined : new Error(`connection closed at ${received} bytes`)));
  });
}

/**
 * Downloads `url` to `dest`: resumes PARTDIR/<basename>.part when the server honours Range
 * (restarts cleanly when it does not), verifies SHA-256, then renames into place. On a
 * checksum mismatch the part file is deleted; on an interruption it is kept for the next try.
 */
export async function downloadFile(url: string, dest: string, opts: DownloadOptions): Promise<void> {
  ensureWritableDir(opts.partDir);
  ensureWritableDir(path.dirname(dest));
  const part = path.join(opts.partDir, `${path.basename(dest)}.part`);
  const idle = opts.idleTimeoutMs ?? 30_000;
  for (let attempt = 0; ; attempt++) {
    const have = fileSize(part);
    let res: Response;
    try {
      res = await request(url, have > 0 ? { Range: `bytes=${have}-` } : {}, idle);
    } catch (err) {
      throw new Error(`download of ${url} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (res.status === 416 && attempt === 0) {
      // the part is stale or already whole: start over once
      res.body.resume();
      fs.rmSync(part, { force: true });
      continue;
    }
    if (res.status !== 200 && res.status !== 206) {
      res.body.resume();
      throw new Error(`download of ${url} failed: HTTP ${res.status}`);
    }
    let resumeAt = 0;
    if (res.status === 206) {
      const m = /^bytes (\d+)-/.exec(String(res.headers["content-range"] ?? ""));
      if (!m || Number(m[1]) !== have) {
        res.body.resume();
        fs.rmSync(part, { force: true });
        if (attempt > 0) throw new Error(`download of ${url} failed: the server answered the range request with '${res.headers["content-range"]}'`);
        continue;
      }
      resumeAt = have;
    }
    try {
      await wrapWrite(opts.partDir, () => receive(res, part, resumeAt > 0, resumeAt, opts.onProgress));
    } catch (err) {
      if (err instanceof CacheNotWritableError) throw err;
      const code = errorCode(err);
      if (code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "ENOSPC") throw new CacheNotWritableError(opts.partDir, code);
      throw new DataFileError(url, `download interrupted (${err instanceof Error ? err.message : String(err)}); ${fileSize(part)} bytes kept in ${part}, the next fetch resumes from there`);
    }
    break;
  }
  const actual = hashFile(part);
  if (actual !== opts.sha256) {
    fs.rmSync(part, { force: true });
    throw new DataFileError(url, `checksum mismatch: sha256 ${actual}, expected ${opts.sha256}; the download was deleted`);
  }
  wrapWrite(path.dirname(dest), () => fs.renameSync(part, dest));
}
