// Layer 'models' (being written).
export {};
export * from "./lenet";
export * from "./mlp";
export * from "./registry";
export * from "./specs";
