// Is a 2D kernel spatially separable? Lecture 000: an N x N kernel splits into N x 1 and 1 x N
// kernels exactly when it is a rank-1 matrix (Sobel: [1 2 1]^T [-1 0 1]). The test is the
// singular value decomposition: rank 1 <=> only the first singular value is non-zero, and then
// K = s1 u1 v1^T gives the column and the row. Plain loops (Jacobi rotations), for small kernels.

type Matrix = readonly (readonly number[])[];

/** Eigenvalues and eigenvectors (columns of `vectors`) of a small symmetric matrix, by Jacobi sweeps. */
function symmetricEigen(a: Matrix): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = a.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p][q]) < 1e-300) continue;
        // The rotation angle that zeroes m[p][q].
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: m.map((row, i) => row[i]), vectors: v };
}

function checkMatrix(k: Matrix, what: string): void {
  if (k.length === 0 || k.some((r) => r.length !== k[0].length || r.some((x) => !Number.isFinite(x)))) {
    throw new Error(`${what}: expects a non-empty rectangular matrix of finite numbers`);
  }
}

export interface SvdResult {
  /** Singular values, largest first. */
  values: number[];
  /** Right singular vectors v_i (length = columns), in the same order. */
  right: number[][];
}

/** Singular values and right singular vectors of a small matrix (eigen-decomposition of K^T K). */
export function singularValues(k: Matrix): SvdResult {
  checkMatrix(k, "singularValues");
  const cols = k[0].length;
  const ktk = Array.from({ length: cols }, (_, i) => Array.from({ length: cols }, (_, j) => k.reduce((s, row) => s + row[i] * row[j], 0)));
  const { values, vectors } = symmetricEigen(ktk);
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  return {
    values: order.map((i) => Math.sqrt(Math.max(values[i], 0))),
    right: order.map((i) => vectors.map((row) => row[i])),
  };
}

export interface KernelSplit {
  /** True when the second singular value is negligible (relative to the first): the kernel is column x row. */
  separable: boolean;
  singularValues: number[];
  /** The N x 1 kernel, scaled so its first non-zero entry is 1. */
  column: number[];
  /** The 1 x N kernel; column[i] * row[j] rebuilds the kernel when separable. */
  row: number[];
  /** Largest |K - column row^T| entry: 0 (to rounding) exactly when separable. */
  residual: number;
}

/**
 * Splits a kernel into its best rank-1 approximation column x row (the first singular triple),
 * scaled so that the column's first non-zero entry is 1 (Sobel x gives [1, 2, 1] and [-1, 0, 1]).
 */
export function separateKernel(kernel: Matrix, tolerance = 1e-6): KernelSplit {
  const svd = singularValues(kernel);
  const [s1] = svd.values;
  if (s1 === 0) {
    const zeros = (n: number) => new Array<number>(n).fill(0);
    return { separable: true, singularValues: svd.values, column: zeros(kernel.length), row: zeros(kernel[0].length), residual: 0 };
  }
  const v1 = svd.right[0];
  const u1 = kernel.map((r) => r.reduce((s, x, j) => s + x * v1[j], 0) / s1);
  const lead = u1.find((x) => Math.abs(x) > 1e-9 * Math.max(...u1.map(Math.abs))) ?? 1;
  const column = u1.map((x) => clean(x / lead));
  const row = v1.map((x) => clean(x * s1 * lead));
  let residual = 0;
  kernel.forEach((r, i) => r.forEach((x, j) => (residual = Math.max(residual, Math.abs(x - column[i] * row[j])))));
  const separable = svd.values.length < 2 || svd.values[1] <= tolerance * s1;
  return { separable, singularValues: svd.values, column, row, residual };
}

/** Rounds away floating-point dust (1.0000000000000002 -> 1) so split kernels print as the lecture writes them. */
function clean(x: number): number {
  const r = Math.round(x * 1e9) / 1e9;
  return Object.is(r, -0) ? 0 : r;
}
