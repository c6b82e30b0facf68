// Layer 'nn' (being written).
export {};
export * from "./filters";
export * from "./animation";
export * from "./arithmetic";
export * from "./receptive-field";
export * from "./reference-tensor";
export * from "./reference-conv";
export * from "./reference-pool";
export * from "./dilated-conv";
export * from "./grouped-conv";
export * from "./layer-table";
export * from "./reference-separable";
