// `npm run bench -- round`: (1) round wall time and CPU seconds (all processes) of the real system (anvil, `medfl coordinator`, four `medfl
// participant` processes on the demo's synthetic hospitals), threshold CKKS vs plaintext codec side by side, at about
// 10k, 100k and 1M parameters, and threshold CKKS vs the single-key codec it replaced at 1M; (2) peak RSS of the
// coordinator process collecting one round of the single-key codec from 4/16/64 simulated sites (they upload without
// the threshold protocol's key shares; the threshold codec's upload is one polynomial per chunk, the same as here).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parameterCount } from '../../common/model/ModelArtifact.ts';
import { genesisModel } from '../../common/model/genesis.ts';
import { startChain } from '../../contracts/chain/startChain.ts';
import { DEFAULT_GENERATE, generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';
import { consortiumRounds, roundBenchPlan, type Encryption } from './round/consortiumRoundTimes.ts';
import { coordinatorPeakRss } from './round/coordinatorRss.ts';

const SIZES = [10_000, 100_000, 1_000_000];
/**
 * Rounds per run: more where a round is short. A 10k round is ~0.5 s of fixed latencies (status, TLS calls, a mined
 * commit) and a 100k round is mostly training; either wanders by ±5 % between runs of the same codec.
 */
const roundsFor = (size: number) => (size <= 10_000 ? 20 : size <= 100_000 ? 12 : 5);
const RSS_SITES = [4, 16, 64];
const RSS_PARAMETERS = 100_000;
/** Runs per codec pair, in ABBA order (BAAB at the next row), so drift of the machine favours neither codec. */
const abba = (a: Encryption, b: Encryption, index: number): Encryption[] => (index % 2 === 0 ? [a, b, b, a] : [b, a, a, b]);
/** Issue 15's comparison: the threshold codec against the single-key codec, at this size. */
const THRESHOLD_VS_SHARED_KEY = 1_000_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median of per-round CPU seconds, or null where /proc is absent and none were read. */
const medianOrNull = (values: number[]) => (values.length > 0 ? median(values) : null);

/**
 * Two codecs at one size: each codec's rounds 2..n of its two runs pooled, and their medians compared (a / b); the
 * same for the CPU seconds of all the run's processes per round.
 */
async function roundRow(size: number, [a, b]: [Encryption, Encryption], index: number, dataDir: string, workDir: string): Promise<BenchRow> {
  const seconds: Partial<Record<Encryption, number[]>> = { [a]: [], [b]: [] };
  const cpu: Partial<Record<Encryption, number[]>> = { [a]: [], [b]: [] };
  let examples = 0;
  for (const encryption of abba(a, b, index)) {
    const plan = roundBenchPlan(size, encryption, roundsFor(size));
    const rounds = await consortiumRounds(plan, dataDir, mkdtempSync(join(workDir, `${size}-${encryption}-`)));
    seconds[encryption]!.push(...rounds.roundSeconds);
    cpu[encryption]!.push(...rounds.roundCpuSeconds);
    examples = rounds.totalExamples;
  }
  const [first, second] = [median(seconds[a]!), median(seconds[b]!)];
  const params = parameterCount(genesisModel(roundBenchPlan(size, a, 1)).weightSpecs);
  const rounds = (codec: Encryption) => seconds[codec]!.map((s) => s.toFixed(2)).join(' ');
  const [firstCpu, secondCpu] = [medianOrNull(cpu[a]!), medianOrNull(cpu[b]!)];
  const cpuRatio = firstCpu !== null && secondCpu !== null ? firstCpu / secondCpu : null;
  return {
    params, sites: 4, examples, codecs: `${a} / ${b}`, firstSec: first, secondSec: second, ratio: first / second,
    firstCpuSec: firstCpu, secondCpuSec: secondCpu, cpuRatio, firstRounds: rounds(a), secondRounds: rounds(b),
  };
}

export async function run(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'medfl-bench-round-'));
  try {
    const dataDir = join(workDir, 'hospitals');
    generateConsortium({ out: dataDir, ...DEFAULT_GENERATE });
    const rows: BenchRow[] = [];
    const pairs: [number, [Encryption, Encryption]][] = [
      ...SIZES.map((size): [number, [Encryption, Encryption]] => [size, ['ckks', 'plaintext']]),
      [THRESHOLD_VS_SHARED_KEY, ['ckks', 'ckks-shared-key']],
    ];
    for (const [index, [size, pair]] of pairs.entries()) {
      rows.push(await roundRow(size, pair, index, dataDir, workDir));
      printBenchTable('round wall time, commit to commit (4 hospitals, two runs per codec, median of rounds 2..n)', rows);
    }
    const rssRows: BenchRow[] = [];
    const chain = await startChain({ port: 0 });
    try {
      for (const sites of RSS_SITES) {
        const rss = await coordinatorPeakRss(chain, sites, RSS_PARAMETERS);
        rssRows.push({ sites, params: RSS_PARAMETERS, coordinatorPeakRssMb: rss.peakMb, rssAnonMb: rss.anonMb, rssFileMb: rss.fileMb });
      }
    } finally {
      await chain.stop();
    }
    printBenchTable('coordinator peak RSS collecting one CKKS round', rssRows);
    const file = writeBenchResults('round', [...rows, ...rssRows], {
      roundWallTime: `medfl run's real processes (anvil, coordinator, 4 participants) on generateConsortium(${JSON.stringify(DEFAULT_GENERATE)}), plans/demo.json with the model widened; seconds between consecutive on-chain commits, two runs per codec in ABBA order, median of their rounds 2..n pooled, n = 20 at 10k parameters, 12 at 100k and 5 at 1M (round 1 includes start-up): task, 1 local epoch, encrypt, upload, fold, close, fetch, decrypt, FedAvg, hash, attest, validation, commitRound mined`,
      roundCpuTime: 'firstCpuSec/secondCpuSec: user + system CPU seconds of every process of the run (anvil, coordinator, participants: all live descendants of the bench process and the children they waited for, from /proc/PID/stat) between consecutive commits, median of the same rounds; unlike wall time it does not grow when other work shares the cores',
      peakRss: 'VmHWM of the `medfl coordinator` process after the round closed (RssAnon/RssFile: current split); simulated sites upload 4 at a time',
      loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
    });
    process.stdout.write(`\nwrote ${file}\n`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
