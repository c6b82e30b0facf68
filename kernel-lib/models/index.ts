// Layer 'models' (being written).
export {};
