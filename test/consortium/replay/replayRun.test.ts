import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayRun } from '../../../consortium/replay/replayRun.ts';
import { RoundStore } from '../../../coordinator/store/RoundStore.ts';
import { FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from '../../helpers/finishedRun.ts';

const REPLAY_MS = 120_000;

/** The chunk with one bit of its middle byte flipped. */
function flipped(chunk: Uint8Array): Uint8Array {
  const bytes = chunk.slice();
  bytes[bytes.length >> 1]! ^= 0x01;
  return bytes;
}

// test/cli/replay.test.ts runs the binary on an intact store and an altered aggregate chunk; these are the other stored
// records a replay checks, called in process (a CLI start costs more than the replay).
describe('replayRun', () => {
  let dir: string;
  let run: FinishedRun;

  /** Replays a copy of the shared (read-only) store after `alter` changed it through the store's own API. */
  async function replayAltered(name: string, alter: (store: RoundStore) => Promise<void>) {
    const copy = join(dir, name);
    cpSync(run.coordinatorStore, copy, { recursive: true });
    const store = RoundStore.open(copy);
    try {
      await alter(store);
    } finally {
      await store.close();
    }
    return replayRun({ storeDir: copy, kitDir: run.kits['hospital-1']!, rpcUrl: run.rpcUrl, ledgerAddress: run.ledgerAddress });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-replay-run-'));
    run = await finishedRun();
  }, FINISHED_RUN_TIMEOUT_MS);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the site whose stored update changed, though the aggregate is intact', async () => {
    const report = await replayAltered('update-flipped', async (store) => {
      const { attempt } = store.committedRound(2)!;
      const [chunk] = store.updateChunks(2, attempt, 'hospital-3', 1);
      await store.stageChunk(2, attempt, 'hospital-3', 0, flipped(chunk!));
    });
    expect(report.replayed).toBe(false);
    expect(report.rounds.map((round) => round.status)).toEqual(['ok', 'failed']);
    expect(report.rounds[1]!.problem).toMatchObject({ code: 'UPDATE_INVALID', details: { site: 'hospital-3' } });
    expect(report.rounds[1]!.problem!.message).toContain('the stored update of hospital-3 in round 2 is altered or lost');
  }, REPLAY_MS);

  it('names the decryptor whose stored share changed, and replays no later round', async () => {
    const report = await replayAltered('share-flipped', async (store) => {
      const { attempt, aggregate } = store.committedRound(1)!;
      const decryptor = aggregate!.decryptors[1]!;
      await store.stageShareChunk(1, attempt, decryptor, 0, flipped(store.shareChunks(1, attempt, decryptor, 1)[0]!));
    });
    const [first, second] = report.rounds;
    expect(first!.status).toBe('failed');
    expect(first!.problem).toMatchObject({ code: 'SHARE_INVALID', details: { site: first!.decryptors[1] } });
    expect(first!.problem!.message).toContain(`the stored decryption share from ${first!.decryptors[1]} in round 1 is altered or lost`);
    expect(second).toMatchObject({ status: 'not replayed', replayedModelHash: null });
  }, REPLAY_MS);

  it("names the chunk of the stored decryption-share fold that changed, though every decryptor's share is intact", async () => {
    const report = await replayAltered('fold-flipped', async (store) => {
      const { attempt } = store.committedRound(1)!;
      await store.putShareSum(1, attempt, [flipped(store.shareSumChunk(1, attempt, 0))]);
    });
    expect(report.rounds.map((round) => round.status)).toEqual(['failed', 'not replayed']);
    expect(report.rounds[0]!.problem).toMatchObject({
      code: 'SHARE_INVALID', message: 'stored decryption-share sum chunk 0 of round 1 is altered: it is not the fold of the signed shares', details: { chunk: 0 },
    });
  }, REPLAY_MS);
});
