import { describe, expect, it } from "vitest";
import { separateKernel, singularValues } from "../../kernel-lib/nn/reference-separable";

describe("separateKernel", () => {
  it("splits Sobel into [1 2 1]^T x [-1 0 1] (lecture 000)", () => {
    const s = separateKernel([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]);
    expect(s.separable).toBe(true);
    expect(s.column).toEqual([1, 2, 1]);
    expect(s.row).toEqual([-1, 0, 1]);
    expect(s.residual).toBeLessThan(1e-9);
  });

  it("finds the blurs separable and the Laplacians and sharpen not", () => {
    const gauss = separateKernel([[1, 2, 1], [2, 4, 2], [1, 2, 1]]);
    expect([gauss.separable, gauss.column, gauss.row]).toEqual([true, [1, 2, 1], [1, 2, 1]]);
    expect(separateKernel([[1, 1, 1], [1, 1, 1], [1, 1, 1]]).separable).toBe(true);
    for (const k of [[[0, 1, 0], [1, -4, 1], [0, 1, 0]], [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]]) {
      const s = separateKernel(k);
      expect(s.separable).toBe(false);
      expect(s.residual).toBeGreaterThan(0.1);
    }
  });

  it("handles rectangular, zero and rank-1-with-leading-zero kernels", () => {
    const s = separateKernel([[0, 0], [2, 4], [3, 6]]);
    expect([s.separable, s.column, s.row]).toEqual([true, [0, 1, 1.5], [2, 4]]);
    expect(separateKernel([[0, 0], [0, 0]])).toMatchObject({ separable: true, residual: 0 });
  });
});

describe("singularValues", () => {
  it("matches known decompositions", () => {
    expect(singularValues([[3, 0], [0, -2]]).values.map((v) => Number(v.toFixed(9)))).toEqual([3, 2]);
    // [[1, 1], [1, 1]] has singular values 2 and 0.
    const [a, b] = singularValues([[1, 1], [1, 1]]).values;
    expect(a).toBeCloseTo(2, 9);
    expect(b).toBeCloseTo(0, 6);
    // Frobenius norm^2 = sum of squared singular values.
    const m = [[1, 2, 3], [4, 5, 6], [7, 8, 10]];
    const sum = singularValues(m).values.reduce((s, v) => s + v * v, 0);
    expect(sum).toBeCloseTo(m.flat().reduce((s, v) => s + v * v, 0), 8);
    expect(() => singularValues([[1, 2], [3]])).toThrow(/rectangular/);
  });
});
