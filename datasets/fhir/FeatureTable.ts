// Rows of window features as they are produced, in a growable Float32 buffer, with a label per row.
import type { TabularDataset } from '../tabular.ts';

export class FeatureTable {
  private data: Float32Array;
  private rowCount = 0;
  readonly labels: number[] = [];

  constructor(readonly width: number) {
    this.data = new Float32Array(width * 256);
  }

  get rows(): number {
    return this.rowCount;
  }

  addRow(values: readonly number[], label: number): void {
    if ((this.rowCount + 1) * this.width > this.data.length) {
      const grown = new Float32Array(Math.ceil(this.data.length * 1.5) + this.width);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values, this.rowCount * this.width);
    this.labels.push(label);
    this.rowCount += 1;
  }

  row(index: number): Float32Array {
    return this.data.subarray(index * this.width, (index + 1) * this.width);
  }

  /** The rows as a dataset with exactly-sized arrays. */
  toDataset(featureNames: readonly string[]): TabularDataset {
    return { featureNames, features: this.data.slice(0, this.rowCount * this.width), labels: Float32Array.from(this.labels), rows: this.rowCount };
  }
}
