// `npm run bench -- he`: the CKKS update codec (coefficient packing, one prime chosen from the plan, symmetric
// seeded encryption) next to the threshold codec (issue 15), the same ring with the slot encoder, and the common
// tutorial setting (N=8192, primes 60/40/40/60, slot encoder, public-key encryption, node-seal's default zstd), at
// 10k, 100k, 1M parameters, one process; then the threshold codec's own costs per model size and per consortium size.
import { loadavg } from 'node:os';
import { seededRandom } from '../../common/seededRandom.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';
import { BENCH_PLAN, type BenchCodec } from './he/BenchCodec.ts';
import { medflCodec } from './he/medflCodec.ts';
import { slotCodec, slotVariant, TUTORIAL } from './he/slotCodec.ts';
import { thresholdCodec } from './he/thresholdCodec.ts';
import { REPEATS, thresholdSiteRow, thresholdSizeRow } from './he/thresholdCosts.ts';

const SIZES = [10_000, 100_000, 1_000_000];
const SITES = 4; // the first fold only adopts its ciphertexts, so fold throughput is timed over the other three
const CONSORTIUM_SIZES = [4, 16, 64];

type Maker = (parameterCount: number) => Promise<BenchCodec>;

interface Trial {
  readonly setting: string;
  readonly bytes: number;
  readonly encryptMs: number;
  readonly foldMs: number;
  readonly decryptMs: number;
  readonly maxAbsError: number;
}

async function trial(make: Maker, params: number, seed: number): Promise<Trial> {
  const codec = await make(params);
  const random = seededRandom(seed, 'bench-he', String(params));
  const examples = Array.from({ length: SITES }, () => 100 + random.int(900));
  const expected = new Float64Array(params);
  let encryptMs = 0;
  let foldMs = 0;
  let bytes = 0;
  for (let site = 0; site < SITES; site++) {
    const n = examples[site] ?? 1;
    const update = Float32Array.from({ length: params }, () => (random.float() - 0.5) * 0.2);
    update.forEach((v, i) => (expected[i] = (expected[i] ?? 0) + v * n));
    let started = performance.now();
    const chunks = [...codec.encrypt(update, n)];
    encryptMs += performance.now() - started;
    bytes = chunks.reduce((a, c) => a + c.length, 0);
    started = performance.now();
    codec.fold(chunks);
    if (site > 0) foldMs += performance.now() - started;
  }
  const total = examples.reduce((a, b) => a + b, 0);
  const started = performance.now();
  const mean = codec.decrypt(total);
  const decryptMs = performance.now() - started;
  let maxAbsError = 0;
  mean.forEach((v, i) => (maxAbsError = Math.max(maxAbsError, Math.abs(v - (expected[i] ?? 0) / total))));
  codec.dispose();
  return { setting: codec.label, bytes, encryptMs: encryptMs / SITES, foldMs, decryptMs, maxAbsError };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Median over enough trials to process about a million parameters, so small sizes are not one timer tick. */
async function measure(make: Maker, params: number): Promise<BenchRow> {
  const trials: Trial[] = [];
  for (let seed = 0; seed < Math.max(3, Math.ceil(1e6 / params)); seed++) trials.push(await trial(make, params, seed));
  const of = (pick: (t: Trial) => number) => median(trials.map(pick));
  return {
    setting: trials[0]?.setting ?? '',
    params,
    bytesRatio: Number((of((t) => t.bytes) / (4 * params)).toFixed(3)),
    encryptMsPerSite: Number(of((t) => t.encryptMs).toFixed(1)),
    foldParamsPerSec: Math.round(((SITES - 1) * params) / (of((t) => t.foldMs) / 1000)),
    decryptMs: Number(of((t) => t.decryptMs).toFixed(1)),
    maxAbsError: Number(Math.max(...trials.map((t) => t.maxAbsError)).toPrecision(3)),
  };
}

export async function run(): Promise<void> {
  // Warm-up, not recorded: JIT, the wasm heap's growth and node-seal's first objects would otherwise land in row one.
  const makers: Maker[] = [medflCodec, thresholdCodec, (n: number) => slotCodec(slotVariant(n), n), (n: number) => slotCodec(TUTORIAL, n)];
  for (const make of makers) await measure(make, SIZES[0] ?? 10_000);
  const rows: BenchRow[] = [];
  for (const params of SIZES) {
    for (const make of makers) rows.push(await measure(make, params));
  }
  printBenchTable(`CKKS update codec: ${SITES} sites, updates in ±0.1, example counts 100..999 (one process, one core)`, rows);
  await thresholdSizeRow(SIZES[0] ?? 10_000); // warm-up, not recorded
  const sizeRows: BenchRow[] = [];
  for (const params of SIZES) sizeRows.push(await thresholdSizeRow(params));
  printBenchTable('threshold CKKS per model size: one site, the threshold rows\' parameters', sizeRows);
  const largest = SIZES.at(-1) ?? 1_000_000;
  const siteRows: BenchRow[] = [];
  for (const sites of CONSORTIUM_SIZES) siteRows.push(await thresholdSiteRow(sites, largest));
  printBenchTable(`threshold CKKS per site beyond today's codec, ${largest} parameters, t = ⌊sites/2⌋+1`, siteRows);
  const notes = {
    plan: BENCH_PLAN, sites: SITES, loadAverage1m: loadavg()[0] ?? null,
    trials: 'each figure is the median over max(3, 1e6/params) trials (maxAbsError: the largest); one warm-up trial per setting first',
    foldParamsPerSec: 'parse + validate + add into the running sum, sites 2..4 (the first fold only adopts its ciphertexts)',
    maxAbsError: 'decrypted example-weighted mean (float32) against the float64 plaintext mean',
    threshold: 'medfl threshold rows: decryptMs is three decryption shares + their fold + the opening, in this one process; the threshold tables time each piece alone',
    thresholdTables: `median wall ms of ${REPEATS} runs with min/max beside, CPU ms (process.cpuUsage, user + system) the median too; setupBytesSent counts 8-byte residues; shareKey: Shamir-sharing the site's secret to every site; keyShareSum: adding the key shares of all sites; coordinatorShareFoldMs: checking and adding t shares`,
  };
  const file = writeBenchResults('he', [...rows, ...sizeRows, ...siteRows], notes);
  process.stdout.write(`\nwrote ${file}\n`);
}
