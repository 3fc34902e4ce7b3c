/** A sparse matrix in compressed-row form: row r's entries are `indices/values[rowStarts[r]..rowStarts[r+1])`. */
export interface SparseMatrix {
  rows: number;
  columns: number;
  rowStarts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** Packs sparse rows (column -> value maps) into a {@link SparseMatrix}. */
export function toSparseMatrix(
  rows: ReadonlyArray<ReadonlyMap<number, number>>,
  columns: number,
): SparseMatrix {
  let nonZero = 0;
  for (const row of rows) nonZero += row.size;
  const rowStarts = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nonZero);
  const values = new Float64Array(nonZero);
  let position = 0;
  rows.forEach((row, rowIndex) => {
    for (const [column, value] of row) {
      indices[position] = column;
      values[position] = value;
      position += 1;
    }
    rowStarts[rowIndex + 1] = position;
  });
  return { rows: rows.length, columns, rowStarts, indices, values };
}

/** A × D, where D is dense `columns × width` (row-major); the result is `rows × width`. */
export function multiplyDense(matrix: SparseMatrix, dense: Float64Array, width: number): Float64Array {
  const result = new Float64Array(matrix.rows * width);
  for (let row = 0; row < matrix.rows; row += 1) {
    const out = row * width;
    for (let entry = matrix.rowStarts[row]; entry < matrix.rowStarts[row + 1]; entry += 1) {
      const value = matrix.values[entry];
      const input = matrix.indices[entry] * width;
      for (let column = 0; column < width; column += 1) result[out + column] += value * dense[input + column];
    }
  }
  return result;
}

/** Aᵀ × D, where D is dense `rows × width` (row-major); the result is `columns × width`. */
export function multiplyTransposedDense(
  matrix: SparseMatrix,
  dense: Float64Array,
  width: number,
): Float64Array {
  const result = new Float64Array(matrix.columns * width);
  for (let row = 0; row < matrix.rows; row += 1) {
    const input = row * width;
    for (let entry = matrix.rowStarts[row]; entry < matrix.rowStarts[row + 1]; entry += 1) {
      const value = matrix.values[entry];
      const out = matrix.indices[entry] * width;
      for (let column = 0; column < width; column += 1) result[out + column] += value * dense[input + column];
    }
  }
  return result;
}
