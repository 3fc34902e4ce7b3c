import { multiplyDense, multiplyTransposedDense, type SparseMatrix } from './sparse-matrix';

/** Deterministic xorshift generator, so the same corpus always yields the same embedding space. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296 - 0.5;
  };
}

/**
 * Orthonormalises the columns of `matrix` (`rows × width`, row-major) in place by Cholesky QR:
 * G = YᵀY = RᵀR, Y ← Y R⁻¹. Columns that are numerically dependent become zero.
 */
export function orthonormalizeColumns(matrix: Float64Array, rows: number, width: number): void {
  const gram = new Float64Array(width * width);
  for (let row = 0; row < rows; row += 1) {
    const offset = row * width;
    for (let left = 0; left < width; left += 1) {
      const value = matrix[offset + left];
      if (value === 0) continue;
      const gramRow = left * width;
      for (let right = left; right < width; right += 1)
        gram[gramRow + right] += value * matrix[offset + right];
    }
  }
  const upper = new Float64Array(width * width);
  let largest = 0;
  for (let column = 0; column < width; column += 1)
    largest = Math.max(largest, gram[column * width + column]);
  const tolerance = largest * 1e-12;
  const live = new Uint8Array(width);
  for (let column = 0; column < width; column += 1) {
    let diagonal = gram[column * width + column];
    for (let k = 0; k < column; k += 1) diagonal -= upper[k * width + column] ** 2;
    if (diagonal <= tolerance) continue;
    live[column] = 1;
    const pivot = Math.sqrt(diagonal);
    upper[column * width + column] = pivot;
    for (let next = column + 1; next < width; next += 1) {
      let value = gram[column * width + next];
      for (let k = 0; k < column; k += 1) value -= upper[k * width + column] * upper[k * width + next];
      upper[column * width + next] = value / pivot;
    }
  }
  const solved = new Float64Array(width);
  for (let row = 0; row < rows; row += 1) {
    const offset = row * width;
    for (let column = 0; column < width; column += 1) {
      if (!live[column]) {
        solved[column] = 0;
        continue;
      }
      let value = matrix[offset + column];
      for (let k = 0; k < column; k += 1) value -= solved[k] * upper[k * width + column];
      solved[column] = value / upper[column * width + column];
    }
    matrix.set(solved, offset);
  }
}

/** Eigen-decomposition of a symmetric `size × size` matrix by cyclic Jacobi rotations. */
export function symmetricEigen(
  input: Float64Array,
  size: number,
): { values: Float64Array; vectors: Float64Array } {
  const matrix = Float64Array.from(input);
  const vectors = new Float64Array(size * size);
  for (let index = 0; index < size; index += 1) vectors[index * size + index] = 1;
  let scale = 0;
  for (const value of matrix) scale += value * value;
  for (let sweep = 0; sweep < 50; sweep += 1) {
    let offDiagonal = 0;
    for (let p = 0; p < size; p += 1)
      for (let q = p + 1; q < size; q += 1) offDiagonal += matrix[p * size + q] ** 2;
    if (offDiagonal <= scale * 1e-22) break;
    for (let p = 0; p < size; p += 1) {
      for (let q = p + 1; q < size; q += 1) {
        const pq = matrix[p * size + q];
        if (pq === 0) continue;
        const theta = (matrix[q * size + q] - matrix[p * size + p]) / (2 * pq);
        const tangent = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cosine = 1 / Math.sqrt(tangent * tangent + 1);
        const sine = tangent * cosine;
        for (let k = 0; k < size; k += 1) {
          const kp = matrix[k * size + p];
          const kq = matrix[k * size + q];
          matrix[k * size + p] = cosine * kp - sine * kq;
          matrix[k * size + q] = sine * kp + cosine * kq;
        }
        for (let k = 0; k < size; k += 1) {
          const pk = matrix[p * size + k];
          const qk = matrix[q * size + k];
          matrix[p * size + k] = cosine * pk - sine * qk;
          matrix[q * size + k] = sine * pk + cosine * qk;
        }
        for (let k = 0; k < size; k += 1) {
          const kp = vectors[k * size + p];
          const kq = vectors[k * size + q];
          vectors[k * size + p] = cosine * kp - sine * kq;
          vectors[k * size + q] = sine * kp + cosine * kq;
        }
      }
    }
  }
  const values = new Float64Array(size);
  for (let index = 0; index < size; index += 1) values[index] = matrix[index * size + index];
  return { values, vectors };
}

export interface SvdOptions {
  rank: number;
  oversample?: number;
  powerIterations?: number;
  seed?: number;
  signal?: AbortSignal;
}

/**
 * Top right singular vectors of a sparse matrix by randomized SVD (Halko, Martinsson and
 * Tropp 2011): a random sketch of the row space, refined by power iterations, then an exact
 * eigen-decomposition of the small projected problem. Returns V as `columns × rank`
 * (row-major); columns beyond the matrix's rank are zero.
 */
export function truncatedSvd(
  matrix: SparseMatrix,
  options: SvdOptions,
): { vectors: Float64Array; values: number[] } {
  const { rank, oversample = 16, powerIterations = 2, seed = 42, signal } = options;
  const width = Math.max(1, Math.min(rank + oversample, matrix.rows, matrix.columns));
  const random = seededRandom(seed);
  const sketch = new Float64Array(matrix.rows * width);
  for (let index = 0; index < sketch.length; index += 1) sketch[index] = random();

  let basis = multiplyTransposedDense(matrix, sketch, width);
  orthonormalizeColumns(basis, matrix.columns, width);
  for (let iteration = 0; iteration < powerIterations; iteration += 1) {
    signal?.throwIfAborted();
    basis = multiplyTransposedDense(matrix, multiplyDense(matrix, basis, width), width);
    orthonormalizeColumns(basis, matrix.columns, width);
  }
  signal?.throwIfAborted();

  // B = A·Q is rows × width; BᵀB = W S² Wᵀ gives V = Q·W.
  const projected = multiplyDense(matrix, basis, width);
  const gram = new Float64Array(width * width);
  for (let row = 0; row < matrix.rows; row += 1) {
    const offset = row * width;
    for (let left = 0; left < width; left += 1) {
      const value = projected[offset + left];
      if (value === 0) continue;
      for (let right = left; right < width; right += 1)
        gram[left * width + right] += value * projected[offset + right];
    }
  }
  for (let left = 0; left < width; left += 1)
    for (let right = 0; right < left; right += 1) gram[left * width + right] = gram[right * width + left];
  const eigen = symmetricEigen(gram, width);
  const order = [...eigen.values.keys()].sort((left, right) => eigen.values[right] - eigen.values[left]);
  const kept = order.slice(0, Math.min(rank, width));

  const vectors = new Float64Array(matrix.columns * rank);
  for (let term = 0; term < matrix.columns; term += 1) {
    const basisRow = term * width;
    for (let component = 0; component < kept.length; component += 1) {
      const eigenColumn = kept[component];
      let value = 0;
      for (let k = 0; k < width; k += 1)
        value += basis[basisRow + k] * eigen.vectors[k * width + eigenColumn];
      vectors[term * rank + component] = value;
    }
  }
  return { vectors, values: kept.map((index) => Math.sqrt(Math.max(eigen.values[index], 0))) };
}
