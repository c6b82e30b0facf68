// Photos for the notebooks: decoding a JPEG or PNG file into a float32 [H, W, 3] tensor in
// [0, 1], and the real photographs this machine has (Debian packages) plus the committed one.
import * as fs from "fs";
import * as path from "path";
import * as jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { tf } from "../backend";
import { DataFileError, errorCode } from "./errors";
import { fixturesDir } from "./paths";

function decode(file: string, bytes: Buffer): { width: number; height: number; rgba: Uint8Array } {
  const isPng = bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47;
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!isPng && !isJpeg) throw new DataFileError(file, `not a PNG or JPEG file (starts with ${bytes.subarray(0, 4).toString("hex") || "nothing"})`);
  try {
    if (isPng) {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, rgba: png.data };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return { width: img.width, height: img.height, rgba: img.data };
  } catch (err) {
    throw new DataFileError(file, `corrupt ${isPng ? "PNG" : "JPEG"} data (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** A JPEG or PNG file as a float32 [H, W, 3] tensor in [0, 1] (alpha dropped). The caller disposes it. */
export function readImage(file: string): tf.Tensor3D {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new DataFileError(file, `cannot read (${errorCode(err)})`);
  }
  const { width, height, rgba } = decode(file, bytes);
  const out = new Float32Array(width * height * 3);
  for (let p = 0, q = 0; p < width * height; p++, q += 4) {
    out[3 * p] = rgba[q] / 255;
    out[3 * p + 1] = rgba[q + 1] / 255;
    out[3 * p + 2] = rgba[q + 2] / 255;
  }
  return tf.tensor3d(out, [height, width, 3]);
}

export interface Photo {
  /** Short name: "dog", "chelsea", ... */
  name: string;
  path: string;
  /** Where it comes from: the Debian package, or "cnn-lab fixtures". */
  source: string;
  licence: string;
}

const DARKNET = "/usr/share/darknet/data";
const SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data";
const SKLEARN = "/usr/lib/python3/dist-packages/sklearn/datasets/images";

/** The photos known to exist in Debian packages (with each package's stated terms). */
const KNOWN: Photo[] = [
  ...["dog", "eagle", "giraffe", "horses", "kite", "person"].map((n) => ({ name: n, path: path.join(DARKNET, `${n}.jpg`), source: "Debian package darknet", licence: "as shipped with darknet (see /usr/share/doc/darknet/copyright)" })),
  { name: "astronaut", path: path.join(SKIMAGE, "astronaut.png"), source: "Debian package python3-skimage", licence: "public domain (NASA)" },
  { name: "coffee", path: path.join(SKIMAGE, "coffee.png"), source: "Debian package python3-skimage", licence: "CC0 (Rachel Michetti)" },
  { name: "rocket", path: path.join(SKIMAGE, "rocket.jpg"), source: "Debian package python3-skimage", licence: "public domain (SpaceX)" },
  { name: "china", path: path.join(SKLEARN, "china.jpg"), source: "Debian package python3-sklearn", licence: "as shipped with scikit-learn (see /usr/share/doc/python3-sklearn/copyright)" },
  { name: "flower", path: path.join(SKLEARN, "flower.jpg"), source: "Debian package python3-sklearn", licence: "as shipped with scikit-learn (see /usr/share/doc/python3-sklearn/copyright)" },
];

/** Real photographs present on this machine; the committed one (chelsea, CC0) is always there. */
export function samplePhotos(): Photo[] {
  const committed: Photo = { name: "chelsea", path: path.join(fixturesDir(), "photos", "chelsea.png"), source: "cnn-lab fixtures (from Debian python3-skimage)", licence: "CC0 (Stefan van der Walt)" };
  return [committed, ...KNOWN.filter((p) => fs.existsSync(p.path))];
}
