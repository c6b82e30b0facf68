// The training loop. Per batch it does only what a bare TF.js loop does (gather the batch,
// optimizer.minimize) plus a correct-count op; the loss and accuracy scalars stay on the device
// and are read together a few times a second, never once per batch, so the loop adds no device syncs.
import * as tf from "@tensorflow/tfjs";
import type pl from "nodejs-polars";
import { latestCheckpoint, loadCheckpoint, saveCheckpoint } from "./checkpoint";
import { historyFrame } from "./history";
import { type LabeledData, type PreparedData, outputClasses, prepareData, releaseData } from "./labeled-data";
import { type EpochLog, type TrainingCallback, type TrainingMonitor, defaultMonitor, logLineMonitor } from "./monitor";
import { type OptimizerName, makeOptimizer, setLearningRate } from "./optimizers";
import { type Augment, Rng, permutation } from "../data";
import { mixSeed } from "../data/random";
import { type Schedule, changesPerBatch, learningRateAt, validateSchedule } from "./schedules";
import { lossAndAccuracy } from "./evaluate";

export type Metric = "loss" | "accuracy" | "valLoss" | "valAccuracy";

export interface EarlyStopping {
  /** Default "valLoss" (falls back to "loss" without validation data). */
  monitor?: Metric;
  /** Epochs without improvement before stopping. */
  patience: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Put back the best epoch's weights at the end (default true). */
  restoreBest?: boolean;
}

export interface FitOptions {
  epochs: number;
  batchSize?: number;
  /** A name or a ready TF.js optimizer (default "adam"). */
  optimizer?: OptimizerName | tf.Optimizer;
  /** Constant rate (default 1e-3 for adam/rmsprop, 0.01 otherwise); or give `schedule`. */
  learningRate?: number;
  schedule?: Schedule;
  validation?: LabeledData;
  callbacks?: TrainingCallback[];
  /** Seeds shuffling and augmentation (weights are seeded by the model builders). Default 0. */
  seed?: number;
  /** Applied to each training batch inside the step's tidy (see lab.data's augmentations). */
  augment?: Augment;
  shuffle?: boolean;
  earlyStopping?: EarlyStopping;
  /** Write a checkpoint here after every epoch (atomically). */
  checkpointDir?: string;
  /** Continue from checkpointDir's latest checkpoint if there is one. */
  resume?: boolean;
  /** "auto" (default): the notebook's live monitor in a kernel, log lines elsewhere. */
  monitor?: "auto" | "log" | "none" | TrainingMonitor;
  /** Label for the monitor, e.g. "LeNet-5 on MNIST" (default: the model's name). */
  name?: string;
  /** How often the running loss is read back for progress (default 0.5 s). */
  progressEverySeconds?: number;
}

export interface FitResult {
  /** One row per epoch: epoch, loss, accuracy, val_loss, val_accuracy, learning_rate, seconds, samples_per_sec (write it with .writeCSV(path)). */
  readonly history: pl.DataFrame;
  epochs: EpochLog[];
  /** Set when training ended early (early stopping or a callback). */
  stopReason?: string;
  /** Epoch (1-based) whose weights the model holds at the end when early stopping restored them. */
  restoredEpoch?: number;
}

/** Raised when a batch's loss is NaN or infinite; the last good checkpoint is left untouched. */
export class NonFiniteLossError extends Error {
  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly loss: number,
    readonly learningRate: number,
    checkpoint: string | undefined,
  ) {
    super(
      `fit: the loss became ${loss} at epoch ${epoch}, batch ${batch} (learning rate ${learningRate.toPrecision(3)}). ` +
        `Hint: lower the learning rate (divide it by 10), check the inputs for NaN/Inf and that they are scaled to [0, 1], ` +
        `and that labels are class ids below the number of outputs. ` +
        (checkpoint ? `The last good checkpoint is kept: ${checkpoint}; fit({resume: true}) continues from it.` : `No checkpoint was being written (set checkpointDir).`),
    );
    this.name = "NonFiniteLossError";
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function resolveMonitors(opt: FitOptions): TrainingMonitor[] {
  const m = opt.monitor ?? "auto";
  const main = m === "auto" ? defaultMonitor() : m === "log" ? logLineMonitor() : m === "none" ? undefined : m;
  return [...(main ? [main] : []), ...(opt.callbacks ?? [])];
}

function metricOf(log: EpochLog, m: Metric): number | undefined {
  return m === "loss" ? log.loss : m === "accuracy" ? log.accuracy : m === "valLoss" ? log.valLoss : log.valAccuracy;
}

function checkOptions(model: tf.LayersModel, opt: FitOptions): Schedule {
  if (!(model instanceof tf.LayersModel)) throw new Error("fit: model must be a tf.LayersModel (e.g. from lab.models.lenet5 or tf.sequential)");
  if (!Number.isInteger(opt.epochs) || opt.epochs < 1) throw new Error(`fit: epochs must be a positive integer, got ${opt.epochs}`);
  const bs = opt.batchSize ?? 32;
  if (!Number.isInteger(bs) || bs < 1) throw new Error(`fit: batchSize must be a positive integer, got ${bs}`);
  if (opt.schedule && opt.learningRate !== undefined) throw new Error("fit: give either learningRate or schedule, not both");
  if (opt.resume && !opt.checkpointDir) throw new Error("fit: resume needs checkpointDir (where the checkpoints are)");
  const name = typeof opt.optimizer === "string" || opt.optimizer === undefined ? (opt.optimizer ?? "adam") : undefined;
  const defaultLr = name === "adam" || name === "rmsprop" ? 1e-3 : 0.01;
  const schedule = opt.schedule ?? { kind: "constant", lr: opt.learningRate ?? defaultLr };
  validateSchedule(schedule);
  return schedule;
}

/** Trains `model` (outputting logits) on integer-labelled data with softmax cross-entropy. */
export async function fit(model: tf.LayersModel, data: LabeledData, opt: FitOptions): Promise<FitResult> {
  const schedule = checkOptions(model, opt);
  const batchSize = opt.batchSize ?? 32;
  const classes = outputClasses(model);
  const optimizer = typeof opt.optimizer === "object" ? opt.optimizer : makeOptimizer(opt.optimizer ?? "adam", learningRateAt(schedule, { epoch: 0, batch: 0, epochs: opt.epochs, stepsPerEpoch: 1 }));
  const monitors = resolveMonitors(opt);
  const train = prepareData(data, "fit (training data)");
  let val: PreparedData | undefined;
  try {
    val = opt.validation ? prepareData(opt.validation, "fit (validation data)") : undefined;
    return await runEpochs(model, train, val, optimizer, schedule, monitors, classes, batchSize, opt);
  } finally {
    releaseData(train);
    if (val) releaseData(val);
    // An optimizer made here (from a name) dies with the call: its moment variables would
    // otherwise outlive every fit. A caller's own optimizer is left to the caller.
    if (typeof opt.optimizer !== "object") optimizer.dispose();
  }
}

async function runEpochs(
  model: tf.LayersModel,
  train: PreparedData,
  val: PreparedData | undefined,
  optimizer: tf.Optimizer,
  schedule: Schedule,
  monitors: TrainingMonitor[],
  classes: number,
  batchSize: number,
  opt: FitOptions,
): Promise<FitResult> {
  const epochs = opt.epochs;
  const steps = Math.ceil(train.count / batchSize);
  const seed = opt.seed ?? 0;
  const identity = Int32Array.from({ length: train.count }, (_, i) => i);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const perBatchLr = changesPerBatch(schedule);
  const everyMs = 1000 * (opt.progressEverySeconds ?? 0.5);
  const early = opt.earlyStopping;
  const earlyMetric: Metric = early?.monitor ?? (val ? "valLoss" : "loss");
  if (early && earlyMetric.startsWith("val") && !val) throw new Error(`fit: earlyStopping monitors ${earlyMetric} but no validation data was given`);
  const higherIsBetter = earlyMetric === "accuracy" || earlyMetric === "valAccuracy";

  let history: EpochLog[] = [];
  let startEpoch = 0;
  let best: { value: number; epoch: number } | undefined;
  let bestWeights: Float32Array[] | undefined;
  let lastCheckpoint: string | undefined;
  if (opt.resume && opt.checkpointDir) {
    const ckpt = latestCheckpoint(opt.checkpointDir);
    if (ckpt) {
      const state = await loadCheckpoint(ckpt, model, optimizer);
      startEpoch = state.epoch;
      history = state.history;
      best = state.best;
      lastCheckpoint = ckpt;
    }
  }

  const name = opt.name ?? model.name;
  for (const m of monitors) await m.onTrainBegin?.({ name, epochs, startEpoch, stepsPerEpoch: steps, samplesPerEpoch: train.count, batchSize, hasValidation: !!val });

  let stopReason: string | undefined;
  const losses: tf.Scalar[] = [];
  const corrects: tf.Scalar[] = [];
  const position = { epoch: 0, batch: 0, epochs, stepsPerEpoch: steps };
  try {
    for (let epoch = startEpoch; epoch < epochs && !stopReason; epoch++) {
      // Shuffle order and augmentation depend only on (seed, epoch), so a resumed run repeats them.
      const epochSeed = mixSeed(seed, epoch);
      const order = opt.shuffle === false ? identity : permutation(train.count, epochSeed);
      const augRng = new Rng(epochSeed ^ 0x2c1b3c6d);
      position.epoch = epoch;
      position.batch = 0;
      let lr = learningRateAt(schedule, position);
      setLearningRate(optimizer, lr);

      const t0 = Date.now();
      let lastRead = t0;
      let readUpTo = 0; // batches whose loss has been read
      let lossSum = 0; // sum over read batches of loss * batch size
      let correctSum = 0;
      let seen = 0;

      // Reads the pending per-batch scalars in one sync; throws on the first non-finite loss.
      const drain = (doneBatches: number) => {
        if (losses.length === 0) return;
        const [l, c] = tf.tidy(() => [tf.stack(losses).dataSync(), tf.stack(corrects).dataSync()]);
        for (let i = 0; i < l.length; i++) {
          const b = readUpTo + i;
          const size = Math.min(batchSize, train.count - b * batchSize);
          if (!Number.isFinite(l[i])) {
            const atLr = learningRateAt(schedule, { ...position, batch: b });
            throw new NonFiniteLossError(epoch + 1, b + 1, l[i], atLr, lastCheckpoint);
          }
          lossSum += l[i] * size;
          correctSum += c[i];
          seen += size;
        }
        readUpTo = doneBatches;
        tf.dispose(losses);
        tf.dispose(corrects);
        losses.length = 0;
        corrects.length = 0;
      };

      for (let b = 0; b < steps; b++) {
        if (perBatchLr && b > 0) {
          position.batch = b;
          lr = learningRateAt(schedule, position);
          setLearningRate(optimizer, lr);
        }
        const start = b * batchSize;
        const end = Math.min(start + batchSize, train.count);
        let correct: tf.Scalar | undefined;
        const loss: tf.Scalar = tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(start, end), "int32");
          const xRaw = tf.gather(train.x, idx) as tf.Tensor4D;
          const xb = opt.augment ? opt.augment(xRaw, augRng) : xRaw;
          const yb = tf.gather(train.y, idx);
          return optimizer.minimize(
            () => {
              const logits = model.apply(xb, { training: true }) as tf.Tensor2D;
              correct = tf.keep(tf.sum<tf.Tensor>(tf.cast(tf.equal(tf.argMax(logits, 1), yb), "float32"))) as tf.Scalar;
              return tf.losses.softmaxCrossEntropy(tf.oneHot(yb, classes), logits) as tf.Scalar;
            },
            true,
            vars,
          ) as tf.Scalar;
        });
        losses.push(loss);
        corrects.push(correct as tf.Scalar);

        const now = Date.now();
        if (now - lastRead >= everyMs && b + 1 < steps) {
          drain(b + 1);
          lastRead = now;
          const secs = (now - t0) / 1000;
          const rate = seen / secs;
          const left = (steps - b - 1) * batchSize + (epochs - epoch - 1) * train.count;
          for (const m of monitors) {
            await m.onProgress?.({ epoch: epoch + 1, epochs, batch: b + 1, batches: steps, loss: lossSum / seen, accuracy: correctSum / seen, learningRate: lr, samplesPerSec: rate, etaSeconds: left / rate });
          }
          await yieldToEventLoop();
        }
      }
      drain(steps);
      const trainSeconds = (Date.now() - t0) / 1000;
      const log: EpochLog = { epoch: epoch + 1, loss: lossSum / seen, accuracy: correctSum / seen, learningRate: lr, seconds: trainSeconds, samplesPerSec: seen / trainSeconds };
      if (val) {
        const v = lossAndAccuracy(model, val, batchSize, classes);
        log.valLoss = v.loss;
        log.valAccuracy = v.accuracy;
      }
      history.push(log);

      if (early) {
        const value = metricOf(log, earlyMetric) as number;
        const delta = early.minDelta ?? 0;
        const improved = !best || (higherIsBetter ? value > best.value + delta : value < best.value - delta);
        if (improved) {
          best = { value, epoch: log.epoch };
          if (early.restoreBest ?? true) bestWeights = model.getWeights().map((w) => (w.dataSync() as Float32Array).slice());
        } else if (best && log.epoch - best.epoch >= early.patience) {
          stopReason = `early stopping: ${earlyMetric} has not improved for ${early.patience} epochs (best ${best.value.toFixed(4)} at epoch ${best.epoch})`;
        }
      }
      for (const cb of opt.callbacks ?? []) stopReason ??= cb.shouldStop?.(log, history);
      if (opt.checkpointDir) {
        lastCheckpoint = await saveCheckpoint(opt.checkpointDir, model, optimizer, { epoch: epoch + 1, seed, history, best });
      }
      for (const m of monitors) await m.onEpochEnd?.(log, history);
      await yieldToEventLoop();
    }
  } catch (err) {
    if (err instanceof NonFiniteLossError) for (const m of monitors) await m.onTrainEnd?.({ epochsRun: history.length, stopReason: err.message, history });
    throw err;
  } finally {
    tf.dispose(losses);
    tf.dispose(corrects);
  }

  let restoredEpoch: number | undefined;
  if (bestWeights && best && best.epoch !== history[history.length - 1].epoch) {
    const saved = bestWeights;
    const tensors = model.weights.map((w, i) => tf.tensor(saved[i], w.shape as number[], w.dtype));
    model.setWeights(tensors);
    tf.dispose(tensors);
    restoredEpoch = best.epoch;
  }
  for (const m of monitors) await m.onTrainEnd?.({ epochsRun: history.length, stopReason, history });
  // The DataFrame is built on first use: making one costs tens of ms (polars), which a short
  // fit (and the bench's overhead ratio) should not pay when nobody reads it.
  let frame: pl.DataFrame | undefined;
  return {
    get history() {
      frame ??= historyFrame(history);
      return frame;
    },
    epochs: history,
    stopReason,
    restoredEpoch,
  };
}
