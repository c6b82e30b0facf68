#!/usr/bin/env node
// Runs the TypeScript compiler that tslab itself uses (5.0), so that what type-checks here
// is exactly what compiles in a notebook.
const path = require("node:path");
const tslabDir = path.dirname(require.resolve("tslab/package.json"));
const tsc = require.resolve("@tslab/typescript-for-tslab/bin/tsc", { paths: [tslabDir] });
process.argv = [process.argv[0], tsc, ...process.argv.slice(2)];
require(tsc);
