// The round loop against a real anvil through the real ledger wiring: a round counts as committed only at its
// confirmations, a chain outage at commit time is retried until the attestation deadline, and a chain holding another
// model than the store stops the run. Sites are played over real mTLS gRPC by this test.
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import { signRoundAttestation } from '../../../contracts/attestation.ts';
import { authorizeCoordinator } from '../../../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { connectLedger, type LedgerClient } from '../../../contracts/LedgerClient.ts';
import type { CoordinatorOptions } from '../../../coordinator/startCoordinator.ts';
import { startCoordinator, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import { coordinatorLedger } from '../../../coordinator/wiring.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { RestorableChain, rpc } from '../../helpers/restorableChain.ts';
import { plaintextAggregation, plaintextCodec } from '../helpers/roundDoubles.ts';
import { statusWhere } from '../helpers/statusWhere.ts';
import { testConsortium, testPlan, type TestConsortium } from '../helpers/testConsortium.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface World {
  consortium: TestConsortium;
  chain: RestorableChain;
  /** The chain read (and, for the divergence test, written) with the coordinator's own key. */
  reader: LedgerClient;
  options: CoordinatorOptions;
}

async function world(overrides: Parameters<typeof testPlan>[0], confirmations = 1): Promise<World> {
  const consortium = await testConsortium(testPlan(overrides));
  cleanups.push(consortium.cleanup);
  const chain = await RestorableChain.start();
  cleanups.push(() => chain.stop());
  const kit = consortium.kits.coordinator!;
  await authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, new Wallet(kit.ethPrivateKey).address);
  const reader = await connectLedger(chain.rpcUrl, chain.ledgerAddress, kit.ethPrivateKey);
  cleanups.push(() => reader.provider.destroy());
  const ledger = await coordinatorLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit });
  const options = { kitDir: consortium.kitDirs.coordinator!, plan: consortium.plan, storeDir: join(consortium.dir, 'store'), ledger, aggregation: plaintextAggregation(consortium.parameters), confirmations };
  return { consortium, chain, reader, options };
}

async function start(w: World): Promise<RunningCoordinator> {
  const coordinator = await startCoordinator(w.options);
  cleanups.push(coordinator.stop);
  return coordinator;
}

function connect(w: World, coordinator: RunningCoordinator, site: string): CoordinatorClient {
  const client = CoordinatorClient.connect(coordinator.address, w.consortium.kits[site]!.tls, w.consortium.kits.coordinator!.consortium.coordinator);
  cleanups.push(() => client.close());
  return client;
}

/** Every site's update for the open round: the round closes and awaits attestations. */
async function closeRound(w: World, coordinator: RunningCoordinator): Promise<void> {
  const task = coordinator.engine.status().task!;
  for (const site of ['site-a', 'site-b', 'site-c']) {
    const kit = w.consortium.kits[site]!;
    const chunks = [...plaintextCodec(w.consortium.parameters).encryptUpdate(new Float32Array(w.consortium.parameters).fill(1), 5)];
    const fields = { runId: task.runId, round: task.round, attempt: task.attempt, site, examples: 5, codecId: task.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length, maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT };
    await connect(w, coordinator, site).submitUpdate(signEnvelope(fields, kit.signingSecretKey!), chunks);
  }
}

const MODEL: Hash32 = `0x${'cd'.repeat(32)}`;

/** The attested fields of the closed round `round`, for `modelHash`. */
function roundFields(coordinator: RunningCoordinator, round: number, modelHash: Hash32) {
  const { header } = coordinator.engine.aggregate(round);
  return { runId: header.runId, round, prevModelHash: header.prevModelHash, modelHash, aggregateDigest: header.aggregateDigest, contributionsRoot: header.contributionsRoot, totalExamples: header.totalExamples };
}

/** `site` attests the closed round with its real EIP-712 signature; resolves once the coordinator answers. */
async function attest(w: World, coordinator: RunningCoordinator, site: string, round = 1, modelHash = MODEL): Promise<unknown> {
  const fields = roundFields(coordinator, round, modelHash);
  const signature = await signRoundAttestation(new Wallet(w.consortium.kits[site]!.ethPrivateKey), { chainId: w.reader.chainId, ledger: w.chain.ledgerAddress }, fields);
  const metrics = { loss: 0.5, accuracy: 0.7, auroc: 0.8, auprc: 0.6, brier: 0.2, positiveRate: 0.4, examples: 5 };
  return connect(w, coordinator, site).submitAttestation({ ...fields, attempt: coordinator.engine.status().task!.attempt, site, signature, metrics });
}

async function commitEvents(reader: LedgerClient, runId: string): Promise<number> {
  return (await reader.contract.queryFilter(reader.contract.filters.RoundCommitted!(runId), 0)).length;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RunEngine on a real anvil', () => {
  it('with --confirmations 2, opens round 2 only after the block that confirms round 1 a second time', async () => {
    const w = await world({}, 2);
    const coordinator = await start(w);
    await closeRound(w, coordinator);
    await attest(w, coordinator, 'site-a');
    const quorum = attest(w, coordinator, 'site-b');
    for (let i = 0; i < 200 && (await w.reader.latestRound('1')) < 1; i += 1) await pause(25);
    expect(await w.reader.latestRound('1')).toBe(1);
    await pause(1_000);
    expect(coordinator.engine.status()).toMatchObject({ round: 1, roundState: 'ATTESTING' });
    expect(coordinator.engine.status().lastCommit).toBeUndefined();
    await rpc(w.chain.rpcUrl, 'evm_mine');
    await quorum;
    expect(coordinator.engine.status()).toMatchObject({ round: 2, roundState: 'COLLECTING', lastCommit: { round: 1, modelHash: MODEL } });
    expect(await w.reader.confirmations(coordinator.engine.status().lastCommit!.txHash)).toBe(2);
  }, 90_000);

  it('retries a commit while the chain is away and commits the round once when it is back within the deadline', async () => {
    const w = await world({ roundDeadlineSeconds: 30 });
    const coordinator = await start(w);
    await closeRound(w, coordinator);
    await attest(w, coordinator, 'site-a');
    const state = join(w.consortium.dir, 'chain-state.json');
    await w.chain.saveState(state);
    await w.chain.halt();
    const quorum = attest(w, coordinator, 'site-b');
    await pause(2_000);
    expect(coordinator.engine.status()).toMatchObject({ round: 1, roundState: 'ATTESTING' });
    await w.chain.restore(state);
    await quorum;
    expect(coordinator.engine.status()).toMatchObject({ round: 2, roundState: 'COLLECTING', lastCommit: { round: 1 } });
    expect(await commitEvents(w.reader, '1')).toBe(1);
    expect((await w.reader.roundEvents('1', 1))?.txHash).toBe(coordinator.engine.status().lastCommit!.txHash);
  }, 90_000);

  it('re-sends round 1 first when the chain comes back without it while round 2 is being committed', async () => {
    const w = await world({ roundDeadlineSeconds: 30 });
    const coordinator = await start(w);
    await closeRound(w, coordinator);
    const beforeRound1 = join(w.consortium.dir, 'before-round-1.json');
    await w.chain.saveState(beforeRound1);
    await attest(w, coordinator, 'site-a');
    await attest(w, coordinator, 'site-b');
    await closeRound(w, coordinator);
    const model2: Hash32 = `0x${'ab'.repeat(32)}`;
    await attest(w, coordinator, 'site-a', 2, model2);
    await w.chain.halt();
    const quorum = attest(w, coordinator, 'site-b', 2, model2);
    await pause(1_000);
    await w.chain.restore(beforeRound1);
    await quorum;
    expect(coordinator.engine.status()).toMatchObject({ runState: 'COMPLETED', lastCommit: { round: 2, modelHash: model2 } });
    expect(await w.reader.latestRound('1')).toBe(2);
    expect((await w.reader.roundEvents('1', 1))?.txHash).toBe(coordinator.engine.store.committedRound(1)?.commit?.txHash);
    expect(await commitEvents(w.reader, '1')).toBe(2);
  }, 90_000);

  it('fails the attempt with COMMIT_UNCONFIRMED when the chain stays away past the deadline, then retries per the strategy', async () => {
    const w = await world({ roundDeadlineSeconds: 3, onRoundFailure: 'retry', maxRetries: 1 });
    const coordinator = await start(w);
    await closeRound(w, coordinator);
    await w.chain.halt();
    await attest(w, coordinator, 'site-a');
    await attest(w, coordinator, 'site-b');
    const retried = await statusWhere(coordinator, (status) => status.task?.attempt === 1);
    expect(retried).toMatchObject({ round: 1, roundState: 'COLLECTING', runState: 'RUNNING' });
    expect(coordinator.engine.store.getRound(1, 0)?.state).toBe('FAILED');
    expect(coordinator.engine.store.getRound(1, 0)?.failure).toMatch(
      /^commitRound failed: COMMIT_UNCONFIRMED: round 1 of run 1 \(model 0x(cd){32}\) did not reach 1 confirmation\(s\) before the attestation deadline: CHAIN_UNAVAILABLE: /,
    );
  }, 90_000);

  it('stops the run with CHAIN_DIVERGED on restart when the chain holds another model for a committed round', async () => {
    const w = await world({});
    const first = await startCoordinator(w.options);
    await closeRound(w, first);
    const snapshot = await rpc<string>(w.chain.rpcUrl, 'evm_snapshot');
    await attest(w, first, 'site-a');
    await attest(w, first, 'site-b');
    const stored = first.engine.status().lastCommit!;
    const other: Hash32 = `0x${'ee'.repeat(32)}`;
    const fields = roundFields(first, 1, other);
    const { contributions } = first.engine.aggregate(1).header;
    await first.stop();
    // The chain loses the commit and another model is committed for round 1 with the sites' signatures for it.
    await rpc(w.chain.rpcUrl, 'evm_revert', [snapshot]);
    const domain = { chainId: w.reader.chainId, ledger: w.chain.ledgerAddress };
    const signatures = await Promise.all(['site-a', 'site-b'].map((site) => signRoundAttestation(new Wallet(w.consortium.kits[site]!.ethPrivateKey), domain, fields)));
    await w.reader.commitRound({ ...fields, contributions, signatures });
    const restarted = await start(w);
    expect(restarted.engine.status()).toMatchObject({ runState: 'STOPPED' });
    expect(restarted.engine.status().failure).toBe(
      `CHAIN_DIVERGED: round 1 of run 1: the store committed model ${MODEL} (tx ${stored.txHash}) but the chain holds ${other}; the store and the chain disagree, so the run stops (nothing is overwritten)`,
    );
    expect((await w.reader.getRound('1', 1))?.modelHash).toBe(other);
  }, 90_000);
});
