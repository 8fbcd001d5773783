// `npm run bench -- largeModel`: one round of a large model's encrypted updates (single-key CKKS, 2 simulated sites
// without training: the update's size is the question) through a real `medfl coordinator` process: bytes on the wire
// per update, seconds to encrypt and to upload, peak RSS (VmHWM) of the site side and of the coordinator against the
// update's own size, and an upload dropped half-way and resumed. Sizes: 1M, 10M and 50M parameters
// (MEDFL_BENCH_LARGE_SIZES=1e6,5e6 picks others).
import { loadavg } from 'node:os';
import { startChain } from '../../contracts/chain/startChain.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';
import { largeModelRound } from './largeModel/largeModelRound.ts';

const DEFAULT_SIZES = [1_000_000, 10_000_000, 50_000_000];

function sizes(): number[] {
  const listed = process.env.MEDFL_BENCH_LARGE_SIZES;
  if (!listed) return DEFAULT_SIZES;
  return listed.split(',').map((size) => Number(size)).filter((size) => Number.isFinite(size) && size > 0);
}

const NOTES = {
  method: 'benchPlan (32 inputs, MLP widened to the size), single-key CKKS (N=8192), 2 simulated sites in the bench process sending one after the other to a `medfl coordinator` child on loopback mTLS gRPC; each site encrypts into a chunk file, signs from it and uploads from it; round counted done at ATTESTING (both updates durable and folded)',
  updateMb: 'bytes of one update\'s ciphertext chunks (what crosses the wire besides the envelope)',
  updateFloatMb: 'one update as Float32 (the site\'s input, held while it is encrypted)',
  sitePeakRssMb: 'VmHWM of the bench process (the simulated sites) over the round, reset before it (/proc/self/clear_refs); siteBaseRssMb is its RSS at that reset (node, SEAL, tfjs loaded)',
  coordinatorPeakRssMb: 'VmHWM of the coordinator process at ATTESTING, reset (/proc/PID/clear_refs) once it listens and has opened the round, so its start (genesis) is not counted; coordinatorBaseRssMb its RSS at that reset',
  coordinatorPeakAnonMb: 'largest RssAnon (heap, wasm) of the coordinator sampled every 100 ms over the round; coordinatorPeakFileMb the same for RssFile (lmdb\'s mmap pages, code): the kernel reclaims file pages under pressure',
  resumedFromChunk: 'site-1\'s upload is dropped after half its chunks (channel closed under the stream), then resumed: the chunk UploadOffset named; resentChunks the chunks the second stream carried (exactly the rest)',
  uploadSec: 'mean over the 2 sites of the seconds from signed to accepted (folded and durable); site-1\'s includes the drop and the resume',
  loadAverage1m: 'the machine\'s 1-minute load average as each row finished (2 cores, shared): the seconds depend on it, the bytes and memory do not',
};

export async function run(): Promise<void> {
  const rows: BenchRow[] = [];
  const chain = await startChain({ port: 0 });
  try {
    for (const size of sizes()) {
      rows.push({ ...(await largeModelRound(chain, size)), loadAverage1m: Number(loadavg()[0]?.toFixed(2)) });
      printBenchTable('large model: one CKKS round, 2 simulated sites (no training)', rows);
      // Written after every row: a 50 M round takes minutes, and the rows before it are worth keeping if it is cut short.
      process.stdout.write(`\nwrote ${writeBenchResults('largeModel', rows, NOTES)}\n`);
    }
  } finally {
    await chain.stop();
  }
}
