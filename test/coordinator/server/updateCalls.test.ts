// A resumable upload over real mutual-TLS gRPC on 127.0.0.1 (in-memory ledger double): the TCP connection under an
// upload is cut mid-stream by a proxy, the site asks UploadOffset and sends only the rest, and the round still closes
// and commits with the right sum. A resumed stream that would splice another update onto the kept chunks is refused.
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import type { AggregatePart } from '../../../common/wire/wireCodec.ts';
import { startCoordinator, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { sendUpdate } from '../../../participant/node/sendUpdate.ts';
import { MemoryLedger, plaintextAggregation, plaintextCodec } from '../helpers/roundDoubles.ts';
import { testConsortium, type TestConsortium } from '../helpers/testConsortium.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

/** One parameter per chunk: the test plan's 4-parameter model streams 4 chunks, enough to cut one in the middle. */
const CHUNK_SIZE = 1;
let world: TestConsortium;
let ledger: MemoryLedger;
let coordinator: RunningCoordinator;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  world = await testConsortium();
  ledger = new MemoryLedger();
  const aggregation = plaintextAggregation(world.parameters, CHUNK_SIZE);
  coordinator = await startCoordinator({ kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation });
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await coordinator.stop();
  world.cleanup();
});

function client(kit: Kit, address = coordinator.address): CoordinatorClient {
  const connected = CoordinatorClient.connect(address, kit.tls, world.kits.coordinator!.consortium.coordinator);
  cleanups.push(() => connected.close());
  return connected;
}

function update(kit: Kit, task: RoundTask, value: number) {
  const chunks = [...plaintextCodec(world.parameters, CHUNK_SIZE).encryptUpdate(new Float32Array(world.parameters).fill(value), 10)];
  const fields = { runId: task.runId, round: task.round, attempt: task.attempt, site: kit.id, examples: 10, codecId: task.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length, maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT };
  return { envelope: signEnvelope(fields, kit.signingSecretKey!), chunks };
}

/** A TCP relay to the coordinator whose `cut()` drops every connection through it, as a failing network would. */
async function relay(): Promise<{ address: string; cut(): void }> {
  const sockets: Socket[] = [];
  const [host, port] = coordinator.address.split(':');
  const server: Server = createServer((inbound) => {
    const outbound = connectTcp(Number(port), host);
    sockets.push(inbound, outbound);
    inbound.pipe(outbound).pipe(inbound);
    for (const socket of [inbound, outbound]) socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port: relayPort } = server.address() as { port: number };
  return { address: `127.0.0.1:${relayPort}`, cut: () => sockets.forEach((socket) => socket.destroy()) };
}

const poll = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  let value = await read();
  for (let i = 0; i < 200 && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
};

/** Starts `kit`'s upload through a relay, sends `sent` chunks, then cuts the connection; resolves with the upload's failure. */
async function cutMidUpload(kit: Kit, upload: ReturnType<typeof update>, sent: number): Promise<unknown> {
  const network = await relay();
  let cut = () => {};
  const afterCut = new Promise<void>((resolve) => (cut = resolve));
  async function* chunks() {
    yield* upload.chunks.slice(0, sent);
    await afterCut;
    yield* upload.chunks.slice(sent);
  }
  const failed = client(kit, network.address).submitUpdate(upload.envelope, chunks()).then(() => 'accepted', (thrown: unknown) => thrown);
  const { runId, round, attempt, digest } = upload.envelope;
  const direct = client(kit);
  // Cut once the coordinator has staged every chunk sent (a fixed wait lost that race on a loaded machine).
  const store = coordinator.engine.store;
  const stage = store.stageChunk.bind(store);
  let staged = 0;
  store.stageChunk = (...args: Parameters<typeof stage>) => {
    if (args[2] === kit.id && args[0] === round) staged += 1;
    return stage(...args);
  };
  try {
    for (let i = 0; i < 500 && staged < sent; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    store.stageChunk = stage;
  }
  expect(staged).toBe(sent);
  network.cut();
  await poll(() => direct.uploadOffset({ runId, round, attempt, digest }), (offset) => offset > 0);
  cut();
  return failed;
}

describe('resumable upload over mutual-TLS gRPC (in-memory ledger double)', () => {
  it('resumes an upload cut mid-stream from the last chunk the coordinator took, and the round commits with the full sum', async () => {
    const task = coordinator.engine.status().task!;
    const a = world.kits['site-a']!;
    const upload = update(a, task, 1);
    expect(upload.chunks.length).toBe(4);
    const failure = await cutMidUpload(a, upload, 2);
    expect(failure).toMatchObject({ code: 'TRANSPORT_UNAVAILABLE' });
    const { runId, round, attempt, digest } = upload.envelope;
    expect(await client(a).uploadOffset({ runId, round, attempt, digest })).toBe(2);
    // Another digest, or another attempt, has nothing kept: it would be sent whole.
    expect(await client(a).uploadOffset({ runId, round, attempt, digest: `0x${'0'.repeat(64)}` })).toBe(0);
    expect(await client(a).uploadOffset({ runId, round, attempt: attempt + 1, digest })).toBe(0);
    // sendUpdate asks where to resume and streams chunks 2 and 3 only.
    const sent: number[] = [];
    const counting = client(a);
    const receipt = await sendUpdate({
      uploadOffset: (request) => counting.uploadOffset(request),
      submitUpdate: (envelope, chunks, from) => {
        sent.push(from ?? 0, (chunks as readonly Uint8Array[]).length);
        return counting.submitUpdate(envelope, chunks, from);
      },
    }, upload.envelope, upload.chunks);
    expect(sent).toEqual([2, 2]);
    expect(receipt).toMatchObject({ round: 1, updatesIn: 1, digest });
    expect(coordinator.engine.store.updateChunks(1, 0, 'site-a', upload.chunks.length)).toEqual(upload.chunks);

    for (const [site, value] of [['site-b', 2], ['site-c', 3]] as const) {
      const { envelope, chunks } = update(world.kits[site]!, task, value);
      await sendUpdate(client(world.kits[site]!), envelope, chunks);
    }
    expect(coordinator.engine.status().roundState).toBe('ATTESTING');
    const parts: AggregatePart[] = [];
    for await (const part of client(a).fetchAggregate(1)) parts.push(part);
    const header = parts.flatMap((part) => ('header' in part ? [part.header] : []))[0]!;
    const sum = parts.flatMap((part) => ('chunk' in part ? [part.chunk.data] : []));
    const mean = plaintextCodec(world.parameters, CHUNK_SIZE).decryptAggregate(sum, header.totalExamples);
    expect(mean.every((value) => Math.abs(value - 2) < 1e-6)).toBe(true); // (1 + 2 + 3) / 3: site-a's update whole, once
    const modelHash = `0x${'cd'.repeat(32)}` as const;
    for (const site of ['site-a', 'site-b']) {
      const kit = world.kits[site]!;
      const fields = { runId: header.runId, round: 1, prevModelHash: header.prevModelHash, modelHash, aggregateDigest: header.aggregateDigest, contributionsRoot: header.contributionsRoot, totalExamples: 30 };
      const signature = await ledger.siteLedger(kit.ethPrivateKey).signAttestation(fields);
      await client(kit).submitAttestation({ ...fields, attempt: 0, site, signature, metrics: { loss: 0.5, accuracy: 0.7, auroc: 0.8, auprc: 0.6, brier: 0.2, positiveRate: 0.4, examples: 5 } });
    }
    expect(ledger.commits).toMatchObject([{ round: 1, modelHash, totalExamples: 30 }]);
  });

  it('refuses a resumed stream that would splice another update onto the kept chunks, and then takes a whole upload', async () => {
    const task = coordinator.engine.status().task!;
    expect(task.round).toBe(2);
    const b = world.kits['site-b']!;
    const first = update(b, task, 1);
    const other = update(b, task, 7);
    await cutMidUpload(b, first, 2);
    // The other update's envelope at the kept offset: the coordinator holds no chunk of that update.
    await expect(client(b).submitUpdate(other.envelope, other.chunks.slice(2), 2)).rejects.toMatchObject({
      code: 'UPLOAD_RESUME_MISMATCH', message: 'the upload resumes at ciphertext 2, but the coordinator holds no chunk of this update; ask UploadOffset or send it whole',
    });
    await expect(client(b).submitUpdate(first.envelope, first.chunks.slice(1), 1)).rejects.toMatchObject({
      code: 'UPLOAD_RESUME_MISMATCH', message: 'the upload resumes at ciphertext 1, but the coordinator holds chunks 0..1 of this update; ask UploadOffset or send it whole',
    });
    // The first update's signed envelope with the other update's chunks after the kept ones: they miss the signed digest.
    await expect(client(b).submitUpdate(first.envelope, other.chunks.slice(2), 2)).rejects.toMatchObject({
      code: 'UPDATE_INVALID', message: expect.stringContaining(`not to the signed digest ${first.envelope.digest}`),
    });
    const { runId, round, attempt, digest } = first.envelope;
    expect(await client(b).uploadOffset({ runId, round, attempt, digest })).toBe(0);
    expect(await sendUpdate(client(b), other.envelope, other.chunks)).toMatchObject({ round: 2, updatesIn: 1, digest: other.envelope.digest });
  });
});
