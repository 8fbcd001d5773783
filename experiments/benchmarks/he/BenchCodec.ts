// What `npm run bench -- he` measures of each CKKS setting: the update codec's round trip (encrypt at a site, fold at
// the coordinator, decrypt the mean), behind one interface so medfl's codec and the slot-encoder ones compare alike.

/** The plan every compared setting is sized for (the slot variant takes medfl's ring and prime from it too). */
export const BENCH_PLAN = { maxSites: 10, clipNorm: 1, maxExamples: 10_000, errorBound: 1e-6 };

export interface BenchCodec {
  /** The setting as the results table names it. */
  readonly label: string;
  encrypt(update: Float32Array, examples: number): Iterable<Uint8Array>;
  fold(chunks: readonly Uint8Array[]): void;
  decrypt(totalExamples: number): Float32Array;
  dispose(): void;
}
