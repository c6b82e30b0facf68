// `cnnlab` sub-command dispatch. Each command lives in its own module, loaded only when used,
// so `cnnlab grade` does not pay for TF.js start-up and `cnnlab run` does not load polars.
type Command = { summary: string; load: () => Promise<{ command(args: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  run: { summary: "run notebooks headless: cnnlab run NOTEBOOK... [--mode quick|full] [--out DIR] [--timeout SECONDS]", load: () => import("./run") },
  grade: { summary: "grade exercises: cnnlab grade [--submission DIR] [--json FILE] [--exercise ID]... [--timeout SECONDS]", load: () => import("./grade") },
  info: { summary: "backend, versions, Jupyter kernels and datasets found", load: () => import("./info") },
  kernel: { summary: "cnnlab kernel install [--python PATH] [--if-jupyter]: register the tslab kernel with Jupyter", load: () => import("./kernel") },
  lab: { summary: "start JupyterLab (or Notebook) on notebooks/, bound to 127.0.0.1", load: () => import("./lab") },
  data: { summary: "datasets: cnnlab data [NAME [--json] [--dir DIR] [--no-fetch]] | cnnlab data fetch NAME [--mirror URL]", load: () => import("./data") },
  bench: { summary: "training throughput: cnnlab bench [--json] [--backend NAME] [--batches N] [--repeats N] [--no-torch]: fit vs a bare TF.js loop (overhead <= 1.05)", load: () => import("./bench") },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return ["usage: cnnlab COMMAND [options]", "", ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`)].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "-h" || name === "--help" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`cnnlab: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  return (await cmd.load()).command(rest);
}
