// The in-memory training table every loader produces and every trainer consumes.

/** Row-major features with binary labels; `featureNames.length` columns. */
export interface TabularDataset {
  readonly featureNames: readonly string[];
  readonly features: Float32Array;
  readonly labels: Float32Array;
  readonly rows: number;
}

/** One site's (hospital's, centre's) train/test split, ready for local training. */
export interface SiteSplit {
  readonly site: string;
  readonly train: TabularDataset;
  readonly test: TabularDataset;
  /** The train split's column means and spreads both splits were standardised with (FHIR sites; the UCI data has none). */
  readonly standardisation?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** Ids of the patients whose rows are in `train` (FHIR data only): what a site's consent root commits to. */
  readonly trainPatients?: readonly string[];
}

/** Column count of a dataset. */
export function columns(dataset: TabularDataset): number {
  return dataset.featureNames.length;
}
