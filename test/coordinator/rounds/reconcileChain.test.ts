// The coordinator's store held against a real anvil: commits the chain lost (a reorg by evm_revert, a restored older
// state) are sent again from the stored attestations, in order; another model on chain is CHAIN_DIVERGED.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { childLogger } from '../../../common/log.ts';
import { reconcileChain, type ReconcileContext } from '../../../coordinator/rounds/reconcileChain.ts';
import { RoundStore } from '../../../coordinator/store/RoundStore.ts';
import { rpc } from '../../helpers/restorableChain.ts';
import { hashOf, signedRound, siteWallets } from '../../contracts/signedRound.ts';
import { startChainRun, type ChainRun } from '../helpers/chainRun.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-reconcile-'));
const sites = siteWallets('reconcile', 2);
const ids = ['site-a', 'site-b'];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface World extends ChainRun {
  store: RoundStore;
}

async function world(label: string): Promise<World> {
  const run = await startChainRun(label, sites, cleanups);
  const store = RoundStore.open(join(dir, label));
  cleanups.push(() => store.close());
  return { ...run, store };
}

/** Commits round `round` on chain and records it in the store as the coordinator does. */
async function commitRound(w: World, round: number, prev: Hash32, model: Hash32): Promise<string> {
  const request = await signedRound(w.client, w.runId, round, prev, sites, sites, model);
  // The stored header's leaves carry each site's envelope signature and masked fingerprint (unused by a re-send).
  const contributions = request.contributions.map((leaf, index) => ({ ...leaf, site: ids[index]!, maskedFingerprint: new Uint8Array(0), envelopeSignature: new Uint8Array(64) }));
  const txHash = await w.client.commitRound(request);
  const { runId, prevModelHash, modelHash, aggregateDigest, contributionsRoot, totalExamples } = request;
  const task = { runId, round, attempt: 0, planHash: hashOf('plan'), prevModelHash, deadlineUnixMs: 0, minUpdates: 2, codecId: '0xc0dec', chunkCount: 1, expectedSites: ids, proximalMu: 0, keyHolders: [] };
  const aggregate = { runId, round, attempt: 0, codecId: '0xc0dec', aggregateDigest, contributions, totalExamples, contributionsRoot, chunkCount: 1, prevModelHash, decryptors: [], setHash: '', decryptionShares: [] };
  const metrics = { loss: 0.5, accuracy: 0.7, auroc: 0.8, auprc: 0.6, brier: 0.2, positiveRate: 0.4, examples: 5 };
  for (const [index, site] of ids.entries()) {
    await w.store.putAttestation({ runId, round, attempt: 0, site, prevModelHash, modelHash, aggregateDigest, contributionsRoot, totalExamples, signature: request.signatures[index]!, metrics });
  }
  const commit = { round, modelHash, txHash, totalExamples, attesters: ids, siteMetrics: [], contributions };
  await w.store.putRound({ round, attempt: 0, state: 'COMMITTED', task, aggregate, commit });
  return txHash;
}

const model = (round: number) => hashOf(`model ${round}`);
const context = (w: World): ReconcileContext => ({ store: w.store, ledger: w.ledger, runId: w.runId, confirmations: 1, log: childLogger('test'), now: () => Date.now() });

describe('reconcileChain (real anvil, real store)', () => {
  it('does nothing when the chain holds every stored commit', async () => {
    const w = await world('same');
    await commitRound(w, 1, w.genesis, model(1));
    expect(await reconcileChain(context(w), Date.now() + 10_000)).toEqual([]);
    expect(await w.client.latestRound(w.runId)).toBe(1);
  }, 60_000);

  it('re-sends the last commit a reorg (evm_revert) removed, with the same signatures, and records its new transaction', async () => {
    const w = await world('reorg');
    await commitRound(w, 1, w.genesis, model(1));
    const snapshot = await rpc<string>(w.chain.rpcUrl, 'evm_snapshot');
    await commitRound(w, 2, model(1), model(2));
    await rpc(w.chain.rpcUrl, 'evm_revert', [snapshot]);
    expect(await w.client.latestRound(w.runId)).toBe(1);
    const resent = await reconcileChain(context(w), Date.now() + 10_000);
    expect(resent.map((commit) => commit.round)).toEqual([2]);
    expect((await w.client.getRound(w.runId, 2))?.modelHash).toBe(model(2));
    expect((await w.client.roundEvents(w.runId, 2))?.txHash).toBe(resent[0]!.txHash);
    expect(w.store.committedRound(2)?.commit?.txHash).toBe(resent[0]!.txHash);
  }, 60_000);

  it('a reorg between its two reads (latest round, then that round\'s model; the reorg is timed by a wrapper on the real client) is a lost commit, not CHAIN_DIVERGED', async () => {
    const w = await world('reorg-between-reads');
    await commitRound(w, 1, w.genesis, model(1));
    const snapshot = await rpc<string>(w.chain.rpcUrl, 'evm_snapshot');
    await commitRound(w, 2, model(1), model(2));
    let reorged = false;
    const latestRound = async (runId: string) => {
      const latest = await w.ledger.latestRound(runId);
      if (!reorged) {
        reorged = true;
        await rpc(w.chain.rpcUrl, 'evm_revert', [snapshot]);
      }
      return latest;
    };
    const ledger = { ...w.ledger, latestRound };
    const resent = await reconcileChain({ ...context(w), ledger }, Date.now() + 10_000);
    expect(resent.map((commit) => commit.round)).toEqual([2]);
    expect((await w.client.getRound(w.runId, 2))?.modelHash).toBe(model(2));
  }, 60_000);

  it('re-sends every round a restored older state lost, in order, on the same chain id and ledger address', async () => {
    const w = await world('restore');
    await commitRound(w, 1, w.genesis, model(1));
    const older = join(dir, 'restore-state.json');
    await w.chain.saveState(older);
    await commitRound(w, 2, model(1), model(2));
    await commitRound(w, 3, model(2), model(3));
    await w.chain.halt();
    await w.chain.restore(older);
    expect(await w.client.latestRound(w.runId)).toBe(1);
    const resent = await reconcileChain(context(w), Date.now() + 10_000);
    expect(resent.map((commit) => commit.round)).toEqual([2, 3]);
    const events = await Promise.all([2, 3].map((round) => w.client.roundEvents(w.runId, round)));
    expect(events.map((event) => event?.prevModelHash)).toEqual([model(1), model(2)]);
    expect(await w.client.latestRound(w.runId)).toBe(3);
  }, 60_000);

  it('stops with CHAIN_DIVERGED naming the round, tx, and both models when the chain holds another model', async () => {
    const w = await world('diverged');
    await commitRound(w, 1, w.genesis, model(1));
    const snapshot = await rpc<string>(w.chain.rpcUrl, 'evm_snapshot');
    const storedTx = await commitRound(w, 2, model(1), model(2));
    await rpc(w.chain.rpcUrl, 'evm_revert', [snapshot]);
    await w.client.commitRound(await signedRound(w.client, w.runId, 2, model(1), sites, sites, hashOf('another model')));
    const reconciling = reconcileChain(context(w), Date.now() + 10_000);
    await expect(reconciling).rejects.toMatchObject({ code: 'CHAIN_DIVERGED', details: { round: 2, expected: model(2), found: hashOf('another model'), txHash: storedTx } });
    await expect(reconciling).rejects.toThrow(
      `round 2 of run ${w.runId}: the store committed model ${model(2)} (tx ${storedTx}) but the chain holds ${hashOf('another model')}; the store and the chain disagree, so the run stops (nothing is overwritten)`,
    );
    expect((await w.client.getRound(w.runId, 2))?.modelHash).toBe(hashOf('another model'));
  }, 60_000);
});
