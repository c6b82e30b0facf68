// The lecture's five LeNet / MLP configurations (lecture 000, "MLP vs CNN"), by name, with the
// parameter counts the slides state, so notebooks can compare them with the built models' counts.
import type * as tf from "@tensorflow/tfjs";
import { lenet5 } from "./lenet";
import { mlp } from "./mlp";

export interface LectureModel {
  name: string;
  dataset: "mnist" | "fashion-mnist" | "cifar10";
  /** The parameter count printed on the slide. */
  lectureParams: number;
  build(seed?: number): tf.Sequential;
}

export const LECTURE_MODELS: readonly LectureModel[] = [
  { name: "MLP 784-128-64-10", dataset: "mnist", lectureParams: 109_386, build: (seed) => mlp({ inputShape: [28, 28, 1], hidden: [128, 64], seed }) },
  { name: "LeNet-5, 28x28 padded to 32x32", dataset: "mnist", lectureParams: 61_706, build: (seed) => lenet5({ inputShape: [28, 28, 1], firstPadding: "same", seed }) },
  { name: "LeNet-5, 28x28 unpadded", dataset: "fashion-mnist", lectureParams: 44_426, build: (seed) => lenet5({ inputShape: [28, 28, 1], firstPadding: "valid", seed }) },
  { name: "LeNet-5, 32x32x3", dataset: "cifar10", lectureParams: 62_006, build: (seed) => lenet5({ inputShape: [32, 32, 3], seed }) },
  { name: "MLP 3072-1536-768-384-128-10", dataset: "cifar10", lectureParams: 6_246_410, build: (seed) => mlp({ inputShape: [32, 32, 3], hidden: [1536, 768, 384, 128], seed }) },
];
