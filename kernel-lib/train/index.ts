// Layer 'train' (being written).
export {};
