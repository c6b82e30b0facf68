// Layer 'nn' (being written).
export {};
