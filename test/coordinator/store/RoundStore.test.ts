import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import { RoundStore } from '../../../coordinator/store/RoundStore.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hash = (byte: string) => `0x${byte.repeat(64)}` as const;
const task: RoundTask = {
  runId: 'run-1', round: 3, attempt: 1, planHash: hash('a'), prevModelHash: hash('b'), deadlineUnixMs: 1, minUpdates: 1,
  codecId: 'c', chunkCount: 2, expectedSites: ['site-a'], proximalMu: 0, keyHolders: [],
};
const envelope = { runId: 'run-1', round: 3, attempt: 1, site: 'site-a', examples: 5, codecId: 'c', digest: hash('d'), chunkCount: 2, signature: new Uint8Array(64).fill(7), maskedFingerprint: new Uint8Array(32).fill(3), epsilonMicros: 1_250_000, consentRoot: NO_CONSENT_ROOT };
const receipt = { runId: '1', round: 3, attempt: 1, site: `0x${'a1'.repeat(20)}`, digest: hash('d'), signature: `0x${'5'.repeat(130)}` };

describe('RoundStore', () => {
  it('keeps accepted updates, rounds and aggregates across a close and reopen; discards staged chunks of a broken upload', async () => {
    const store = RoundStore.open(dir);
    await store.putRun({ runId: 'run-1', planHash: hash('a'), genesisModelHash: hash('b'), createdAt: 'now' });
    await store.putRound({ round: 2, attempt: 0, state: 'COMMITTED', task: { ...task, round: 2, attempt: 0 } });
    await store.putRound({ round: 3, attempt: 1, state: 'COLLECTING', task });
    await store.stageChunk(3, 1, 'site-a', 0, new Uint8Array([1, 2, 3]));
    await store.stageChunk(3, 1, 'site-a', 1, new Uint8Array([4, 5]));
    await store.acceptUpdate(3, 1, { envelope, acceptedAt: 'now', receipt });
    await store.stageChunk(3, 1, 'site-b', 0, new Uint8Array([9]));
    await store.stageChunk(3, 1, 'site-ab', 0, new Uint8Array([6]));
    await store.discardStaged(3, 1, 'site-b', 1);
    await store.putAggregate(3, 1, 1, () => new Uint8Array([8, 8]));
    await store.close();

    const reopened = RoundStore.open(dir);
    expect(reopened.getRun()?.runId).toBe('run-1');
    expect(reopened.latestRound()).toMatchObject({ round: 3, attempt: 1, state: 'COLLECTING' });
    expect(reopened.committedRound(2)?.state).toBe('COMMITTED');
    const [stored] = reopened.updates(3, 1);
    expect(stored?.envelope).toMatchObject({ site: 'site-a', examples: 5, digest: hash('d'), epsilonMicros: 1_250_000 });
    expect(Array.from(stored!.envelope.signature)).toEqual(Array(64).fill(7));
    expect(stored?.receipt).toEqual(receipt);
    // The signature and masked fingerprint the aggregate header's leaf is built from survive a restart.
    expect(stored!.envelope.maskedFingerprint).toBeInstanceOf(Uint8Array);
    expect(Array.from(stored!.envelope.maskedFingerprint)).toEqual(Array(32).fill(3));
    expect(reopened.updateChunks(3, 1, 'site-a', 2).map((chunk) => Array.from(chunk))).toEqual([[1, 2, 3], [4, 5]]);
    expect(() => reopened.updateChunks(3, 1, 'site-b', 1)).toThrow('coordinator store lost chunk 0 of u/3/1/site-b; the store is damaged');
    expect(Array.from(reopened.updateChunks(3, 1, 'site-ab', 1)[0]!)).toEqual([6]);
    expect(Array.from(reopened.aggregateChunk(3, 1, 0))).toEqual([8, 8]);
    await reopened.close();
  });

  it('refuses a file as its folder with USAGE naming it, instead of crashing in lmdb', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(() => RoundStore.open(file)).toThrow(expect.objectContaining({
      code: 'USAGE', message: `the coordinator store ${file} is a file; name a folder (a new one, or this run's earlier store)`,
    }));
  });

  it('is locked to one opener until closed, then opens again', async () => {
    const shared = join(dir, 'shared');
    const first = RoundStore.open(shared);
    expect(() => RoundStore.open(shared)).toThrow(expect.objectContaining({ code: 'STORE_LOCKED', message: expect.stringContaining(`the coordinator store ${shared} is in use by process ${process.pid}`) }));
    await first.close();
    expect(existsSync(join(shared, 'coordinator.lock'))).toBe(false);
    const again = RoundStore.open(shared);
    await again.close();
  });

  it('stores one sender\'s key shares once: a racing second set is not written and the first comes back, across a reopen', async () => {
    const shares = join(dir, 'key-shares');
    const store = RoundStore.open(shares);
    const entry = (to: string, fill: number) => ({
      runId: '1', codecId: 'c', fromSite: 'site-a', toSite: to, threshold: 2, payloadSealed: new Uint8Array(20).fill(fill), nonce: new Uint8Array(24).fill(fill), signature: new Uint8Array(64).fill(fill),
    });
    const first = [entry('site-b', 1), entry('site-c', 1)];
    const [stored, raced] = await Promise.all([store.putKeySharesOnce('1', 'site-a', first), store.putKeySharesOnce('1', 'site-a', [entry('site-b', 2), entry('site-c', 2)])]);
    expect(stored).toBeUndefined();
    expect(raced?.map((held) => [held.toSite, held.payloadSealed[0]])).toEqual([['site-b', 1], ['site-c', 1]]);
    await store.close();
    const reopened = RoundStore.open(shares);
    expect(reopened.keyShare('1', 'site-a', 'site-c')).toEqual({ ...first[1], payloadSealed: Buffer.from(first[1]!.payloadSealed), nonce: Buffer.from(first[1]!.nonce), signature: Buffer.from(first[1]!.signature) });
    expect(reopened.keyShare('1', 'site-b', 'site-a')).toBeUndefined();
    expect(reopened.keyShare('2', 'site-a', 'site-c')).toBeUndefined();
    await reopened.close();
  });

  it('names the senders whose complete key-share submission it holds for a run, in the order asked', async () => {
    const folder = join(dir, 'key-holders');
    const store = RoundStore.open(folder);
    const entry = (from: string, to: string) => ({
      runId: '1', codecId: 'c', fromSite: from, toSite: to, threshold: 2, payloadSealed: new Uint8Array(4), nonce: new Uint8Array(24), signature: new Uint8Array(64),
    });
    await store.putKeySharesOnce('1', 'site-c', [entry('site-c', 'site-a'), entry('site-c', 'site-b')]);
    await store.putKeySharesOnce('1', 'site-a', [entry('site-a', 'site-b'), entry('site-a', 'site-c')]);
    // site-b's entries reach only one other site: not a complete submission.
    await store.putKeySharesOnce('1', 'site-b', [entry('site-b', 'site-a')]);
    expect(store.keyShareSenders('1', ['site-a', 'site-b', 'site-c'])).toEqual(['site-a', 'site-c']);
    expect(store.keyShareSenders('2', ['site-a', 'site-b', 'site-c'])).toEqual([]);
    await store.close();
  });

  it('keeps accepted decryption shares, their chunks and the shares\' fold across a reopen; discards a refused share\'s staged chunks', async () => {
    const folder = join(dir, 'shares');
    const store = RoundStore.open(folder);
    const share = { runId: '1', round: 2, attempt: 1, site: 'site-a', codecId: 'c', setHash: hash('e'), digest: hash('f'), chunkCount: 2, maskedFingerprint: new Uint8Array(32).fill(4), signature: new Uint8Array(64).fill(5) };
    await store.stageShareChunk(2, 1, 'site-a', 0, new Uint8Array([1]));
    await store.stageShareChunk(2, 1, 'site-a', 1, new Uint8Array([2, 3]));
    await store.acceptShare(2, 1, { envelope: share, acceptedAt: 'now' });
    await store.stageShareChunk(2, 1, 'site-b', 0, new Uint8Array([9]));
    await store.discardStagedShare(2, 1, 'site-b', 1);
    await store.putShareSum(2, 1, [new Uint8Array([7]), new Uint8Array([6])]);
    await store.close();

    const reopened = RoundStore.open(folder);
    expect(reopened.shares(2, 1).map(({ envelope }) => [envelope.site, envelope.digest, envelope.setHash])).toEqual([['site-a', hash('f'), hash('e')]]);
    expect(reopened.shares(2, 0)).toEqual([]);
    expect(reopened.shareChunks(2, 1, 'site-a', 2).map((chunk) => Array.from(chunk))).toEqual([[1], [2, 3]]);
    expect(() => reopened.shareChunks(2, 1, 'site-b', 1)).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
    expect(Array.from(reopened.shareSumChunk(2, 1, 1))).toEqual([6]);
    // The fold's chunks are apart from the aggregate's: neither reads the other.
    expect(() => reopened.aggregateChunk(2, 1, 0)).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
    await reopened.close();
  });

  it('keeps the plan by its hash, so a replay of the store has it', async () => {
    const store = RoundStore.open(join(dir, 'plan'));
    expect(store.plan(hash('a'))).toBeUndefined();
    await store.putPlan(hash('a'), '{"name":"p"}');
    await store.close();
    const reopened = RoundStore.open(join(dir, 'plan'));
    expect(reopened.plan(hash('a'))).toBe('{"name":"p"}');
    expect(reopened.plan(hash('b'))).toBeUndefined();
    await reopened.close();
  });

  it('opens a stopped store read only: reads what it holds, takes no lock, and refuses a store in use or a folder without one', async () => {
    const stopped = join(dir, 'stopped');
    const writer = RoundStore.open(stopped);
    await writer.putRun({ runId: '7', planHash: hash('a'), genesisModelHash: hash('b'), createdAt: 'now' });
    await writer.putAggregate(1, 0, 1, () => new Uint8Array([4, 2]));
    expect(() => RoundStore.openReadOnly(stopped)).toThrow(expect.objectContaining({
      code: 'STORE_LOCKED', message: `the coordinator store ${stopped} is in use by process ${process.pid}; stop that coordinator, or replay a copy of its store`,
    }));
    await writer.close();

    const reader = RoundStore.openReadOnly(stopped);
    expect(existsSync(join(stopped, 'coordinator.lock'))).toBe(false);
    expect(reader.getRun()?.runId).toBe('7');
    expect(Array.from(reader.aggregateChunk(1, 0, 0))).toEqual([4, 2]);
    await reader.close();

    const empty = join(dir, 'no-store-here');
    expect(() => RoundStore.openReadOnly(empty)).toThrow(expect.objectContaining({
      code: 'FILE_NOT_FOUND', message: `no coordinator store at ${empty}: name the folder given to medfl coordinator --store (it holds data.mdb)`,
    }));
    expect(existsSync(empty)).toBe(false);
  });

  it('folds an upload from its incoming file while this process holds it, then from lmdb once that file is gone', async () => {
    const folder = mkdtempSync(join(dir, 'incoming-'));
    const store = RoundStore.open(folder);
    try {
      await store.stageChunk(4, 0, 'site-a', 0, new Uint8Array([1, 2]));
      await store.stageChunk(4, 0, 'site-a', 1, new Uint8Array([3]));
      const file = join(folder, 'incoming', 'round-4-attempt-0-site-a.chunks');
      // Marked so the test can tell where the fold read from: lmdb still holds [1, 2] and [3].
      writeFileSync(file, new Uint8Array([9, 9, 9]));
      expect([...store.streamUpdateChunks(4, 0, 'site-a', 2)].map((chunk) => [...chunk])).toEqual([[9, 9], [9]]);
      expect(existsSync(file)).toBe(false);
      expect([...store.streamUpdateChunks(4, 0, 'site-a', 2)].map((chunk) => [...chunk])).toEqual([[1, 2], [3]]);
    } finally {
      await store.close();
    }
  });
});
