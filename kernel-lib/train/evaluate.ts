// Evaluation: loss and accuracy (used for validation inside fit), and the full report a notebook
// shows after training: per-class accuracy, confusion matrix, the most confidently wrong examples.
import * as tf from "@tensorflow/tfjs";
import { type LabeledData, type PreparedData, outputClasses, prepareData, releaseData } from "./labeled-data";

/** Mean softmax cross-entropy and accuracy, accumulated on the device and read once. */
export function lossAndAccuracy(model: tf.LayersModel, data: PreparedData, batchSize: number, classes: number): { loss: number; accuracy: number } {
  let lossSum: tf.Scalar = tf.scalar(0);
  let correctSum: tf.Scalar = tf.scalar(0);
  for (let start = 0; start < data.count; start += batchSize) {
    const size = Math.min(batchSize, data.count - start);
    const [l, c] = tf.tidy(() => {
      const xb = tf.slice(data.x, start, size);
      const yb = tf.slice(data.y, start, size);
      const logits = model.apply(xb, { training: false }) as tf.Tensor2D;
      const loss = tf.losses.softmaxCrossEntropy(tf.oneHot(yb, classes), logits, undefined, undefined, tf.Reduction.SUM);
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), yb), "float32"));
      return [tf.add(lossSum, loss), tf.add(correctSum, correct)];
    });
    lossSum.dispose();
    correctSum.dispose();
    lossSum = l as tf.Scalar;
    correctSum = c as tf.Scalar;
  }
  const [loss, correct] = [lossSum.dataSync()[0], correctSum.dataSync()[0]];
  lossSum.dispose();
  correctSum.dispose();
  return { loss: loss / data.count, accuracy: correct / data.count };
}

export interface WrongExample {
  /** Index into the evaluated data. */
  index: number;
  label: number;
  predicted: number;
  /** Softmax probability of the wrong prediction. */
  confidence: number;
}

export interface Evaluation {
  count: number;
  loss: number;
  accuracy: number;
  classNames: string[];
  /** Per class: examples, correct, accuracy. */
  perClass: { class: string; count: number; correct: number; accuracy: number }[];
  /** confusion[true][predicted] counts. */
  confusion: number[][];
  /** Wrong predictions, most confident first. */
  mostConfidentlyWrong: WrongExample[];
  predictions: Int32Array;
}

export interface EvaluateOptions {
  batchSize?: number;
  /** How many confidently wrong examples to keep (default 16). */
  wrong?: number;
}

/** Evaluates a logits model on labelled data. */
export function evaluate(model: tf.LayersModel, data: LabeledData, opt: EvaluateOptions = {}): Evaluation {
  const classes = outputClasses(model);
  const batchSize = opt.batchSize ?? 256;
  const d = prepareData(data, "evaluate");
  try {
    const predictions = new Int32Array(d.count);
    const confidence = new Float32Array(d.count);
    let lossSum = 0;
    for (let start = 0; start < d.count; start += batchSize) {
      const size = Math.min(batchSize, d.count - start);
      tf.tidy(() => {
        const xb = tf.slice(d.x, start, size);
        const yb = tf.slice(d.y, start, size);
        const logits = model.apply(xb, { training: false }) as tf.Tensor2D;
        const probs = tf.softmax(logits);
        const l = tf.losses.softmaxCrossEntropy(tf.oneHot(yb, classes), logits, undefined, undefined, tf.Reduction.SUM);
        predictions.set(tf.argMax(probs, 1).dataSync() as Int32Array, start);
        confidence.set(tf.max(probs, 1).dataSync() as Float32Array, start);
        lossSum += l.dataSync()[0];
      });
    }
    const labels = d.y.dataSync() as Int32Array;
    const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
    const wrong: WrongExample[] = [];
    for (let i = 0; i < d.count; i++) {
      const t = labels[i];
      if (t < 0 || t >= classes) throw new Error(`evaluate: label ${t} at index ${i} is not a class id below ${classes}`);
      confusion[t][predictions[i]]++;
      if (predictions[i] !== t) wrong.push({ index: i, label: t, predicted: predictions[i], confidence: confidence[i] });
    }
    wrong.sort((a, b) => b.confidence - a.confidence);
    const names = d.classNames ? [...d.classNames] : Array.from({ length: classes }, (_, i) => String(i));
    if (names.length !== classes) throw new Error(`evaluate: ${names.length} class names for a model with ${classes} outputs`);
    const perClass = confusion.map((row, c) => {
      const count = row.reduce((a, b) => a + b, 0);
      return { class: names[c], count, correct: row[c], accuracy: count ? row[c] / count : NaN };
    });
    const correct = perClass.reduce((a, p) => a + p.correct, 0);
    return {
      count: d.count,
      loss: lossSum / d.count,
      accuracy: correct / d.count,
      classNames: names,
      perClass,
      confusion,
      mostConfidentlyWrong: wrong.slice(0, opt.wrong ?? 16),
      predictions,
    };
  } finally {
    releaseData(d);
  }
}
