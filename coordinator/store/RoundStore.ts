// The coordinator's one durable store (lmdb, synced commits): an update is on disk before it is acknowledged.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { SumChunks } from '../../common/he/SumChunks.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { KeyShareEntry } from '../../common/wire/protocolTypes.ts';
import { IncomingChunks } from './IncomingChunks.ts';
import { liveLockHolder, lockStore, type StoreLock } from './storeLock.ts';
import { openSumFile } from './SumFile.ts';
import type { StoredAttestation, StoredRound, StoredRun, StoredRunIntent, StoredShare, StoredUpdate } from './storedTypes.ts';

type Key = (string | number)[];
const UPDATE_CHUNK = 'u';
const AGGREGATE_CHUNK = 'g';
const SHARE_CHUNK = 's';
/** The fold of an attempt's decryption shares, beside the aggregate's chunks. */
const SHARE_SUM_CHUNK = 'd';
/** Chunks written per synced commit when an aggregate is stored: a few MB in lmdb's queue at a time, not the whole. */
const WRITE_BATCH = 64;

export class RoundStore {
  private constructor(
    private readonly root: RootDatabase<unknown, Key>,
    private readonly chunks: Database<Buffer, Key>,
    private readonly lock: StoreLock,
    private readonly dir: string,
    /** The fold's copy of each upload (IncomingChunks.ts); none in a store opened read-only. */
    private readonly incoming?: IncomingChunks,
  ) {}

  /**
   * Opens (or creates) the store in folder `dir`, locked to this process until close(). overlappingSync off: a commit
   * resolves only once it is fsynced. A file at `dir` is refused first: lmdb given a file crashes the process.
   */
  static open(dir: string): RoundStore {
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
      throw new MedflError('USAGE', `the coordinator store ${dir} is a file; name a folder (a new one, or this run's earlier store)`);
    }
    mkdirSync(dir, { recursive: true });
    const lock = lockStore(dir);
    try {
      const root = open<unknown, Key>({ path: dir, overlappingSync: false, noSync: false, compression: false });
      const chunks = root.openDB<Buffer, Key>({ name: 'chunks', encoding: 'binary' });
      return new RoundStore(root, chunks, lock, dir, new IncomingChunks(join(dir, 'incoming')));
    } catch (cause) {
      lock.release();
      throw new MedflError('STORE_FAILED', `cannot open the coordinator store at ${dir}: ${(cause as Error).message}`, { cause });
    }
  }

  /**
   * Opens a stopped coordinator's store (or a copy of one) for reading only: no lock is taken and nothing is written,
   * so a reviewer can read an archived store. A store a running coordinator holds is refused (STORE_LOCKED): it is
   * still changing, so copy it once that coordinator has stopped.
   */
  static openReadOnly(dir: string): RoundStore {
    if (!existsSync(join(dir, 'data.mdb')) || !statSync(dir).isDirectory()) {
      throw new MedflError('FILE_NOT_FOUND', `no coordinator store at ${dir}: name the folder given to medfl coordinator --store (it holds data.mdb)`);
    }
    const pid = liveLockHolder(dir);
    if (pid !== undefined) {
      throw new MedflError('STORE_LOCKED', `the coordinator store ${dir} is in use by process ${pid}; stop that coordinator, or replay a copy of its store`);
    }
    try {
      const root = open<unknown, Key>({ path: dir, readOnly: true, compression: false });
      const chunks = root.openDB<Buffer, Key>({ name: 'chunks', encoding: 'binary' });
      return new RoundStore(root, chunks, { release: () => undefined }, dir);
    } catch (cause) {
      throw new MedflError('STORE_FAILED', `cannot read the coordinator store at ${dir}: ${(cause as Error).message}`, { cause });
    }
  }

  private async durable(write: Promise<unknown>): Promise<void> {
    try {
      await write;
      await this.root.flushed;
    } catch (cause) {
      throw new MedflError('STORE_FAILED', `coordinator store write failed: ${(cause as Error).message}`, { cause });
    }
  }

  getRun(): StoredRun | undefined {
    return this.root.get(['run']) as StoredRun | undefined;
  }

  putRun(run: StoredRun): Promise<void> {
    return this.durable(this.root.put(['run'], run));
  }

  getRunIntent(): StoredRunIntent | undefined {
    return this.root.get(['runIntent']) as StoredRunIntent | undefined;
  }

  putRunIntent(intent: StoredRunIntent): Promise<void> {
    return this.durable(this.root.put(['runIntent'], intent));
  }

  /** The canonical JSON of the plan with hash `planHash`, if this store keeps it. */
  plan(planHash: string): string | undefined {
    return this.root.get(['plan', planHash]) as string | undefined;
  }

  putPlan(planHash: string, planJson: string): Promise<void> {
    return this.durable(this.root.put(['plan', planHash], planJson));
  }

  putRound(record: StoredRound): Promise<void> {
    return this.durable(this.root.put(['round', record.round, record.attempt], record));
  }

  /** The newest round attempt (highest round, then attempt), if any. */
  latestRound(): StoredRound | undefined {
    for (const { value } of this.root.getRange({ start: ['round', Number.MAX_SAFE_INTEGER], end: ['round'], reverse: true, limit: 1 })) {
      return value as StoredRound;
    }
    return undefined;
  }

  getRound(round: number, attempt: number): StoredRound | undefined {
    return this.root.get(['round', round, attempt]) as StoredRound | undefined;
  }

  /** The last attempt of `round` that committed, if any. */
  committedRound(round: number): StoredRound | undefined {
    for (const { value } of this.root.getRange({ start: ['round', round], end: ['round', round + 1] })) {
      const record = value as StoredRound;
      if (record.state === 'COMMITTED') return record;
    }
    return undefined;
  }

  /**
   * Queues one chunk of an update still streaming in (batched by lmdb); it only counts once acceptUpdate records
   * the envelope. The caller awaits the returned write before accepting.
   */
  stageChunk(round: number, attempt: number, site: string, index: number, data: Uint8Array): Promise<unknown> {
    this.incoming?.put(round, attempt, site, index, data);
    return this.chunks.put([UPDATE_CHUNK, round, attempt, site, index], Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  /** Removes the first `count` staged chunks of a refused or broken upload (one left by a crash is never read). */
  async discardStaged(round: number, attempt: number, site: string, count: number): Promise<void> {
    this.incoming?.release(round, attempt, site);
    await this.chunks.transaction(() => {
      for (let index = 0; index < count; index += 1) void this.chunks.remove([UPDATE_CHUNK, round, attempt, site, index]);
    });
  }

  /** Records an update as accepted; resolves once it and its staged chunks are fsynced. */
  acceptUpdate(round: number, attempt: number, update: StoredUpdate): Promise<void> {
    return this.durable(this.root.put(['update', round, attempt, update.envelope.site], update));
  }

  updates(round: number, attempt: number): StoredUpdate[] {
    const range = this.root.getRange({ start: ['update', round, attempt], end: ['update', round, attempt + 1] });
    return [...range].map(({ value }) => value as StoredUpdate);
  }

  updateChunks(round: number, attempt: number, site: string, count: number): Uint8Array[] {
    return Array.from({ length: count }, (_, index) => this.readChunk([UPDATE_CHUNK, round, attempt, site], index));
  }

  /**
   * An accepted update's chunks read back one at a time as they are iterated (the fold holds one at a time): from the
   * upload's incoming file while this process holds it whole, else from lmdb (after a restart). The file goes once read.
   */
  *streamUpdateChunks(round: number, attempt: number, site: string, count: number): Generator<Uint8Array> {
    const fromFile = this.incoming?.read(round, attempt, site, count);
    try {
      if (fromFile) yield* fromFile;
      else for (let index = 0; index < count; index += 1) yield this.readChunk([UPDATE_CHUNK, round, attempt, site], index);
    } finally {
      this.incoming?.release(round, attempt, site);
    }
  }

  /** Where an attempt's running sum keeps its chunks: files in `<store>/sums/`, emptied when opened. */
  sumChunks(round: number, attempt: number): SumChunks {
    return openSumFile(join(this.dir, 'sums'), `round-${round}-attempt-${attempt}`);
  }

  /** Stores the aggregate's `count` chunks, asked for one at a time in order, in synced batches. */
  async putAggregate(round: number, attempt: number, count: number, chunkAt: (index: number) => Uint8Array): Promise<void> {
    for (let start = 0; start < count; start += WRITE_BATCH) {
      const writes: Promise<unknown>[] = [];
      for (let index = start; index < Math.min(count, start + WRITE_BATCH); index += 1) {
        writes.push(this.chunks.put([AGGREGATE_CHUNK, round, attempt, '', index], Buffer.from(chunkAt(index))));
      }
      await this.durable(Promise.all(writes));
    }
  }

  /** One chunk of a closed aggregate: read as it is sent, so a fetch holds one chunk at a time. */
  aggregateChunk(round: number, attempt: number, index: number): Uint8Array {
    return this.readChunk([AGGREGATE_CHUNK, round, attempt, ''], index);
  }

  /** Queues one chunk of a decryption share still streaming in; like stageChunk, it counts once acceptShare records it. */
  stageShareChunk(round: number, attempt: number, site: string, index: number, data: Uint8Array): Promise<unknown> {
    return this.chunks.put([SHARE_CHUNK, round, attempt, site, index], Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  async discardStagedShare(round: number, attempt: number, site: string, count: number): Promise<void> {
    await this.chunks.transaction(() => {
      for (let index = 0; index < count; index += 1) void this.chunks.remove([SHARE_CHUNK, round, attempt, site, index]);
    });
  }

  /** Records a decryptor's share as accepted; resolves once it and its staged chunks are fsynced. */
  acceptShare(round: number, attempt: number, share: StoredShare): Promise<void> {
    return this.durable(this.root.put(['share', round, attempt, share.envelope.site], share));
  }

  shares(round: number, attempt: number): StoredShare[] {
    const range = this.root.getRange({ start: ['share', round, attempt], end: ['share', round, attempt + 1] });
    return [...range].map(({ value }) => value as StoredShare);
  }

  shareChunks(round: number, attempt: number, site: string, count: number): Uint8Array[] {
    return Array.from({ length: count }, (_, index) => this.readChunk([SHARE_CHUNK, round, attempt, site], index));
  }

  async putShareSum(round: number, attempt: number, chunks: readonly Uint8Array[]): Promise<void> {
    const writes = chunks.map((chunk, index) => this.chunks.put([SHARE_SUM_CHUNK, round, attempt, '', index], Buffer.from(chunk)));
    await this.durable(Promise.all(writes));
  }

  /** One chunk of an attempt's folded decryption shares, read as it is sent. */
  shareSumChunk(round: number, attempt: number, index: number): Uint8Array {
    return this.readChunk([SHARE_SUM_CHUNK, round, attempt, ''], index);
  }

  private readChunk(prefix: Key, index: number): Uint8Array {
    const chunk = this.chunks.get([...prefix, index]);
    if (!chunk) throw new MedflError('STORE_FAILED', `coordinator store lost chunk ${index} of ${prefix.join('/')}; the store is damaged`);
    return new Uint8Array(chunk);
  }

  putAttestation(attestation: StoredAttestation): Promise<void> {
    return this.durable(this.root.put(['attest', attestation.round, attestation.attempt, attestation.site], attestation));
  }

  attestations(round: number, attempt: number): StoredAttestation[] {
    const range = this.root.getRange({ start: ['attest', round, attempt], end: ['attest', round, attempt + 1] });
    return [...range].map(({ value }) => value as StoredAttestation);
  }

  /** Site `fromSite`'s key-share entry for `toSite` in run `runId`, if it has submitted. */
  keyShare(runId: string, fromSite: string, toSite: string): KeyShareEntry | undefined {
    return this.root.get(['keyShare', runId, fromSite, toSite]) as KeyShareEntry | undefined;
  }

  /** Of `sites` (in their order), those whose complete key-share submission for run `runId` is stored: an entry for every other site. */
  keyShareSenders(runId: string, sites: readonly string[]): string[] {
    return sites.filter((from) => sites.every((to) => to === from || this.keyShare(runId, from, to) !== undefined));
  }

  /**
   * Stores one sender's entries (one per recipient) in one synced commit, unless that sender already holds an entry for
   * any of those recipients: then nothing is written and the entries it holds are returned. The check and the write
   * are one lmdb transaction, so two submissions of one sender racing each other cannot both be stored.
   */
  async putKeySharesOnce(runId: string, fromSite: string, entries: readonly KeyShareEntry[]): Promise<KeyShareEntry[] | undefined> {
    let held: KeyShareEntry[] = [];
    await this.durable(this.root.transaction(() => {
      held = entries.flatMap((entry) => this.keyShare(runId, fromSite, entry.toSite) ?? []);
      if (held.length > 0) return;
      for (const entry of entries) void this.root.put(['keyShare', runId, fromSite, entry.toSite], entry);
    }));
    return held.length > 0 ? held : undefined;
  }

  async close(): Promise<void> {
    try {
      await this.root.close();
    } finally {
      this.lock.release();
    }
  }
}
