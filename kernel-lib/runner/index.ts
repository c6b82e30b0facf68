// Layer 'runner' (being written).
export {};
