// Graded: exercises/05-pooling-forward.ts. Oracles: tf.maxPool and tf.avgPool.
import { expectArrayClose, randomInt, randomMatrix, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { image4d, tf, toMatrix, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/05-pooling-forward")>("05-pooling-forward");
useTfCpu();

function check(image: number[][], size: number, stride: number, mode: "max" | "avg"): void {
  const expected = tf.tidy(() => {
    const pool = mode === "max" ? tf.maxPool : tf.avgPool;
    return toMatrix(pool(image4d(image), size, stride, "valid"));
  });
  const call = `pool2d(a ${image.length}x${image[0].length} image, ${size}, ${stride}, "${mode}")`;
  expectArrayClose(sub.pool2d(image, size, stride, mode), expected, call);
}

graded("max pooling 2x2, stride 2 (seeded)", 2, () => {
  const rng = seededRandom(501);
  check(randomMatrix(rng, 4, 4), 2, 2, "max");
  check(randomMatrix(rng, 6, 8), 2, 2, "max");
  check(randomMatrix(rng, 5, 7), 2, 2, "max");
});

graded("average pooling 2x2, stride 2 (seeded)", 2, () => {
  const rng = seededRandom(502);
  check(randomMatrix(rng, 4, 4), 2, 2, "avg");
  check(randomMatrix(rng, 6, 8), 2, 2, "avg");
  check(randomMatrix(rng, 5, 7), 2, 2, "avg");
});

graded("overlapping 3x3 windows with stride 2, and stride 1", 2, () => {
  const rng = seededRandom(503);
  for (const mode of ["max", "avg"] as const) {
    check(randomMatrix(rng, 7, 7), 3, 2, mode);
    check(randomMatrix(rng, 5, 6), 3, 1, mode);
  }
});

graded("max pooling of negative values", 1, () => {
  const rng = seededRandom(504);
  check(randomMatrix(rng, 4, 6).map((r) => r.map((v) => -Math.abs(v) - 1)), 2, 2, "max");
});

graded("random windows and strides (seeded)", 1, () => {
  const rng = seededRandom(505);
  for (let i = 0; i < 6; i++) {
    const size = randomInt(rng, 1, 3);
    check(randomMatrix(rng, randomInt(rng, size, 8), randomInt(rng, size, 8)), size, randomInt(rng, 1, 3), rng() < 0.5 ? "max" : "avg");
  }
});
