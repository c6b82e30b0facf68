import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../kernel-lib/backend";
import { mlp } from "../../kernel-lib/models";
import { NonFiniteLossError, fit, latestCheckpoint } from "../../kernel-lib/train";
import { quadrants } from "./train-fixtures";

const small = () => mlp({ inputShape: [4, 4, 1], hidden: [16], classes: 4, seed: 3 });
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "cnnlab-ckpt-"));

beforeAll(async () => {
  await initBackend("cpu");
});

describe("checkpoints", () => {
  it("an interrupted run resumed from its checkpoint ends exactly where the uninterrupted run does", async () => {
    const train = quadrants(96, 1);
    const opts = { batchSize: 16, optimizer: "adam" as const, schedule: { kind: "step", lr: 0.01, everyEpochs: 2, gamma: 0.5 } as const, monitor: "none" as const, seed: 11 };

    const straight = small();
    const full = await fit(straight, train, { ...opts, epochs: 4 });

    const dir = tmpDir();
    const first = small();
    await fit(first, train, { ...opts, epochs: 2, checkpointDir: dir });
    expect(fs.readdirSync(dir).sort()).toEqual(["epoch-0002", "latest.json"]); // older ones removed, no temp left
    expect(fs.readdirSync(path.join(dir, "epoch-0002")).sort()).toEqual(["model.json", "optimizer.bin", "state.json", "weights.bin"]);

    const resumedModel = small(); // a fresh process would build the model again
    const resumed = await fit(resumedModel, train, { ...opts, epochs: 4, checkpointDir: dir, resume: true });
    expect(resumed.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(resumed.epochs.map((e) => e.loss)).toEqual(full.epochs.map((e) => e.loss));
    const a = straight.getWeights().map((w) => Array.from(w.dataSync()));
    const b = resumedModel.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual(a);
    expect(latestCheckpoint(dir)).toBe(path.join(dir, "epoch-0004"));
    train.x.dispose();
  });

  it("refuses a checkpoint of another architecture", async () => {
    const train = quadrants(32, 1);
    const dir = tmpDir();
    await fit(small(), train, { epochs: 1, batchSize: 16, monitor: "none", checkpointDir: dir });
    const other = mlp({ inputShape: [4, 4, 1], hidden: [8], classes: 4 });
    await expect(fit(other, train, { epochs: 2, batchSize: 16, monitor: "none", checkpointDir: dir, resume: true })).rejects.toThrow(/weight 0 .* has shape \[16,16\]/);
    train.x.dispose();
  });

  it("a non-finite loss stops training naming epoch and batch, and keeps the last good checkpoint", async () => {
    const train = quadrants(64, 1); // 4 batches of 16
    const dir = tmpDir();
    let calls = 0;
    // Poisons the 3rd batch of epoch 2.
    const augment = (x: tf.Tensor4D): tf.Tensor4D => (++calls === 4 + 3 ? tf.mul(x, NaN) : x);
    const err = await fit(small(), train, { epochs: 3, batchSize: 16, monitor: "none", checkpointDir: dir, augment }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteLossError);
    const e = err as NonFiniteLossError;
    expect([e.epoch, e.batch]).toEqual([2, 3]);
    expect(e.message).toMatch(/epoch 2, batch 3/);
    expect(e.message).toMatch(/lower the learning rate/);
    expect(e.message).toContain(path.join(dir, "epoch-0001"));
    expect(latestCheckpoint(dir)).toBe(path.join(dir, "epoch-0001"));
    train.x.dispose();
  });
});
