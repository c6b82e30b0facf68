// Layer 'data' (being written).
export {};
