// Round decisions under faults, over real mTLS gRPC: a broken upload, closing at the deadline, retry and stop, and a
// restart between the chain's commit and the store's record of it.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../../common/canonicalJson.ts';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import type { RunInput } from '../../../coordinator/ports.ts';
import { startCoordinator, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import { RoundStore } from '../../../coordinator/store/RoundStore.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { MemoryLedger, plaintextAggregation, plaintextCodec } from '../helpers/roundDoubles.ts';
import { statusWhere } from '../helpers/statusWhere.ts';
import { testConsortium, testPlan, type TestConsortium } from '../helpers/testConsortium.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(consortium: Parameters<typeof testPlan>[0]): Promise<{ world: TestConsortium; coordinator: RunningCoordinator }> {
  const world = await testConsortium(testPlan(consortium));
  cleanups.push(world.cleanup);
  const coordinator = await startCoordinator({
    kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger: new MemoryLedger(), aggregation: plaintextAggregation(world.parameters),
  });
  cleanups.push(coordinator.stop);
  return { world, coordinator };
}

function connect(world: TestConsortium, coordinator: RunningCoordinator, site: string): CoordinatorClient {
  const client = CoordinatorClient.connect(coordinator.address, world.kits[site]!.tls, world.kits.coordinator!.consortium.coordinator);
  cleanups.push(() => client.close());
  return client;
}

function signedUpdate(world: TestConsortium, kit: Kit, task: RoundTask) {
  const chunks = [...plaintextCodec(world.parameters).encryptUpdate(new Float32Array(world.parameters).fill(1), 5)];
  const fields = { runId: task.runId, round: task.round, attempt: task.attempt, site: kit.id, examples: 5, codecId: task.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length, maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT };
  return { envelope: signEnvelope(fields, kit.signingSecretKey!), chunks };
}

/** createRun reaches the chain, but its answer is lost: as if the coordinator died before storing the run id. */
class AnswerLostLedger extends MemoryLedger {
  loseNext = true;

  override async createRun(input: RunInput): Promise<string> {
    const runId = await super.createRun(input);
    if (!this.loseNext) return runId;
    this.loseNext = false;
    throw new MedflError('TRANSPORT_UNAVAILABLE', 'the RPC connection dropped before createRun\'s receipt');
  }
}

describe('RunEngine under faults (in-memory ledger double)', () => {
  it('creates its run once when the answer to createRun was lost: a restart finds it on chain', async () => {
    const world = await testConsortium(testPlan({}));
    cleanups.push(world.cleanup);
    const ledger = new AnswerLostLedger();
    const options = { kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation: plaintextAggregation(world.parameters) };
    await expect(startCoordinator(options)).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE' });
    const coordinator = await startCoordinator(options);
    cleanups.push(coordinator.stop);
    expect(ledger.runs).toHaveLength(1);
    expect(coordinator.engine.status()).toMatchObject({ runId: '1', round: 1, roundState: 'COLLECTING' });
  });

  it('keeps its plan in the store beside the run, for a reviewer replaying the stopped store (medfl replay)', async () => {
    const world = await testConsortium(testPlan({}));
    cleanups.push(world.cleanup);
    const storeDir = join(world.dir, 'store');
    const coordinator = await startCoordinator({ kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir, ledger: new MemoryLedger(), aggregation: plaintextAggregation(world.parameters) });
    await coordinator.stop();
    const store = RoundStore.openReadOnly(storeDir);
    cleanups.push(() => store.close());
    expect(store.plan(planHash(world.plan))).toBe(canonicalJson(world.plan));
  });

  it('drops an upload that breaks off mid-stream, takes the site\'s retry, and closes at the deadline with the rest', async () => {
    const { world, coordinator } = await setUp({ minUpdates: 2, roundDeadlineSeconds: 2 });
    const task = coordinator.engine.status().task!;
    const a = world.kits['site-a']!;
    const { envelope, chunks } = signedUpdate(world, a, task);
    expect(chunks.length).toBeGreaterThan(1);
    async function* breaksOff() {
      yield chunks[0]!;
      throw new Error('node killed mid-upload');
    }
    await expect(connect(world, coordinator, 'site-a').submitUpdate(envelope, breaksOff())).rejects.toThrow('node killed mid-upload');
    // The abort reaches the server asynchronously; poll (bounded) until it has dropped the partial upload.
    for (let i = 0; i < 100 && coordinator.engine.current().inflight.size > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(coordinator.engine.current().inflight.size).toBe(0);
    expect(coordinator.engine.status().updatesIn).toEqual([]);
    await connect(world, coordinator, 'site-a').submitUpdate(envelope, chunks);
    const b = signedUpdate(world, world.kits['site-b']!, task);
    await connect(world, coordinator, 'site-b').submitUpdate(b.envelope, b.chunks);
    expect(coordinator.engine.status().roundState).toBe('COLLECTING');
    const closed = await statusWhere(coordinator, (status) => status.roundState === 'ATTESTING');
    expect(closed.updatesIn).toEqual(['site-a', 'site-b']);
    expect(coordinator.engine.aggregate(1).header).toMatchObject({ totalExamples: 10, contributions: [{ site: 'site-a' }, { site: 'site-b' }] });
  });

  it("refuses an upload claiming more examples than the plan's cap with EXAMPLES_OVER_CAP and stages none of it", async () => {
    const { world, coordinator } = await setUp({ maxExamplesPerSite: 4 });
    const { envelope, chunks } = signedUpdate(world, world.kits['site-a']!, coordinator.engine.status().task!);
    const refused = await connect(world, coordinator, 'site-a').submitUpdate(envelope, chunks).catch((thrown: unknown) => thrown);
    expect(refused).toMatchObject({ code: 'EXAMPLES_OVER_CAP', message: "site site-a's update claims 5 examples; the plan caps a site at 4" });
    for (let i = 0; i < 100 && coordinator.engine.current().inflight.size > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(coordinator.engine.current().inflight.size).toBe(0);
    expect(coordinator.engine.status().updatesIn).toEqual([]);
  });

  it('fails a round short of minUpdates at its deadline, retries it as a new attempt, then stops the run', async () => {
    const { world, coordinator } = await setUp({ minUpdates: 2, roundDeadlineSeconds: 1, onRoundFailure: 'retry', maxRetries: 1 });
    const first = coordinator.engine.status().task!;
    const lone = signedUpdate(world, world.kits['site-c']!, first);
    await connect(world, coordinator, 'site-c').submitUpdate(lone.envelope, lone.chunks);
    const retried = await statusWhere(coordinator, (status) => status.task?.attempt === 1);
    expect(retried).toMatchObject({ round: 1, roundState: 'COLLECTING', updatesIn: [] });
    const replay = await connect(world, coordinator, 'site-c').submitUpdate(lone.envelope, lone.chunks).catch((thrown: unknown) => thrown);
    expect(replay).toMatchObject({ code: 'ROUND_MISMATCH' });
    const stopped = await statusWhere(coordinator, (status) => status.runState === 'STOPPED');
    // Each failure says which expected sites never reached this coordinator and which reached it but sent nothing.
    expect(stopped.failure).toBe(
      'round 1 failed: only 0 of the 2 required updates arrived before the deadline (never connected to this coordinator: site-a, site-b; connected but sent no update: site-c)',
    );
    expect(coordinator.engine.store.getRound(1, 0)).toMatchObject({
      state: 'FAILED', failure: 'only 1 of the 2 required updates arrived before the deadline (never connected to this coordinator: site-a, site-b)',
    });
  });
});

/** Every site's update for the open round; all three in, the round closes and awaits attestations. */
async function allUpdatesIn(world: TestConsortium, coordinator: RunningCoordinator): Promise<void> {
  const task = coordinator.engine.status().task!;
  for (const site of ['site-a', 'site-b', 'site-c']) {
    const { envelope, chunks } = signedUpdate(world, world.kits[site]!, task);
    await connect(world, coordinator, site).submitUpdate(envelope, chunks);
  }
}

async function attest(world: TestConsortium, coordinator: RunningCoordinator, ledger: MemoryLedger, site: string): Promise<unknown> {
  const { header } = coordinator.engine.aggregate(1);
  const fields = { runId: header.runId, round: 1, prevModelHash: header.prevModelHash, modelHash: `0x${'cd'.repeat(32)}` as const, aggregateDigest: header.aggregateDigest, contributionsRoot: header.contributionsRoot, totalExamples: header.totalExamples };
  const signature = await ledger.siteLedger(world.kits[site]!.ethPrivateKey).signAttestation(fields);
  const metrics = { loss: 0.5, accuracy: 0.7, auroc: 0.8, auprc: 0.6, brier: 0.2, positiveRate: 0.4, examples: 5 };
  return connect(world, coordinator, site).submitAttestation({ ...fields, attempt: 0, site, signature, metrics }).catch((thrown: unknown) => thrown);
}

describe('RunEngine restart (in-memory ledger double)', () => {
  it('keeps the committed round\'s transaction hash when a restart finds the round already on chain', async () => {
    const world = await testConsortium(testPlan({}));
    cleanups.push(world.cleanup);
    const ledger = new MemoryLedger();
    const options = { kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation: plaintextAggregation(world.parameters) };
    const first = await startCoordinator(options);
    await allUpdatesIn(world, first);
    // The commit reaches the chain, then the coordinator dies before its store records COMMITTED.
    const { store } = first.engine;
    const putRound = store.putRound.bind(store);
    vi.spyOn(store, 'putRound').mockImplementation((record) => (record.state === 'COMMITTED' ? Promise.reject(new MedflError('STORE_FAILED', 'disk gone')) : putRound(record)));
    await attest(world, first, ledger, 'site-a');
    expect(await attest(world, first, ledger, 'site-b')).toMatchObject({ code: 'STORE_FAILED' });
    expect(ledger.txHashes).toHaveLength(1);
    await first.stop();
    const restarted = await startCoordinator(options);
    cleanups.push(restarted.stop);
    expect(ledger.commits).toHaveLength(1);
    expect(restarted.engine.status()).toMatchObject({ round: 2, roundState: 'COLLECTING', lastCommit: { round: 1, attesters: ['site-a', 'site-b'] } });
    expect(restarted.engine.status().lastCommit?.txHash).toBe(ledger.txHashes[0]);
    expect(restarted.engine.status().lastCommit?.txHash).not.toBe('');
    expect(restarted.engine.store.committedRound(1)?.commit?.txHash).toBe(ledger.txHashes[0]);
  });
});
