// Update receipts over real mTLS gRPC: the coordinator signs one for every update it made durable, answers the very
// same update sent again (after a lost reply, a restart, or once the round has closed) with that receipt, and still
// refuses a different update from the same site.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../../common/wire/contributionsRoot.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { RoundTask, UpdateReceipt } from '../../../common/wire/protocolTypes.ts';
import { startCoordinator, type CoordinatorOptions, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { MemoryLedger, plaintextAggregation, plaintextCodec } from '../helpers/roundDoubles.ts';
import { testConsortium, testPlan, type TestConsortium } from '../helpers/testConsortium.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(plan = testPlan({ minUpdates: 2 })): Promise<{ world: TestConsortium; ledger: MemoryLedger; options: CoordinatorOptions; coordinator: RunningCoordinator }> {
  const world = await testConsortium(plan);
  cleanups.push(world.cleanup);
  const ledger = new MemoryLedger(world.kits.coordinator!.ethPrivateKey);
  const options = { kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation: plaintextAggregation(world.parameters) };
  const coordinator = await startCoordinator(options);
  cleanups.push(coordinator.stop);
  return { world, ledger, options, coordinator };
}

function submit(world: TestConsortium, coordinator: RunningCoordinator, kit: Kit, update: ReturnType<typeof signedUpdate>): Promise<UpdateReceipt> {
  const client = CoordinatorClient.connect(coordinator.address, kit.tls, world.kits.coordinator!.consortium.coordinator);
  cleanups.push(() => client.close());
  return client.submitUpdate(update.envelope, update.chunks);
}

function signedUpdate(world: TestConsortium, kit: Kit, task: RoundTask, value = 1, epsilonMicros = 0) {
  const chunks = [...plaintextCodec(world.parameters).encryptUpdate(new Float32Array(world.parameters).fill(value), 5)];
  const fields = { runId: task.runId, round: task.round, attempt: task.attempt, site: kit.id, examples: 5, codecId: task.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length, maskedFingerprint: new Uint8Array(0), epsilonMicros, consentRoot: NO_CONSENT_ROOT };
  return { envelope: signEnvelope(fields, kit.signingSecretKey!), chunks };
}

const siteAddress = (world: TestConsortium, site: string) => world.kits.coordinator!.consortium.sites.find((entry) => entry.id === site)!.address;

describe('UpdateIntake receipts (in-memory ledger double, real gRPC coordinator)', () => {
  it('signs a receipt with the coordinator\'s key over run, round, attempt, site address and digest', async () => {
    const { world, ledger, coordinator } = await setUp();
    const task = coordinator.engine.status().task!;
    const update = signedUpdate(world, world.kits['site-a']!, task);
    const receipt = await submit(world, coordinator, world.kits['site-a']!, update);
    const fields = { runId: task.runId, round: 1, attempt: 0, site: siteAddress(world, 'site-a'), digest: update.envelope.digest };
    expect(receipt).toMatchObject({ ...fields, updatesIn: 1 });
    const signer = ledger.siteLedger(world.kits['site-a']!.ethPrivateKey).receiptSigner(fields, receipt.signature);
    expect(signer).toBe(world.kits.coordinator!.consortium.coordinator.address);
  });

  it('answers the very same update again with the original receipt, also after a restart and once the round closed', async () => {
    const { world, options, coordinator } = await setUp();
    const task = coordinator.engine.status().task!;
    const a = world.kits['site-a']!;
    const update = signedUpdate(world, a, task);
    const original = await submit(world, coordinator, a, update);
    expect(await submit(world, coordinator, a, update)).toEqual(original);
    expect(coordinator.engine.status().updatesIn).toEqual(['site-a']);

    await coordinator.stop();
    const restarted = await startCoordinator(options);
    cleanups.push(restarted.stop);
    expect(await submit(world, restarted, a, update)).toEqual(original);

    for (const site of ['site-b', 'site-c']) await submit(world, restarted, world.kits[site]!, signedUpdate(world, world.kits[site]!, task));
    expect(restarted.engine.status().roundState).toBe('ATTESTING');
    expect(await submit(world, restarted, a, update)).toEqual({ ...original, updatesIn: 3 });
    expect(restarted.engine.aggregate(1).header.contributions.find((leaf) => leaf.site === 'site-a')).toMatchObject({ digest: original.digest, examples: 5 });
  });

  it('under DP-SGD, puts each site\'s signed ε into its leaf and the contributions root, also after a restart', async () => {
    const base = testPlan({ minUpdates: 2 });
    // A target ε: the consortium's sites are approved with it as their budget (runPrivacyBudget).
    const plan = { ...base, privacy: { ...base.privacy, dpSgd: { maxGradNorm: 1, delta: 1e-5, targetEpsilon: 5 } } };
    const { world, options, coordinator } = await setUp(plan);
    const task = coordinator.engine.status().task!;
    const spends: Record<string, number> = { 'site-a': 1_100_000, 'site-b': 2_200_000, 'site-c': 3_300_000 };
    await submit(world, coordinator, world.kits['site-a']!, signedUpdate(world, world.kits['site-a']!, task, 1, spends['site-a']));
    await coordinator.stop();
    const restarted = await startCoordinator(options);
    cleanups.push(restarted.stop);
    for (const site of ['site-b', 'site-c']) await submit(world, restarted, world.kits[site]!, signedUpdate(world, world.kits[site]!, task, 1, spends[site]));
    const { header } = restarted.engine.aggregate(1);
    expect(Object.fromEntries(header.contributions.map((leaf) => [leaf.site, leaf.epsilonMicros]))).toEqual(spends);
    expect(header.contributionsRoot).toBe(contributionsRoot(header.contributions));
    const unspent = { ...header.contributions[0]!, epsilonMicros: 0 };
    expect(contributionsRoot([unspent, ...header.contributions.slice(1)])).not.toBe(header.contributionsRoot);
  });

  it('refuses a different update from the same site and attempt as UPDATE_DUPLICATE, and the same envelope with other bytes as UPDATE_INVALID', async () => {
    const { world, coordinator } = await setUp();
    const task = coordinator.engine.status().task!;
    const a = world.kits['site-a']!;
    const update = signedUpdate(world, a, task);
    await submit(world, coordinator, a, update);
    const other = await submit(world, coordinator, a, signedUpdate(world, a, task, 2)).catch((thrown: unknown) => thrown);
    expect(other).toMatchObject({ code: 'UPDATE_DUPLICATE', message: 'site site-a already submitted an update for round 1' });
    const tampered = { envelope: update.envelope, chunks: signedUpdate(world, a, task, 3).chunks };
    const replay = await submit(world, coordinator, a, tampered).catch((thrown: unknown) => thrown);
    expect(replay).toMatchObject({ code: 'UPDATE_INVALID', message: expect.stringMatching(/^the ciphertexts hash to 0x[0-9a-f]{64}, not to the signed digest /) });
    expect(coordinator.engine.status().updatesIn).toEqual(['site-a']);
  });
});
