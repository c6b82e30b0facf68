// The notebook runner: a Jupyter client for tslab in Node (no Python), notebook execution,
// the HTML page, kernel registration with Jupyter. Used by the cnnlab CLI and the e2e tests.
export * from "./kernel-client";
export * from "./notebook";
export * from "./execute";
export * from "./html";
export * from "./run-file";
export * from "./library-build";
