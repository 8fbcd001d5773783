// The coordinator over real gRPC with real mutual TLS on 127.0.0.1: a full round, every refusal, and a restart.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { isEnvelopeSignatureValid, signEnvelope } from '../../common/wire/envelopeSigning.ts';
import type { RoundTask, RunStatus } from '../../common/wire/protocolTypes.ts';
import type { AggregatePart } from '../../common/wire/wireCodec.ts';
import { startCoordinator, type RunningCoordinator } from '../../coordinator/startCoordinator.ts';
import { CoordinatorClient } from '../../participant/node/CoordinatorClient.ts';
import { MemoryLedger, plaintextAggregation, plaintextCodec } from './helpers/roundDoubles.ts';
import { testConsortium, type TestConsortium } from './helpers/testConsortium.ts';
import { NO_CONSENT_ROOT } from '../../common/consent/consentTree.ts';

let world: TestConsortium;
let ledger: MemoryLedger;
let aggregation: ReturnType<typeof plaintextAggregation>;
let coordinator: RunningCoordinator;
const clients: CoordinatorClient[] = [];

async function start(): Promise<RunningCoordinator> {
  return startCoordinator({ kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation });
}

function client(kit: Kit): CoordinatorClient {
  const connected = CoordinatorClient.connect(coordinator.address, kit.tls, world.kits.coordinator!.consortium.coordinator);
  clients.push(connected);
  return connected;
}

function update(kit: Kit, task: RoundTask, value: number, tweak: Partial<Parameters<typeof signEnvelope>[0]> = {}) {
  const chunks = [...plaintextCodec(world.parameters).encryptUpdate(new Float32Array(world.parameters).fill(value), 10)];
  const fields = { runId: task.runId, round: task.round, attempt: task.attempt, site: kit.id, examples: 10, codecId: task.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length, maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, ...tweak };
  return { envelope: signEnvelope(fields, kit.signingSecretKey!), chunks };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; grpcStatus: unknown; message: string }> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(MedflError);
  const medfl = error as MedflError;
  return { code: medfl.code, grpcStatus: medfl.details.grpcStatus, message: medfl.message };
}

const status = (): RunStatus => coordinator.engine.status();

beforeAll(async () => {
  world = await testConsortium();
  ledger = new MemoryLedger();
  aggregation = plaintextAggregation(world.parameters);
  coordinator = await start();
});

afterAll(async () => {
  for (const each of clients) each.close();
  await coordinator.stop();
  world.cleanup();
});

describe('coordinator over mutual-TLS gRPC (in-memory ledger double)', () => {
  it('listens on loopback and opens round 1 from the genesis model', async () => {
    expect(coordinator.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const seen = await client(world.kits['site-a']!).getRunStatus();
    expect(seen).toMatchObject({ runId: '1', runState: 'RUNNING', round: 1, roundState: 'COLLECTING', totalRounds: 2 });
    expect(seen.task?.prevModelHash).toBe(ledger.genesis);
  });

  it('refuses a client whose certificate comes from another CA', async () => {
    const outcome = await refusal(client(world.strangerKit).getRunStatus());
    expect(outcome.code).toBe('TRANSPORT_UNAVAILABLE');
    expect(outcome.grpcStatus).toBe(14);
  });

  it('refuses a forged signature, another site\'s envelope, a wrong codecId, a fingerprint of another codec, an ε spent under a plan without DP-SGD and a truncated ciphertext, each with its own code', async () => {
    const a = world.kits['site-a']!;
    const task = status().task!;
    const forged = update(a, task, 1);
    forged.envelope.signature[0] = (forged.envelope.signature[0] ?? 0) ^ 0xff;
    expect(await refusal(client(a).submitUpdate(forged.envelope, forged.chunks))).toMatchObject({ code: 'SIGNATURE_INVALID', grpcStatus: 16 });
    const asB = update(world.kits['site-b']!, task, 1);
    expect(await refusal(client(a).submitUpdate(asB.envelope, asB.chunks))).toMatchObject({
      code: 'IDENTITY_MISMATCH', grpcStatus: 7, message: 'the envelope names site site-b but the TLS client certificate is site-a',
    });
    const wrongCodec = update(a, task, 1, { codecId: 'ckks-other' });
    expect(await refusal(client(a).submitUpdate(wrongCodec.envelope, wrongCodec.chunks))).toMatchObject({
      code: 'CODEC_ID_MISMATCH', grpcStatus: 3, message: `the update uses codec ckks-other but the run uses ${aggregation.codecId}`,
    });
    const fingerprinted = update(a, task, 1, { maskedFingerprint: new Uint8Array(32) });
    expect(await refusal(client(a).submitUpdate(fingerprinted.envelope, fingerprinted.chunks))).toMatchObject({
      code: 'UPDATE_INVALID', message: 'the envelope carries a 32-byte masked fingerprint; plaintext updates carry none',
    });
    // The plan has no DP-SGD: a signed, otherwise valid update declaring an ε spent would put a false spend on chain.
    const spending = update(a, task, 1, { epsilonMicros: 1_500_000 });
    expect(await refusal(client(a).submitUpdate(spending.envelope, spending.chunks))).toMatchObject({
      code: 'UPDATE_INVALID', grpcStatus: 3, message: "site site-a's update declares an ε of 1.5, but the plan has no DP-SGD, so its updates must declare 0",
    });
    const truncated = update(a, task, 1);
    truncated.chunks[0] = truncated.chunks[0]!.slice(0, 5);
    expect(await refusal(client(a).submitUpdate(truncated.envelope, truncated.chunks))).toMatchObject({ code: 'CIPHERTEXT_TRUNCATED' });
    expect(status().updatesIn).toEqual([]);
  });

  it('acknowledges an update only once it is stored, answers the same update again with its receipt, and refuses another one from the same site', async () => {
    const a = world.kits['site-a']!;
    const first = update(a, status().task!, 1);
    const receipt = await client(a).submitUpdate(first.envelope, first.chunks);
    expect(receipt).toMatchObject({ round: 1, updatesIn: 1, digest: first.envelope.digest });
    expect(coordinator.engine.store.updates(1, 0).map((stored) => [stored.envelope.site, stored.receipt.signature])).toEqual([['site-a', receipt.signature]]);
    expect(await client(a).submitUpdate(first.envelope, first.chunks)).toEqual(receipt);
    const second = update(a, status().task!, 4);
    expect(await refusal(client(a).submitUpdate(second.envelope, second.chunks))).toMatchObject({ code: 'UPDATE_DUPLICATE', grpcStatus: 6 });
  });

  it('resumes after a restart with the stored update folded exactly once', async () => {
    await coordinator.stop();
    coordinator = await start();
    expect(coordinator.engine.current().sum?.updates).toBe(1);
    expect(status()).toMatchObject({ round: 1, roundState: 'COLLECTING', updatesIn: ['site-a'] });
    const again = update(world.kits['site-a']!, status().task!, 4);
    expect(await refusal(client(world.kits['site-a']!).submitUpdate(again.envelope, again.chunks))).toMatchObject({ code: 'UPDATE_DUPLICATE' });
  });

  it('closes at all-in, serves the aggregate with its digest, and commits on a quorum of matching attestations', async () => {
    const task = status().task!;
    for (const [site, value] of [['site-b', 2], ['site-c', 3]] as const) {
      const { envelope, chunks } = update(world.kits[site]!, task, value);
      await client(world.kits[site]!).submitUpdate(envelope, chunks);
    }
    expect(status().roundState).toBe('ATTESTING');
    const parts: AggregatePart[] = [];
    for await (const part of client(world.kits['site-b']!).fetchAggregate(1)) parts.push(part);
    const header = parts.flatMap((part) => ('header' in part ? [part.header] : []))[0]!;
    const chunks = parts.flatMap((part) => ('chunk' in part ? [part.chunk] : []));
    expect(header).toMatchObject({ round: 1, totalExamples: 30, chunkCount: aggregation.chunkCount, prevModelHash: task.prevModelHash });
    expect(header.contributions.map((leaf) => leaf.site)).toEqual(['site-a', 'site-b', 'site-c']);
    // Each leaf carries its site's envelope signature, site-a's from the store across the restart: sites verify them.
    for (const leaf of header.contributions) {
      const envelope = { ...header, ...leaf, signature: leaf.envelopeSignature };
      const site = world.kits.coordinator!.consortium.sites.find((entry) => entry.id === leaf.site)!;
      expect(isEnvelopeSignatureValid(envelope, Buffer.from(site.signingPublicKey, 'base64'))).toBe(true);
    }
    expect(chunksDigest(chunks.map((chunk) => chunk.data))).toBe(header.aggregateDigest);
    const mean = plaintextCodec(world.parameters).decryptAggregate(chunks.map((chunk) => chunk.data), header.totalExamples);
    expect(mean[0]).toBeCloseTo(2, 6); // (1·10 + 2·10 + 3·10) / 30: site-a counted once despite the restart
    const modelHash = `0x${'ab'.repeat(32)}` as const;
    for (const site of ['site-a', 'site-c']) {
      const kit = world.kits[site]!;
      const fields = { runId: header.runId, round: 1, prevModelHash: header.prevModelHash, modelHash, aggregateDigest: header.aggregateDigest, contributionsRoot: header.contributionsRoot, totalExamples: 30 };
      const signature = await ledger.siteLedger(kit.ethPrivateKey).signAttestation(fields);
      const metrics = { loss: 0.5, accuracy: 0.7, auroc: 0.8, auprc: 0.6, brier: 0.2, positiveRate: 0.4, examples: 5 };
      await client(kit).submitAttestation({ ...fields, attempt: 0, site, signature, metrics });
    }
    expect(ledger.commits).toHaveLength(1);
    expect(ledger.commits[0]).toMatchObject({ round: 1, modelHash, totalExamples: 30, contributionsRoot: header.contributionsRoot });
    expect(status()).toMatchObject({ round: 2, roundState: 'COLLECTING', lastCommit: { round: 1, modelHash, attesters: ['site-a', 'site-c'] } });
    expect(status().task?.prevModelHash).toBe(modelHash);
  });

  it('refuses an update replayed from an earlier round', async () => {
    const stale = { ...status().task!, round: 1 };
    const replay = update(world.kits['site-b']!, stale, 2);
    expect(await refusal(client(world.kits['site-b']!).submitUpdate(replay.envelope, replay.chunks))).toMatchObject({
      code: 'ROUND_MISMATCH', grpcStatus: 9, message: 'the update is for run 1 round 1 attempt 0, but the open round is run 1 round 2 attempt 0',
    });
  });
});
