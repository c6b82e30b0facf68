// Checkpoints, written atomically: each one is built in a temp directory and renamed into place,
// then `latest.json` (also temp + rename) points at it, so an interrupted write never leaves a
// half checkpoint that `fit({resume: true})` would read. Layout of <dir>/epoch-NNNN/:
//   model.json (TF.js format, weights in weights.bin), optimizer.bin + state.json (specs, epoch, seed, history).
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { EpochLog } from "./monitor";

export interface TrainingState {
  /** Epochs completed. */
  epoch: number;
  /** fit's seed: shuffles and augmentation are functions of (seed, epoch). */
  seed: number;
  history: EpochLog[];
  optimizerClass: string;
  optimizerSpecs: tf.io.WeightsManifestEntry[];
  /** Early-stopping bookkeeping. */
  best?: { value: number; epoch: number };
}

const LATEST = "latest.json";

function writeFileSynced(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, "w");
  try {
    if (typeof data === "string") fs.writeSync(fd, data);
    else fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function bytesOf(buf: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  if (Array.isArray(buf)) return new Uint8Array(tf.io.concatenateArrayBuffers(buf));
  return new Uint8Array(buf);
}

/** Saves model weights + topology, optimizer state and training state as the new latest checkpoint. */
export async function saveCheckpoint(
  dir: string,
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  state: Omit<TrainingState, "optimizerSpecs" | "optimizerClass">,
): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const name = `epoch-${String(state.epoch).padStart(4, "0")}`;
  const final = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);

  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.weightData || !artifacts.weightSpecs) throw new Error(`checkpoint: model '${model.name}' produced no weights`);
      writeFileSynced(path.join(tmp, "weights.bin"), bytesOf(artifacts.weightData));
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
      };
      writeFileSynced(path.join(tmp, "model.json"), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );

  const optWeights = await optimizer.getWeights();
  const encoded = await tf.io.encodeWeights(optWeights);
  // getWeights returns the optimizer's own variables plus a fresh iteration-count scalar.
  for (const w of optWeights) if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
  writeFileSynced(path.join(tmp, "optimizer.bin"), bytesOf(encoded.data));
  const full: TrainingState = { ...state, optimizerClass: optimizer.getClassName(), optimizerSpecs: encoded.specs };
  writeFileSynced(path.join(tmp, "state.json"), JSON.stringify(full));

  fs.rmSync(final, { recursive: true, force: true });
  fs.renameSync(tmp, final);
  const latestTmp = path.join(dir, `.${LATEST}.tmp-${process.pid}`);
  writeFileSynced(latestTmp, JSON.stringify({ checkpoint: name, epoch: state.epoch }));
  fs.renameSync(latestTmp, path.join(dir, LATEST));

  // Older checkpoints go only once the new one is in place.
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith("epoch-") && entry !== name) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  return final;
}

/** The latest checkpoint's directory, or undefined when there is none. */
export function latestCheckpoint(dir: string): string | undefined {
  const file = path.join(dir, LATEST);
  if (!fs.existsSync(file)) return undefined;
  const { checkpoint } = JSON.parse(fs.readFileSync(file, "utf8")) as { checkpoint: string };
  const full = path.join(dir, checkpoint);
  if (!fs.existsSync(path.join(full, "state.json"))) throw new Error(`checkpoint: ${file} points at ${full}, which is missing or incomplete`);
  return full;
}

function readBuffer(file: string): ArrayBuffer {
  const b = fs.readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/**
 * Loads a checkpoint into an already built model (same architecture, weights matched by order
 * and shape) and optimizer; returns the training state.
 */
export async function loadCheckpoint(ckpt: string, model: tf.LayersModel, optimizer: tf.Optimizer): Promise<TrainingState> {
  const modelJson = JSON.parse(fs.readFileSync(path.join(ckpt, "model.json"), "utf8")) as { weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const specs = modelJson.weightsManifest[0].weights;
  const named = tf.io.decodeWeights(readBuffer(path.join(ckpt, "weights.bin")), specs);
  const tensors = specs.map((s) => named[s.name]);
  try {
    const own = model.weights;
    if (own.length !== tensors.length) throw new Error(`checkpoint ${ckpt} holds ${tensors.length} weights, model '${model.name}' has ${own.length}: not the same architecture`);
    own.forEach((w, i) => {
      if (w.shape.join("x") !== tensors[i].shape.join("x")) {
        throw new Error(`checkpoint ${ckpt}: weight ${i} (${specs[i].name}) has shape [${tensors[i].shape}], model weight ${w.name} has [${w.shape}]`);
      }
    });
    model.setWeights(tensors);
  } finally {
    tensors.forEach((t) => t.dispose());
  }

  const state = JSON.parse(fs.readFileSync(path.join(ckpt, "state.json"), "utf8")) as TrainingState;
  if (state.optimizerClass !== optimizer.getClassName()) {
    throw new Error(`checkpoint ${ckpt} was written with optimizer ${state.optimizerClass}, resuming with ${optimizer.getClassName()}`);
  }
  if (state.optimizerSpecs.length > 0) {
    const opt = tf.io.decodeWeights(readBuffer(path.join(ckpt, "optimizer.bin")), state.optimizerSpecs);
    const list = state.optimizerSpecs.map((s) => ({ name: s.name, tensor: opt[s.name] }));
    await optimizer.setWeights(list);
    // setWeights wraps each tensor in a new variable (sharing its data): drop our handles.
    list.forEach((w) => w.tensor.dispose());
  }
  return state;
}
