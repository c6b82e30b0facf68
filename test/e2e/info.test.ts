// `cnnlab info` prints every section, even when a part of the machine is missing.
import * as path from "node:path";
import { expect, it } from "vitest";
import { findJupyter } from "../../kernel-lib/runner/jupyter";
import { cnnlab, readJson, ROOT } from "./cli";

it("cnnlab info: backend, versions, Jupyter and its kernels, datasets", async () => {
  const res = await cnnlab(["info"], { CNNLAB_BACKEND: "cpu" });
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  const lines = res.stdout.split("\n");
  expect(lines[0]).toMatch(/^backend {3}backend: cpu \(cpu\) on .*forced by CNNLAB_BACKEND/);
  const version = (pkg: string) => readJson(path.join(ROOT, "node_modules", pkg, "package.json")).version;
  expect(res.stdout).toContain(`versions  node ${process.version}, tfjs ${version("@tensorflow/tfjs")}, tslab ${version("tslab")} (TypeScript 5.0.4)`);
  const jupyter = findJupyter();
  if (jupyter.python) {
    expect(res.stdout).toMatch(new RegExp(`^jupyter {3}${jupyter.python}: Notebook `, "m"));
    expect(res.stdout).toMatch(/^kernels {3}/m);
  } else {
    expect(res.stdout).toMatch(/^jupyter {3}not found \(tried .*apt-get install jupyter-notebook/m);
  }
  expect(res.stdout).toMatch(/^datasets {2}\S/m);
});
