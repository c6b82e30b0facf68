#!/usr/bin/env node
// The `cnnlab` command. kernel-lib is TypeScript (tslab compiles it for notebooks);
// here tsx compiles it on the fly, so there is no build step to forget.
require("tsx/cjs/api").register();
require("../kernel-lib/cli/main.ts")
  .main(process.argv.slice(2))
  .then((code) => { process.exitCode = code; })
  .catch((err) => {
    console.error(`cnnlab: ${err && err.message ? err.message : err}`);
    process.exitCode = 1;
  });
