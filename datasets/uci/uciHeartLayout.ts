// The layout of UCI Heart Disease as FLamby's Fed-Heart-Disease uses it: four centres, 13 features, binary label.

/** The 14 columns of the processed.*.data files, in file order (see heart-disease.names). */
export const UCI_COLUMNS = ['age', 'sex', 'cp', 'trestbps', 'chol', 'fbs', 'restecg', 'thalach', 'exang', 'oldpeak', 'slope', 'ca', 'thal', 'num'] as const;
export type UciColumn = (typeof UCI_COLUMNS)[number];

/** FLamby drops these three: too often missing outside Cleveland. */
export const DROPPED_COLUMNS: readonly UciColumn[] = ['slope', 'ca', 'thal'];

/** Numeric features kept as they are, in FLamby's order (pandas keeps them first, dummies after). */
export const NUMERIC_FEATURES = ['age', 'sex', 'trestbps', 'chol', 'fbs', 'thalach', 'exang', 'oldpeak'] as const;

/** One-hot columns without the first level (pandas get_dummies drop_first=True). */
export const ONE_HOT = [
  { column: 'cp', levels: [1, 2, 3, 4] },
  { column: 'restecg', levels: [0, 1, 2] },
] as const;

export const UCI_FEATURES: readonly string[] = [
  ...NUMERIC_FEATURES,
  ...ONE_HOT.flatMap(({ column, levels }) => levels.slice(1).map((level) => `${column}_${level}`)),
];

export interface UciCentre {
  /** The site id medfl uses (FLamby's centre order 0..3). */
  readonly site: string;
  readonly file: string;
  /** FLamby's per-centre split after dropping incomplete rows. */
  readonly train: number;
  readonly test: number;
}

export const UCI_CENTRES: readonly UciCentre[] = [
  { site: 'cleveland', file: 'processed.cleveland.data', train: 199, test: 104 },
  { site: 'hungary', file: 'processed.hungarian.data', train: 172, test: 89 },
  { site: 'switzerland', file: 'processed.switzerland.data', train: 30, test: 16 },
  { site: 'va', file: 'processed.va.data', train: 85, test: 45 },
];

/** FLamby's train fraction (sklearn train_test_split with train_size=0.66) and its split seed. */
export const TRAIN_FRACTION = 0.66;
export const SPLIT_SEED = 43;
