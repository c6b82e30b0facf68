// Graded: exercises/03-receptive-field.ts. Oracle: the gradient of one output pixel of a real
// TF.js convolution stack (all-ones kernels) with respect to the input: the span of the input
// pixels it depends on is the receptive field.
import type * as TF from "@tensorflow/tfjs";
import { expectExact, randomInt, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/03-receptive-field")>("03-receptive-field");
useTfCpu();

type Layer = { kernel: number; stride?: number; dilation?: number };
const WIDTH = 200;

function tfReceptiveField(layers: Layer[]): number {
  const grad = tf.tidy(() => {
    const firstPixel = (x: TF.Tensor): TF.Scalar => {
      let y = x.reshape([1, 1, WIDTH, 1]) as TF.Tensor4D;
      for (const { kernel, stride = 1, dilation = 1 } of layers) {
        // Dilation written out as zeros between the taps (TF.js has no gradient for dilated conv).
        const taps = Array.from({ length: dilation * (kernel - 1) + 1 }, (_, i) => (i % dilation === 0 ? 1 : 0));
        y = tf.conv2d(y, tf.tensor4d(taps, [1, taps.length, 1, 1]), [1, stride], "valid");
      }
      return y.slice([0, 0, 0, 0], [1, 1, 1, 1]).sum() as TF.Scalar;
    };
    return tf.grad(firstPixel)(tf.ones([WIDTH])).arraySync() as number[];
  });
  const seen = grad.map((g, i) => (g !== 0 ? i : -1)).filter((i) => i >= 0);
  return seen[seen.length - 1] - seen[0] + 1;
}

function check(layers: Layer[]): void {
  expectExact(sub.receptiveField(layers), tfReceptiveField(layers), `receptiveField(${JSON.stringify(layers)})`);
}

graded("stacks of stride-1 convolutions: 1 + L(K - 1)", 2, () => {
  check([{ kernel: 3 }]);
  check([{ kernel: 3 }, { kernel: 3 }]);
  check([{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }]);
  check([{ kernel: 5 }, { kernel: 5 }, { kernel: 5 }, { kernel: 5 }]);
  check([{ kernel: 7 }, { kernel: 1 }, { kernel: 3 }]);
});

graded("strides and pooling layers (the jump)", 3, () => {
  check([{ kernel: 3, stride: 2 }, { kernel: 3 }]);
  check([{ kernel: 3 }, { kernel: 2, stride: 2 }, { kernel: 3 }, { kernel: 2, stride: 2 }, { kernel: 3 }]);
  check([{ kernel: 7, stride: 2 }, { kernel: 3, stride: 2 }, { kernel: 3 }, { kernel: 3 }]);
  check([{ kernel: 5, stride: 1 }, { kernel: 2, stride: 2 }, { kernel: 5 }, { kernel: 2, stride: 2 }]);
});

graded("dilated convolutions", 2, () => {
  check([{ kernel: 3, dilation: 2 }]);
  check([{ kernel: 3 }, { kernel: 3, dilation: 2 }, { kernel: 3, dilation: 4 }]);
  check([{ kernel: 3, stride: 2 }, { kernel: 3, dilation: 2 }]);
});

graded("random stacks (seeded)", 2, () => {
  const rng = seededRandom(321);
  for (let i = 0; i < 8; i++) {
    const layers = Array.from({ length: randomInt(rng, 1, 4) }, () => ({ kernel: randomInt(rng, 1, 5), stride: randomInt(rng, 1, 2), dilation: randomInt(rng, 1, 2) }));
    check(layers);
  }
});
