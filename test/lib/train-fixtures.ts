// Seeded synthetic data for the train tests: 4x4 one-channel images whose class is the bright quadrant.
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../kernel-lib/data";

export function quadrants(count: number, seed: number): { x: tf.Tensor4D; y: Int32Array; classNames: string[] } {
  const rng = new Rng(seed);
  const x = new Float32Array(count * 16);
  const y = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const c = rng.int(4);
    y[n] = c;
    for (let r = 0; r < 4; r++) {
      for (let col = 0; col < 4; col++) {
        const q = (r < 2 ? 0 : 2) + (col < 2 ? 0 : 1);
        x[n * 16 + r * 4 + col] = (q === c ? 0.7 : 0.2) + 0.3 * rng.next();
      }
    }
  }
  return { x: tf.tensor4d(x, [count, 4, 4, 1]), y, classNames: ["top-left", "top-right", "bottom-left", "bottom-right"] };
}
