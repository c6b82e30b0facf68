// Layer 'nn' (being written).
export {};
export * from "./filters";
