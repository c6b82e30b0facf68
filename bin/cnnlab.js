#!/usr/bin/env node
// The `cnnlab` command. kernel-lib is TypeScript (tslab compiles it for notebooks);
// here tsx compiles it on the fly, so there is no build step to forget.
// Importing "tsx" registers both its require hook and its ESM loader (as `node --import tsx` does):
// the CJS-only hook left main.ts's `import("./run")` to Node's own ESM resolver, which cannot
// find extensionless .ts modules ("Cannot find module .../cli/run").
import("tsx")
  .then(() => require("../kernel-lib/cli/main.ts").main(process.argv.slice(2)))
  .then((code) => { process.exitCode = code; })
  .catch((err) => {
    console.error(`cnnlab: ${err && err.message ? err.message : err}`);
    process.exitCode = 1;
  });
