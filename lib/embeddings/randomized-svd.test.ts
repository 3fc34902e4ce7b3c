import { describe, expect, it } from 'vitest';
import { orthonormalizeColumns, symmetricEigen, truncatedSvd } from './randomized-svd';
import { multiplyDense, multiplyTransposedDense, toSparseMatrix } from './sparse-matrix';

describe('sparse matrix products', () => {
  it('multiply by a dense matrix and by its transpose', () => {
    // A = [[1, 0, 2], [0, 3, 0]]
    const matrix = toSparseMatrix(
      [
        new Map([
          [0, 1],
          [2, 2],
        ]),
        new Map([[1, 3]]),
      ],
      3,
    );
    expect(Array.from(multiplyDense(matrix, Float64Array.from([1, 1, 1]), 1))).toEqual([3, 3]);
    expect(Array.from(multiplyTransposedDense(matrix, Float64Array.from([1, 2]), 1))).toEqual([1, 6, 2]);
  });
});

describe('orthonormalizeColumns', () => {
  it('makes columns orthonormal and zeroes dependent ones', () => {
    // Columns: (1,1,0), (2,2,0) (dependent), (1,0,1)
    const matrix = Float64Array.from([1, 2, 1, 1, 2, 0, 0, 0, 1]);
    orthonormalizeColumns(matrix, 3, 3);
    const column = (index: number) => [matrix[index], matrix[3 + index], matrix[6 + index]];
    const dot = (left: number[], right: number[]) =>
      left.reduce((sum, value, index) => sum + value * right[index], 0);
    expect(dot(column(0), column(0))).toBeCloseTo(1);
    expect(dot(column(2), column(2))).toBeCloseTo(1);
    expect(dot(column(0), column(2))).toBeCloseTo(0);
    expect(column(1)).toEqual([0, 0, 0]);
  });
});

describe('symmetricEigen', () => {
  it('finds eigenvalues and eigenvectors', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1), expect.closeTo(3)]);
    const top = values[0] > values[1] ? 0 : 1;
    expect(Math.abs(vectors[top])).toBeCloseTo(Math.SQRT1_2);
    expect(Math.abs(vectors[2 + top])).toBeCloseTo(Math.SQRT1_2);
  });
});

describe('truncatedSvd', () => {
  it('recovers the dominant right singular vectors of a low-rank matrix', () => {
    // Rows mix two topics: terms 0-2 and terms 3-5, with the first topic much stronger.
    const rows = Array.from({ length: 40 }, (_, row) =>
      row % 2 === 0
        ? new Map([
            [0, 3],
            [1, 3],
            [2, 3],
          ])
        : new Map([
            [3, 1],
            [4, 1],
            [5, 1],
          ]),
    );
    const { vectors, values } = truncatedSvd(toSparseMatrix(rows, 6), { rank: 2, oversample: 2 });
    expect(values[0]).toBeGreaterThan(values[1]);
    const first = [0, 1, 2, 3, 4, 5].map((term) => Math.abs(vectors[term * 2]));
    expect(first.slice(0, 3).every((value) => value > 0.5)).toBe(true);
    expect(first.slice(3).every((value) => value < 1e-6)).toBe(true);
  });

  it('is deterministic for the same input', () => {
    const rows = Array.from(
      { length: 30 },
      (_, row) =>
        new Map([
          [row % 7, 1],
          [(row * 3) % 11, 2],
        ]),
    );
    const matrix = toSparseMatrix(rows, 11);
    expect(truncatedSvd(matrix, { rank: 4 }).vectors).toEqual(truncatedSvd(matrix, { rank: 4 }).vectors);
  });
});
