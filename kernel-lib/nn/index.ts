// Layer 'nn' (being written).
export {};
export * from "./filters";
export * from "./arithmetic";
export * from "./receptive-field";
