// `npm run bench -- largeModel`: one round of a large model's encrypted updates (single-key CKKS, 2 simulated sites
// without training: the update's size is the question) through a real `medfl coordinator` process: bytes on the wire
// per update, seconds to encrypt and to upload, and peak RSS (VmHWM) of the site side and of the coordinator, against
// the update's own size. Sizes: 1M, 5M and 10M parameters (MEDFL_BENCH_LARGE_SIZES=1e6,1e7 picks others); 50M waits
// for the plan limit (common/plan/modelParameters.ts) to rise, once genesis and the intake stream.
import { loadavg } from 'node:os';
import { startChain } from '../../contracts/chain/startChain.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';
import { largeModelRound } from './largeModel/largeModelRound.ts';

const DEFAULT_SIZES = [1_000_000, 5_000_000, 10_000_000];

function sizes(): number[] {
  const listed = process.env.MEDFL_BENCH_LARGE_SIZES;
  if (!listed) return DEFAULT_SIZES;
  return listed.split(',').map((size) => Number(size)).filter((size) => Number.isFinite(size) && size > 0);
}

export async function run(): Promise<void> {
  const rows: BenchRow[] = [];
  const chain = await startChain({ port: 0 });
  try {
    for (const size of sizes()) {
      rows.push({ ...(await largeModelRound(chain, size)) });
      printBenchTable('large model: one CKKS round, 2 simulated sites (no training)', rows);
    }
  } finally {
    await chain.stop();
  }
  const file = writeBenchResults('largeModel', rows, {
    method: 'benchPlan (32 inputs, MLP widened to the size), single-key CKKS (N=8192), 2 simulated sites in the bench process sending one after the other to a `medfl coordinator` child on loopback mTLS gRPC; round counted done at ATTESTING (both updates durable and folded)',
    updateMb: 'bytes of one update\'s ciphertext chunks (what crosses the wire besides the envelope)',
    sitePeakRssMb: 'VmHWM of the bench process (the simulated sites) over the round, reset before it (/proc/self/clear_refs); siteBaseRssMb is its RSS at that reset (node, SEAL, tfjs loaded)',
    coordinatorPeakRssMb: 'VmHWM of the coordinator process at ATTESTING',
    loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
  });
  process.stdout.write(`\nwrote ${file}\n`);
}
