// Layer 'train': fit, evaluate, schedules, checkpoints, and the monitor interface display implements.
export * from "./fit";
export * from "./evaluate";
export * from "./monitor";
export * from "./schedules";
export * from "./optimizers";
export * from "./checkpoint";
export { historyFrame } from "./history";
export type { LabeledData, LabeledTensors } from "./labeled-data";
