// Layer 'grade' (being written).
export {};
