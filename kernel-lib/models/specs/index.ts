// Architectures from the lectures' tables as plain layer specs (lab.nn.layerTable counts them).
export * from "./alexnet";
export * from "./vgg16";
export * from "./googlenet";
export * from "./example1";
