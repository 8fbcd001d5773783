// npm test's short version of the large-model bench: a 5M-parameter update from each of two sites encrypted, streamed
// to a real `medfl coordinator` process and folded, with peak memory bounded loosely (the machine is shared). Timings
// are reported by the bench, never asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChain, type RunningChain } from '../../../../contracts/chain/startChain.ts';
import { largeModelRound } from '../../../../experiments/benchmarks/largeModel/largeModelRound.ts';

let chain: RunningChain;

beforeAll(async () => {
  chain = await startChain({ port: 0 });
});

afterAll(async () => {
  await chain.stop();
});

describe('largeModelRound', () => {
  it.runIf(process.platform === 'linux')('streams and folds two 5M-parameter CKKS updates with site and coordinator memory bounded by a few updates', async () => {
    const round = await largeModelRound(chain, 5_000_000);
    expect(round.params).toBe(5_005_081);
    // One ciphertext per N/2 values, N = 8192 or 16384 as the codec sizes it for the model.
    expect([Math.ceil(round.params / 4096), Math.ceil(round.params / 8192)]).toContain(round.chunks);
    expect(round.updateMb * 2 ** 20 / round.params).toBeGreaterThan(4);
    expect(round.updateMb * 2 ** 20 / round.params).toBeLessThan(8);
    // What the round added on each side, over a process that already held node, SEAL and tfjs: loose, other tests and
    // engineers share the machine, and the garbage collector frees when it likes.
    expect(round.sitePeakRssMb - round.siteBaseRssMb).toBeLessThan(8 * round.updateMb + 200);
    expect(round.coordinatorPeakRssMb).toBeLessThan(600 + 8 * round.updateMb);
  }, 600_000);
});
