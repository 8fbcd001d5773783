// Concatenates tables with the same columns into one: the "pooled" data a central baseline trains on.
import { MedflError } from '../common/MedflError.ts';
import { columns, type TabularDataset } from './tabular.ts';

export function poolDatasets(datasets: readonly TabularDataset[]): TabularDataset {
  const first = datasets[0];
  if (!first) throw new MedflError('DATASET_UNSUPPORTED', 'there is no data set to pool');
  const width = columns(first);
  const names = first.featureNames.join(',');
  if (datasets.some((dataset) => dataset.featureNames.join(',') !== names)) {
    throw new MedflError('DATASET_UNSUPPORTED', 'the sites do not share the same feature columns, so they cannot be pooled');
  }
  const rows = datasets.reduce((sum, dataset) => sum + dataset.rows, 0);
  const features = new Float32Array(rows * width);
  const labels = new Float32Array(rows);
  let offset = 0;
  for (const dataset of datasets) {
    features.set(dataset.features, offset * width);
    labels.set(dataset.labels, offset);
    offset += dataset.rows;
  }
  return { featureNames: first.featureNames, features, labels, rows };
}
