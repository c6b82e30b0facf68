// Layer 'display' (being written).
export {};
