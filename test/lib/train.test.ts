import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../kernel-lib/backend";
import { mlp } from "../../kernel-lib/models";
import { type EpochLog, type TrainingMonitor, evaluate, fit, learningRateAt } from "../../kernel-lib/train";
import { quadrants } from "./train-fixtures";

const small = () => mlp({ inputShape: [4, 4, 1], hidden: [16], classes: 4, seed: 3 });

beforeAll(async () => {
  await initBackend("cpu");
});

describe("fit", () => {
  it("learns the synthetic task and returns a one-row-per-epoch DataFrame", async () => {
    const train = quadrants(256, 1);
    const val = quadrants(64, 2);
    const model = small();
    const result = await fit(model, train, { epochs: 6, batchSize: 32, learningRate: 0.02, validation: val, monitor: "none", seed: 5 });
    const h = result.history;
    expect(h.height).toBe(6);
    expect(h.columns).toEqual(["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds", "samples_per_sec"]);
    const loss = h.getColumn("loss").toArray() as number[];
    expect(loss[5]).toBeLessThan(loss[0]);
    expect(result.epochs[5].valAccuracy).toBeGreaterThan(0.9);
    const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cnnlab-fit-")), "history.csv");
    h.writeCSV(csv);
    expect(fs.readFileSync(csv, "utf8").split("\n")[0]).toBe("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_sec");
    train.x.dispose();
    val.x.dispose();
    model.dispose();
  });

  it("keeps the tensor count the same after every epoch", async () => {
    const train = quadrants(200, 1); // 200 / 32: a short last batch too
    const model = small();
    const counts: number[] = [];
    const probe: TrainingMonitor = { onEpochEnd: () => void counts.push(tf.memory().numTensors) };
    const val = quadrants(40, 9);
    const before = tf.memory().numTensors;
    await fit(model, train, { epochs: 4, batchSize: 32, callbacks: [probe], validation: val, monitor: "none", progressEverySeconds: 0 });
    expect(counts).toHaveLength(4);
    expect(new Set(counts).size).toBe(1);
    // The optimizer fit made (Adam: 2 moment variables per weight) is disposed at the end.
    expect(tf.memory().numTensors).toBe(before);
    train.x.dispose();
    val.x.dispose();
    model.dispose();
  });

  it("is deterministic for a fixed seed and differs for another seed", async () => {
    const run = async (seed: number) => {
      const train = quadrants(128, 1);
      const model = small();
      const r = await fit(model, train, { epochs: 2, batchSize: 16, optimizer: "sgd", learningRate: 0.1, monitor: "none", seed });
      const w = model.getWeights()[0].dataSync().slice();
      train.x.dispose();
      model.dispose();
      return { loss: r.epochs.map((e) => e.loss), w };
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b.loss).toEqual(a.loss);
    expect(Array.from(b.w)).toEqual(Array.from(a.w));
    expect(c.loss).not.toEqual(a.loss);
  });

  it("reports progress to monitors and applies a per-batch schedule", async () => {
    const train = quadrants(128, 1);
    const model = small();
    const lrs: number[] = [];
    const seen: EpochLog[] = [];
    let progress = 0;
    const monitor: TrainingMonitor = { onProgress: (p) => void (progress++, lrs.push(p.learningRate)), onEpochEnd: (l) => void seen.push(l) };
    const schedule = { kind: "cosine", lr: 0.05, minLr: 0.001 } as const;
    await fit(model, train, { epochs: 2, batchSize: 16, optimizer: "momentum", schedule, monitor, progressEverySeconds: 0 });
    expect(progress).toBe(2 * 7); // every batch but the epoch's last, with progressEverySeconds 0
    expect(seen.map((l) => l.epoch)).toEqual([1, 2]);
    expect(seen[1].learningRate).toBeCloseTo(0.001, 6);
    expect(lrs[0]).toBe(0.05); // the rate of the first batch
    for (let i = 1; i < lrs.length; i++) expect(lrs[i]).toBeLessThan(lrs[i - 1]);
    train.x.dispose();
    model.dispose();
  });

  it("stops early on a stalled metric and restores the best weights; callbacks can stop too", async () => {
    const train = quadrants(64, 1);
    const model = small();
    const r = await fit(model, train, { epochs: 10, batchSize: 16, monitor: "none", earlyStopping: { monitor: "loss", patience: 2, minDelta: 1e9 } });
    expect(r.epochs).toHaveLength(3);
    expect(r.stopReason).toMatch(/early stopping: loss has not improved for 2 epochs/);
    expect(r.restoredEpoch).toBe(1);
    const r2 = await fit(small(), train, { epochs: 10, batchSize: 16, monitor: "none", callbacks: [{ shouldStop: (l) => (l.epoch === 2 ? "enough" : undefined) }] });
    expect(r2.epochs).toHaveLength(2);
    expect(r2.stopReason).toBe("enough");
    train.x.dispose();
  });

  it("rejects bad options with messages that name the problem", async () => {
    const train = quadrants(8, 1);
    await expect(fit(small(), train, { epochs: 0 })).rejects.toThrow(/epochs must be a positive integer/);
    await expect(fit(small(), train, { epochs: 1, learningRate: 0.1, schedule: { kind: "constant", lr: 0.1 } })).rejects.toThrow(/either learningRate or schedule/);
    await expect(fit(small(), { x: train.x, y: [1, 2] }, { epochs: 1, monitor: "none" })).rejects.toThrow(/8 inputs but 2 labels/);
    await expect(fit(small(), train, { epochs: 1, resume: true })).rejects.toThrow(/resume needs checkpointDir/);
    train.x.dispose();
  });
});

describe("schedules", () => {
  const at = (epoch: number, batch: number) => ({ epoch, batch, epochs: 10, stepsPerEpoch: 10 });
  it("step decays by gamma every N epochs", () => {
    const s = { kind: "step", lr: 0.1, everyEpochs: 3, gamma: 0.5 } as const;
    expect([0, 2, 3, 6, 9].map((e) => learningRateAt(s, at(e, 5)))).toEqual([0.1, 0.1, 0.05, 0.025, 0.0125]);
  });
  it("cosine runs from lr to minLr", () => {
    const s = { kind: "cosine", lr: 0.1, minLr: 0.01 } as const;
    expect(learningRateAt(s, at(0, 0))).toBeCloseTo(0.1, 10);
    expect(learningRateAt(s, at(9, 9))).toBeCloseTo(0.01, 10);
    expect(learningRateAt(s, at(4, 9)) + learningRateAt(s, at(5, 0))).toBeCloseTo(0.11, 10); // symmetric about the middle
  });
  it("one-cycle warms up to maxLr then anneals", () => {
    const s = { kind: "one-cycle", maxLr: 1, warmupFraction: 0.3, divFactor: 10, finalDivFactor: 1000 } as const;
    expect(learningRateAt(s, at(0, 0))).toBeCloseTo(0.1, 10);
    expect(learningRateAt(s, at(3, 0))).toBeCloseTo(1, 10);
    expect(learningRateAt(s, at(9, 9))).toBeCloseTo(0.001, 10);
  });
});

describe("evaluate", () => {
  it("gives accuracy, per-class counts, a confusion matrix and the most confidently wrong examples", async () => {
    const train = quadrants(256, 1);
    const test = quadrants(100, 4);
    const model = small();
    await fit(model, train, { epochs: 2, batchSize: 32, learningRate: 0.01, monitor: "none" });
    const before = tf.memory().numTensors;
    const e = evaluate(model, test, { batchSize: 32, wrong: 5 });
    expect(tf.memory().numTensors).toBe(before);
    const labels = test.y;
    const correct = Array.from(e.predictions).filter((p, i) => p === labels[i]).length;
    expect(e.accuracy).toBeCloseTo(correct / 100, 10);
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(e.perClass.map((p) => p.count)).toEqual([0, 1, 2, 3].map((c) => labels.filter((l) => l === c).length));
    expect(e.perClass[0].class).toBe("top-left");
    const wrong = e.mostConfidentlyWrong;
    expect(wrong.length).toBe(Math.min(5, 100 - correct));
    for (let i = 1; i < wrong.length; i++) expect(wrong[i - 1].confidence).toBeGreaterThanOrEqual(wrong[i].confidence);
    for (const w of wrong) expect(w.predicted).not.toBe(labels[w.index]);
    train.x.dispose();
    test.x.dispose();
    model.dispose();
  });
});
