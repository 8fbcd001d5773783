import { describe, expect, it } from 'vitest';
import { FeatureTable } from '../../../datasets/fhir/FeatureTable.ts';

describe('FeatureTable', () => {
  it('keeps rows and labels in order across chunk boundaries and assembles an exact dataset', () => {
    const table = new FeatureTable(3);
    const rows = 20_000;
    for (let r = 0; r < rows; r++) table.addRow([r, r + 0.5, -r], r % 7 === 0 ? 1 : 0);
    expect(Array.from(table.row(8192))).toEqual([8192, 8192.5, -8192]);
    const dataset = table.toDataset(['a', 'b', 'c']);
    expect(dataset.rows).toBe(rows);
    expect(dataset.features).toHaveLength(rows * 3);
    expect(Array.from(dataset.features.subarray(3 * 19_999))).toEqual([19_999, 19_999.5, -19_999]);
    expect(Array.from(dataset.features.subarray(3 * 8191, 3 * 8193))).toEqual([8191, 8191.5, -8191, 8192, 8192.5, -8192]);
    expect(dataset.labels.reduce((s, y) => s + y, 0)).toBe(Math.ceil(rows / 7));
  });
});
