// Rows of window features as they are produced, with a label per row. Rows go into fixed-size chunks, so growing
// never copies; the dataset is assembled once at the end.
import type { TabularDataset } from '../tabular.ts';

const CHUNK_ROWS = 8192;

export class FeatureTable {
  private readonly chunks: Float32Array[] = [];
  private rowCount = 0;
  readonly labels: number[] = [];

  constructor(readonly width: number) {}

  get rows(): number {
    return this.rowCount;
  }

  addRow(values: readonly number[], label: number): void {
    const offset = this.rowCount % CHUNK_ROWS;
    if (offset === 0) this.chunks.push(new Float32Array(CHUNK_ROWS * this.width));
    this.chunks[this.chunks.length - 1]?.set(values, offset * this.width);
    this.labels.push(label);
    this.rowCount += 1;
  }

  row(index: number): Float32Array {
    const chunk = this.chunks[Math.floor(index / CHUNK_ROWS)] ?? new Float32Array(0);
    const offset = (index % CHUNK_ROWS) * this.width;
    return chunk.subarray(offset, offset + this.width);
  }

  /** The rows as a dataset with exactly-sized arrays; the table's chunks are released. */
  toDataset(featureNames: readonly string[]): TabularDataset {
    const features = new Float32Array(this.rowCount * this.width);
    this.chunks.forEach((chunk, i) => {
      const start = i * CHUNK_ROWS * this.width;
      features.set(chunk.subarray(0, Math.min(chunk.length, features.length - start)), start);
    });
    this.chunks.length = 0;
    return { featureNames, features, labels: Float32Array.from(this.labels), rows: this.rowCount };
  }
}
