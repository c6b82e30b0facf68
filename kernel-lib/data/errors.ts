// Errors for data that cannot be trusted. Every message names the file (or folder) and the fault,
// so a broken download or a truncated copy is never mistaken for a data or model problem.

/** A file that is not what its name promises: bad magic, wrong dimensions, truncated, corrupt. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "DataFileError";
  }
}

/** The dataset cache folder cannot be created or written. */
export class CacheNotWritableError extends Error {
  constructor(
    readonly dir: string,
    readonly code: string,
  ) {
    super(`cannot write the dataset cache ${dir} (${code}): make it writable or set CNNLAB_CACHE to a writable folder`);
    this.name = "CacheNotWritableError";
  }
}

/** The system error code (ENOENT, EACCES, ...) of an fs failure, or its message. */
export function errorCode(err: unknown): string {
  if (err && typeof err === "object" && "code" in err && typeof err.code === "string") return err.code;
  return err instanceof Error ? err.message : String(err);
}
