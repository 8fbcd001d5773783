// Round decisions under faults, over real mTLS gRPC: a broken upload, closing at the deadline, retry and stop.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { RoundTask, RunStatus } from '../../../common/wire/protocolTypes.ts';
import type { RunInput } from '../../../coordinator/ports.ts';
import { startCoordinator, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { MemoryLedger, plaintextAggregation, plaintextCodec } from '../helpers/roundDoubles.ts';
import { testConsortium, testPlan, type TestConsortium } from '../helpers/testConsortium.ts';

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
  const fields = { runId: task.runId, round: task.round, attempt: task.attempt, site: kit.id, examples: 5, codecId: task.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length };
  return { envelope: signEnvelope(fields, kit.signingSecretKey!), chunks };
}

/** Resolves with the first status that satisfies `predicate` (bounded by the test timeout). */
function statusWhere(coordinator: RunningCoordinator, predicate: (status: RunStatus) => boolean): Promise<RunStatus> {
  return new Promise((resolve) => {
    const stop = coordinator.engine.watch((status) => {
      if (predicate(status)) {
        queueMicrotask(() => stop());
        resolve(status);
      }
    });
  });
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

describe('RunEngine under faults', () => {
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
    expect(stopped.failure).toBe('round 1 failed: only 0 of the 2 required updates arrived before the deadline');
    expect(coordinator.engine.store.getRound(1, 0)).toMatchObject({ state: 'FAILED', failure: 'only 1 of the 2 required updates arrived before the deadline' });
  });
});
