// Layer 'data': the course's datasets (MNIST, Fashion-MNIST, CIFAR-10), their sources and
// checks, seeded batches and augmentation, and photos for the notebooks.
export { CATALOG, DATASET_NAMES, SPLITS, datasetSpec, type DatasetName, type DatasetSpec, type Split } from "./catalog";
export { Dataset, type Augment, type Batch, type BatchOptions, type SourceReport } from "./dataset";
export { CacheNotWritableError, DataFileError } from "./errors";
export { fetchDataset, type FetchOptions } from "./fetch";
export { parseIdx, readIdx, encodeIdx } from "./idx";
export { decodeCifarBatch, encodeCifarBatch } from "./cifar-binary";
export { load, type LoadOptions } from "./load";
export { Rng, permutation } from "./random";
export { availableDatasets, resolveSource, type Availability, type ResolveOptions } from "./resolve";
export { SOURCE_ORDER, type SourceKind } from "./sources";
export * as augment from "./augment";
export { readImage, samplePhotos, type Photo } from "./image";
