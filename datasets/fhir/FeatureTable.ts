// Rows of window features as they are produced, in a growable Float32 buffer, with label and patient per row.

export class FeatureTable {
  private data: Float32Array;
  private rowCount = 0;
  readonly labels: number[] = [];
  /** Index of each row's patient in the import's patient order; the train/test split is by patient. */
  readonly patientOfRow: number[] = [];

  constructor(readonly width: number) {
    this.data = new Float32Array(width * 256);
  }

  get rows(): number {
    return this.rowCount;
  }

  addRow(values: readonly number[], label: number, patient: number): void {
    if ((this.rowCount + 1) * this.width > this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values, this.rowCount * this.width);
    this.labels.push(label);
    this.patientOfRow.push(patient);
    this.rowCount += 1;
  }

  row(index: number): Float32Array {
    return this.data.subarray(index * this.width, (index + 1) * this.width);
  }
}
