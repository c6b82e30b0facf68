// Notebook 07's experiment as a script: LeNet-5 (paper and modern) vs the lecture's MLPs on
// MNIST, Fashion-MNIST and CIFAR-10, test accuracy after training. Long runs: start with nohup.
//   npx tsx bench/train-lenet-vs-mlp.ts [--mode quick|full] [--datasets mnist,fashion-mnist,cifar10] [--models ...] [--epochs N] [--limit N]
//     [--lr 1e-3] [--schedule constant|cosine|one-cycle] [--augment none|flip|flip-crop] [--batch 64] [--eval-each-epoch]
// Defaults are notebook 07's recipe (Adam 1e-3 constant, batch 64, no augmentation). --eval-each-epoch
// reports test accuracy after every epoch (monitoring only: nothing is selected or stopped on it),
// so a run cut short still shows where it had got to.
// Prints one JSON line per run (dataset, model, epochs, backend, minutes, accuracy) for docs/results.md.
import * as os from "node:os";
import { initBackend } from "../kernel-lib/backend";
import { augment, load, type Augment } from "../kernel-lib/data";
import { lenet5, mlp } from "../kernel-lib/models";
import { evaluate, fit, type Schedule } from "../kernel-lib/train";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const mode = arg("--mode") ?? process.env.CNNLAB_MODE ?? "quick";
const QUICK = { limit: 2000, testLimit: 1000, epochs: 1 };
const FULL = { limit: undefined as number | undefined, testLimit: undefined as number | undefined, epochs: 10 };
const cfg = mode === "full" ? FULL : QUICK;
const epochs = Number(arg("--epochs") ?? cfg.epochs);
const limit = arg("--limit") ? Number(arg("--limit")) : cfg.limit;
const datasets = (arg("--datasets") ?? "mnist,fashion-mnist,cifar10").split(",");
const wanted = arg("--models")?.split(",");
const lr = Number(arg("--lr") ?? 1e-3);
const batchSize = Number(arg("--batch") ?? 64);
const scheduleName = arg("--schedule") ?? "constant";
const augmentName = arg("--augment") ?? "none";
const evalEachEpoch = process.argv.includes("--eval-each-epoch");

function makeSchedule(): Schedule {
  if (scheduleName === "constant") return { kind: "constant", lr };
  if (scheduleName === "cosine") return { kind: "cosine", lr, minLr: lr / 100 };
  if (scheduleName === "one-cycle") return { kind: "one-cycle", maxLr: lr };
  throw new Error(`train-lenet-vs-mlp: unknown --schedule '${scheduleName}' (constant, cosine, one-cycle)`);
}

function makeAugment(): Augment | undefined {
  if (augmentName === "none") return undefined;
  if (augmentName === "flip") return augment.flipHorizontal(0.5);
  if (augmentName === "flip-crop") return augment.standardCifar();
  throw new Error(`train-lenet-vs-mlp: unknown --augment '${augmentName}' (none, flip, flip-crop)`);
}

const MODELS = {
  "lenet5-paper": (shape: [number, number, number]) => lenet5({ variant: "paper", inputShape: shape, seed: 1 }),
  "lenet5-modern": (shape: [number, number, number]) => lenet5({ variant: "modern", inputShape: shape, seed: 1 }),
  mlp: (shape: [number, number, number]) => mlp({ inputShape: shape, hidden: shape[2] === 3 ? [1536, 768, 384, 128] : [128, 64], seed: 1 }),
};

(async () => {
  const info = await initBackend();
  for (const name of datasets) {
    const train = await load(name, { split: "train", limit, seed: 1 });
    const test = await load(name, { split: "test", limit: cfg.testLimit, seed: 1 });
    for (const [model, build] of Object.entries(MODELS)) {
      if (wanted && !wanted.includes(model)) continue;
      const m = build(train.shape as [number, number, number]);
      const t0 = Date.now();
      const r = await fit(m, train, {
        epochs,
        batchSize,
        optimizer: "adam",
        schedule: makeSchedule(),
        augment: makeAugment(),
        validation: evalEachEpoch ? test : undefined,
        seed: 1,
        name: `${model} on ${name}`,
        monitor: "log",
      });
      const minutes = (Date.now() - t0) / 60000;
      const e = evaluate(m, test);
      console.log(JSON.stringify({ dataset: name, model, params: m.countParams(), train: train.count, test: test.count, epochs: r.epochs.length, lr, schedule: scheduleName, augment: augmentName, batchSize, backend: info.name, minutes: Number(minutes.toFixed(2)), testAccuracy: Number((100 * e.accuracy).toFixed(2)), machine: `${os.cpus().length} cores, no GPU`, date: new Date().toISOString().slice(0, 10) }));
      m.dispose();
    }
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
