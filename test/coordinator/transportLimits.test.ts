// The coordinator's start order and transport limits over real mutual-TLS gRPC on 127.0.0.1 (in-memory ledger
// double): it listens before createRun, serves nothing before its run exists, caps each site's calls and drops an
// upload that stops sending (kept resumable for a while, then discarded).
import { createServer, type Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunInput } from '../../coordinator/ports.ts';
import { startCoordinator, type CoordinatorOptions, type RunningCoordinator } from '../../coordinator/startCoordinator.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../common/wire/envelopeSigning.ts';
import { CoordinatorClient } from '../../participant/node/CoordinatorClient.ts';
import { MemoryLedger, plaintextAggregation, plaintextCodec } from './helpers/roundDoubles.ts';
import { testConsortium, type TestConsortium } from './helpers/testConsortium.ts';
import { NO_CONSENT_ROOT } from '../../common/consent/consentTree.ts';

let world: TestConsortium;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  world = await testConsortium();
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  world.cleanup();
});

function options(store: string, ledger: MemoryLedger, extra: Partial<CoordinatorOptions> = {}): CoordinatorOptions {
  return { kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, store), ledger, aggregation: plaintextAggregation(world.parameters), ...extra };
}

async function start(store: string, extra: Partial<CoordinatorOptions> = {}): Promise<RunningCoordinator> {
  const coordinator = await startCoordinator(options(store, new MemoryLedger(), extra));
  cleanups.push(coordinator.stop);
  return coordinator;
}

function client(address: string, site = 'site-a'): CoordinatorClient {
  const connected = CoordinatorClient.connect(address, world.kits[site]!.tls, world.kits.coordinator!.consortium.coordinator);
  cleanups.push(() => connected.close());
  return connected;
}

/** A port some other program holds on 127.0.0.1. */
async function heldPort(): Promise<{ port: number; holder: NetServer }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
  const address = holder.address();
  if (typeof address !== 'object' || !address) throw new TypeError('no port');
  return { port: address.port, holder };
}

const poll = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('coordinator start order and transport limits (in-memory ledger double)', () => {
  it('fails on a held port with TRANSPORT_UNAVAILABLE naming host:port, before any createRun, and frees its store', async () => {
    const { port } = await heldPort();
    const ledger = new MemoryLedger();
    await expect(startCoordinator(options('store-held', ledger, { port }))).rejects.toMatchObject({
      code: 'TRANSPORT_UNAVAILABLE', message: expect.stringMatching(new RegExp(`^cannot listen on 127\\.0\\.0\\.1:${port}: `)),
    });
    expect(ledger.runs).toEqual([]);
    const coordinator = await startCoordinator(options('store-held', ledger));
    cleanups.push(coordinator.stop);
    expect(ledger.runs).toHaveLength(1);
  });

  it('listens while createRun is pending and tells early callers to come back (TRANSPORT_UNAVAILABLE)', async () => {
    const { port, holder } = await heldPort();
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    let release: (() => void) | undefined;
    const ledger = new (class extends MemoryLedger {
      override async createRun(input: RunInput): Promise<string> {
        await new Promise<void>((resolve) => (release = resolve));
        return super.createRun(input);
      }
    })();
    const starting = startCoordinator(options('store-early', ledger, { port }));
    await poll(() => release !== undefined);
    expect(ledger.runs).toEqual([]);
    const early = await client(`127.0.0.1:${port}`).getRunStatus().catch((thrown: unknown) => thrown);
    expect(early).toMatchObject({ code: 'TRANSPORT_UNAVAILABLE', message: 'the coordinator is still starting its run; try again shortly' });
    release!();
    const coordinator = await starting;
    cleanups.push(coordinator.stop);
    expect(await client(coordinator.address).getRunStatus()).toMatchObject({ runState: 'RUNNING', round: 1 });
  });

  it('caps the calls one site holds open, without affecting other sites', async () => {
    const coordinator = await start('store-caps', { limits: { callsPerSite: 1 } });
    const watch = client(coordinator.address).watchRun('site-a');
    cleanups.push(() => watch.cancel());
    const iterator = watch.statuses[Symbol.asyncIterator]();
    await iterator.next();
    await expect(client(coordinator.address).getRunStatus()).rejects.toMatchObject({
      code: 'SITE_LIMIT_EXCEEDED', message: 'site site-a already has 1 calls open, the most one site may hold; wait for one to end',
    });
    expect(await client(coordinator.address, 'site-b').getRunStatus()).toMatchObject({ round: 1 });
    watch.cancel();
    // The cancel reaches the server asynchronously; then site-a's slot is free again.
    let after: unknown;
    for (let i = 0; i < 100 && !(after = await client(coordinator.address).getRunStatus().catch(() => undefined)); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(after).toMatchObject({ round: 1 });
  });

  it('drops an upload that stops sending, keeps it resumable for a while, then discards its staged chunks, and takes the site\'s retry', async () => {
    const coordinator = await start('store-idle', { limits: { uploadIdleMs: 300, uploadResumeMs: 300 } });
    const task = coordinator.engine.status().task!;
    const kit = world.kits['site-a']!;
    const chunks = [...plaintextCodec(world.parameters).encryptUpdate(new Float32Array(world.parameters).fill(1), 5)];
    const fields = { runId: task.runId, round: 1, attempt: 0, site: 'site-a', examples: 5, codecId: task.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length, maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT };
    const envelope = signEnvelope(fields, kit.signingSecretKey!);
    let resume = () => {};
    async function* stalls() {
      yield chunks[0]!;
      await new Promise<void>((resolve) => (resume = resolve));
      yield* chunks.slice(1);
    }
    const stalled = client(coordinator.address).submitUpdate(envelope, stalls()).catch((thrown: unknown) => thrown);
    await poll(() => coordinator.engine.current().inflight.size > 0);
    const { runId, digest } = envelope;
    const offset = () => client(coordinator.address).uploadOffset({ runId, round: 1, attempt: 0, digest });
    let held = 0;
    for (let i = 0; i < 200 && held === 0; i += 1) {
      held = await offset();
      if (held === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Dropped after 0.3 s idle, its one chunk kept for a resume for 0.3 s more, then gone.
    expect(held).toBe(1);
    await poll(() => coordinator.engine.current().inflight.size === 0);
    expect(await offset()).toBe(0);
    expect(coordinator.engine.current().inflight.size).toBe(0);
    expect(() => coordinator.engine.store.updateChunks(1, 0, 'site-a', 1)).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
    resume();
    expect(await stalled).toMatchObject({ code: 'UPDATE_INCOMPLETE', message: 'the upload sent nothing for 0.3 s and was dropped; send the rest of the update again' });
    expect(await client(coordinator.address).submitUpdate(envelope, chunks)).toMatchObject({ round: 1, updatesIn: 1 });
  });
});
