import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../coordinator/store/storeLock.ts';
import { RoundStore } from '../../coordinator/store/RoundStore.ts';
import { provisionConsortium } from '../../provision/provisionConsortium.ts';
import { FINISHED_RUN_SITES, FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from '../helpers/finishedRun.ts';
import { runCli } from '../helpers/runCli.ts';

const CLI_MS = 120_000;

describe('medfl replay', () => {
  let dir: string;
  let run: FinishedRun;
  const chainFlags = () => ['--rpc', run.rpcUrl, '--ledger', run.ledgerAddress];

  /** A copy of the shared run's store, which is read only (as a reviewer would get it: the coordinator stopped). */
  function storeCopy(name: string): string {
    const copy = join(dir, name);
    cpSync(run.coordinatorStore, copy, { recursive: true });
    return copy;
  }

  /** A copy in which `alter` changes one stored chunk through the store's own API. */
  async function alteredStore(name: string, alter: (store: RoundStore) => Promise<void>): Promise<string> {
    const copy = storeCopy(name);
    const store = RoundStore.open(copy);
    try {
      await alter(store);
    } finally {
      await store.close();
    }
    return copy;
  }

  const flipped = (chunk: Uint8Array): Uint8Array => {
    const bytes = chunk.slice();
    bytes[bytes.length >> 1]! ^= 0x01;
    return bytes;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-cli-replay-'));
    run = await finishedRun();
  }, FINISHED_RUN_TIMEOUT_MS);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("replays every committed round to the chain's model hash, with the plan the store keeps, from a non-decrypting site's kit", async () => {
    const kit = run.kits['hospital-3']!;
    const result = await runCli(['replay', '--store', storeCopy('untouched'), '--kit', kit, ...chainFlags(), '--json'], { timeoutMs: CLI_MS });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { runId: string; replayed: boolean; site: string; rounds: { round: number; status: string; replayedModelHash: string; chainModelHash: string; contributors: string[] }[] };
    expect(report).toMatchObject({ runId: run.runId, replayed: true, site: 'hospital-3' });
    expect(report.rounds.map((round) => [round.round, round.status])).toEqual([[1, 'ok'], [2, 'ok']]);
    for (const round of report.rounds) {
      expect(round.replayedModelHash).toBe(round.chainModelHash);
      expect(round.contributors).toEqual([...FINISHED_RUN_SITES]);
    }
    expect(report.rounds.at(-1)!.replayedModelHash).toBe(run.finalModelHash);
  }, CLI_MS);

  it('names the altered chunk when one byte of a stored aggregate changed, and exits 4 with REPLAY_MISMATCH', async () => {
    const store = await alteredStore('aggregate-flipped', async (copy) => {
      const { attempt } = copy.committedRound(2)!;
      await copy.putAggregate(2, attempt, 1, () => flipped(copy.aggregateChunk(2, attempt, 0)));
    });
    const result = await runCli(['replay', '--store', store, '--kit', run.kits['hospital-1']!, ...chainFlags(), '--plan', run.planFile], { timeoutMs: CLI_MS });
    expect(result.code, result.stderr).toBe(4);
    expect(result.stdout).toMatch(/^1 +0 .* OK$/m);
    expect(result.stdout).toMatch(/^2 +0 .* FAILED AGGREGATE_DIGEST_MISMATCH$/m);
    expect(result.stdout).toContain('REPLAY_MISMATCH: the stored records do not re-derive the chain\'s models');
    expect(result.stdout).toContain('round 2: AGGREGATE_DIGEST_MISMATCH: stored aggregate chunk 0 of round 2 is altered: it is not the fold of the signed updates');
  }, CLI_MS);

  it('refuses a wrong store path, a store in use and a kit of another consortium with one line each', async () => {
    const kit = run.kits['hospital-1']!;
    const missing = await runCli(['replay', '--store', join(dir, 'no-such-store'), '--kit', kit, ...chainFlags()]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(`medfl: FILE_NOT_FOUND: no coordinator store at ${join(dir, 'no-such-store')}: name the folder given to medfl coordinator --store (it holds data.mdb)\n`);

    const inUse = storeCopy('in-use');
    writeFileSync(join(inUse, LOCK_FILE), `${process.pid}\n`);
    const locked = await runCli(['replay', '--store', inUse, '--kit', kit, ...chainFlags()]);
    expect(locked.code).toBe(7);
    expect(locked.stderr).toBe(`medfl: STORE_LOCKED: the coordinator store ${inUse} is in use by process ${process.pid}; stop that coordinator, or replay a copy of its store\n`);

    const other = await provisionConsortium({ consortium: 'other', sites: [...FINISHED_RUN_SITES], outDir: join(dir, 'other') });
    const stranger = await runCli(['replay', '--store', storeCopy('for-a-stranger'), '--kit', other.kitDirs['hospital-1']!, ...chainFlags()], { timeoutMs: CLI_MS });
    expect(stranger.code).toBe(4);
    expect(stranger.stderr).toBe(`medfl: RUN_MISMATCH: kit ${other.kitDirs['hospital-1']} is of another consortium than run ${run.runId}: its consortium.json does not list the run's sites\n`);
  }, 3 * CLI_MS);

  it('names a --ledger with no contract LEDGER_NOT_DEPLOYED in one line, not a decoding error', async () => {
    const wrong = `0x${'0'.repeat(39)}1`;
    const result = await runCli(['replay', '--store', storeCopy('wrong-ledger'), '--kit', run.kits['hospital-1']!, '--rpc', run.rpcUrl, '--ledger', wrong]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`medfl: LEDGER_NOT_DEPLOYED: no contract at ${wrong} on this chain; check --ledger and --rpc\n`);
  }, CLI_MS);
});
