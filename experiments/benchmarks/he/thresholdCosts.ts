// The threshold codec's own costs for `npm run bench -- he`: per model size, one site's encrypt, one decryption
// share, the opening and the bytes of each; per consortium size (4, 16, 64 sites, t = ⌊N/2⌋+1), what a site sends
// and computes beyond today's codec: its key shares at setup, its decryption share, and the coordinator's share fold.
import { wireCiphertextBytes } from '../../../common/he/wireCiphertext.ts';
import { createPolynomialSum } from '../../../common/he/threshold/createPolynomialSum.ts';
import { createThresholdCodec, type ThresholdCodec } from '../../../common/he/threshold/createThresholdCodec.ts';
import { addShares } from '../../../common/he/threshold/shamir.ts';
import type { ThresholdSession } from '../../../common/he/threshold/thresholdSession.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import type { BenchRow } from '../../benchResults.ts';
import { BENCH_PLAN } from './BenchCodec.ts';
import { BENCH_ATTEMPT, BENCH_MASK_KEY, BENCH_THRESHOLD, thresholdParameters } from './thresholdCodec.ts';

export const REPEATS = 5;

interface Spread {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly cpuMs: number;
}

/** Median, min and max wall ms over REPEATS runs of `work`, and the median CPU ms (user + system) of this process. */
async function timed(work: () => unknown | Promise<unknown>): Promise<Spread> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await work();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? NaN;
  const ms = (value: number) => Number(value.toFixed(1));
  return { medianMs: ms(median(walls)), minMs: ms(sorted(walls)[0] ?? NaN), maxMs: ms(sorted(walls).at(-1) ?? NaN), cpuMs: ms(median(cpus)) };
}

const spreadOf = (name: string, spread: Spread): BenchRow => ({
  [`${name}Ms`]: spread.medianMs, [`${name}MinMs`]: spread.minMs, [`${name}MaxMs`]: spread.maxMs, [`${name}CpuMs`]: spread.cpuMs,
});

/** One site of a consortium of `sites`, its session (it decrypts, and is the masker) and a key-share sum to decrypt with. */
async function oneSite(parameterCount: number, sites: number, threshold: number) {
  const params = thresholdParameters(parameterCount, sites, threshold);
  const codec: ThresholdCodec = await createThresholdCodec(params, new Uint8Array(32).fill(1));
  const points = Array.from({ length: sites }, (_, i) => i + 1);
  const session: ThresholdSession = { attempt: BENCH_ATTEMPT, contributors: points, decryptors: points.slice(0, threshold) };
  // Only the cost matters here, so the site's own share stands in for every contributor's share it would receive.
  const ownShare = codec.shareKey(points)[0]!;
  return { params, codec, points, session, shares: points.map(() => ownShare) };
}

/** Upload, share and open costs at one model size, for the parameters of the he bench's threshold rows. */
export async function thresholdSizeRow(parameterCount: number): Promise<BenchRow> {
  const { params, codec, session, shares } = await oneSite(parameterCount, BENCH_PLAN.maxSites, BENCH_THRESHOLD);
  try {
    const random = seededRandom(1, 'bench-he-threshold', String(parameterCount));
    const update = Float32Array.from({ length: parameterCount }, () => (random.float() - 0.5) * 0.2);
    const keyShareSum = addShares(shares, codec.prime);
    const request = { session, point: 1, keyShareSum, maskKey: BENCH_MASK_KEY };
    const chunks = [...codec.encryptUpdate(update, 100, BENCH_ATTEMPT)];
    const share = [...codec.decryptionShare(request)];
    const uploadBytes = chunks.reduce((a, c) => a + c.length, 0);
    return {
      table: `threshold per model size (plan of ${BENCH_PLAN.maxSites} sites, t = ${BENCH_THRESHOLD})`, params: parameterCount, N: params.polyModulusDegree, primeBits: params.primeBits,
      uploadBytesPerParam: Number((uploadBytes / parameterCount).toFixed(3)), uploadRatioFp32: Number((uploadBytes / (4 * parameterCount)).toFixed(3)),
      shareBytes: share.reduce((a, c) => a + c.length, 0),
      ...spreadOf('encrypt', await timed(() => [...codec.encryptUpdate(update, 100, BENCH_ATTEMPT)])),
      ...spreadOf('share', await timed(() => [...codec.decryptionShare(request)])),
      ...spreadOf('open', await timed(() => codec.openAggregate({ session, aggregateChunks: chunks, shareSumChunks: share, maskKey: BENCH_MASK_KEY, totalExamples: 100 }))),
    };
  } finally {
    codec.dispose();
  }
}

/** What one site adds per consortium size at `parameterCount` parameters, t = ⌊sites/2⌋+1. */
export async function thresholdSiteRow(sites: number, parameterCount: number): Promise<BenchRow> {
  const threshold = Math.floor(sites / 2) + 1;
  const { params, codec, points, session, shares } = await oneSite(parameterCount, sites, threshold);
  try {
    const keyShareSum = addShares(shares, codec.prime);
    const share = [...codec.decryptionShare({ session, point: 1, keyShareSum, maskKey: BENCH_MASK_KEY })];
    const shareSum = async () => {
      const sum = await createPolynomialSum(params, threshold);
      const start = performance.now();
      for (let j = 0; j < threshold; j++) sum.fold(share);
      return performance.now() - start;
    };
    const foldMs: number[] = [];
    for (let i = 0; i < REPEATS; i++) foldMs.push(await shareSum());
    foldMs.sort((a, b) => a - b);
    return {
      table: `threshold per site (${parameterCount} parameters)`, sites, threshold, N: params.polyModulusDegree, primeBits: params.primeBits,
      // One key share (N words, sent as 8-byte residues) to each other site, once per run.
      setupMessagesSent: sites - 1, setupBytesSent: (sites - 1) * 8 * params.polyModulusDegree,
      ...spreadOf('shareKey', await timed(() => codec.shareKey(points))),
      ...spreadOf('keyShareSum', await timed(() => addShares(shares, codec.prime))),
      roundMessagesPerDecryptor: 1, shareBytes: share.reduce((a, c) => a + c.length, 0),
      uploadBytes: params.chunkCount * wireCiphertextBytes(params, 'crs'),
      ...spreadOf('share', await timed(() => [...codec.decryptionShare({ session, point: 1, keyShareSum, maskKey: BENCH_MASK_KEY })])),
      coordinatorShareFoldMs: Number((foldMs[Math.floor(REPEATS / 2)] ?? NaN).toFixed(1)),
    };
  } finally {
    codec.dispose();
  }
}
