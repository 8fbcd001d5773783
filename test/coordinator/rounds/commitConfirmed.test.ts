// A round's commit made final on a real anvil: N confirmations before it counts, a reorg that drops it, and the chain
// away (back within the deadline, or not).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { childLogger } from '../../../common/log.ts';
import type { LedgerClient } from '../../../contracts/LedgerClient.ts';
import type { CommitRoundInput, CoordinatorLedger } from '../../../coordinator/ports.ts';
import { commitConfirmed, type ConfirmContext } from '../../../coordinator/rounds/commitConfirmed.ts';
import { rpc } from '../../helpers/restorableChain.ts';
import { signedRound, siteWallets } from '../../contracts/signedRound.ts';
import { startChainRun, type ChainRun } from '../helpers/chainRun.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-commit-confirmed-'));
const sites = siteWallets('commit-confirmed', 2);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface World extends ChainRun {
  input: CommitRoundInput;
}

/** A chain with a run whose round 1 is signed by both sites, ready to commit through the coordinator's real wiring. */
async function world(label: string): Promise<World> {
  const run = await startChainRun(label, sites, cleanups);
  const signed = await signedRound(run.client, run.runId, 1, run.genesis, sites);
  return { ...run, input: { ...signed, contributions: signed.contributions.map((leaf, index) => ({ ...leaf, site: `site-${index}` })) } };
}

const context = (ledger: CoordinatorLedger, confirmations: number): ConfirmContext => ({ ledger, confirmations, log: childLogger('test'), now: () => Date.now() });

async function commitEvents(client: LedgerClient, runId: string): Promise<number> {
  return (await client.contract.queryFilter(client.contract.filters.RoundCommitted!(runId), 0)).length;
}

/** Polls (bounded) until the chain's latest round of the run is `round`. */
async function untilLatest(client: LedgerClient, runId: string, round: number): Promise<void> {
  for (let i = 0; i < 200 && (await client.latestRound(runId)) !== round; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(await client.latestRound(runId)).toBe(round);
}

const settled = (promise: Promise<unknown>) => Promise.race([promise.then(() => true, () => true), new Promise((resolve) => setTimeout(() => resolve(false), 800))]);

describe('commitConfirmed (real anvil)', () => {
  it('with 2 confirmations, is not done when the commit is mined, only once the next block follows it', async () => {
    const { chain, client, ledger, input } = await world('two');
    const committing = commitConfirmed(context(ledger, 2), input, Date.now() + 20_000);
    await untilLatest(client, input.runId, 1);
    expect(await settled(committing)).toBe(false);
    await rpc(chain.rpcUrl, 'evm_mine');
    const txHash = await committing;
    expect(await ledger.confirmations(txHash)).toBe(2);
    expect((await client.roundEvents(input.runId, 1))?.txHash).toBe(txHash);
  }, 60_000);

  it('sends the commit again when a reorg (evm_revert) takes it out before its second confirmation', async () => {
    const { chain, client, ledger, input } = await world('reorg');
    const snapshot = await rpc<string>(chain.rpcUrl, 'evm_snapshot');
    // The real ledger, observed: the reorg comes once the client has its receipt and the wait for confirmations began.
    const sent: string[] = [];
    const observed = {
      ...ledger,
      commitRound: async (request: CommitRoundInput) => {
        const txHash = await ledger.commitRound(request);
        sent.push(txHash);
        return txHash;
      },
    };
    const committing = commitConfirmed(context(observed, 2), input, Date.now() + 20_000);
    for (let i = 0; i < 200 && sent.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(sent).toHaveLength(1);
    await rpc(chain.rpcUrl, 'evm_revert', [snapshot]);
    expect(await client.latestRound(input.runId)).toBe(0);
    await untilLatest(client, input.runId, 1);
    await rpc(chain.rpcUrl, 'evm_mine');
    const txHash = await committing;
    expect(sent).toHaveLength(2);
    expect((await client.roundEvents(input.runId, 1))?.txHash).toBe(txHash);
    expect(await commitEvents(client, input.runId)).toBe(1);
  }, 60_000);

  it('retries while the chain is away and commits once when it is back within the deadline', async () => {
    const { chain, client, ledger, input } = await world('outage');
    const state = join(dir, 'outage.json');
    await chain.saveState(state);
    await chain.halt();
    const committing = commitConfirmed(context(ledger, 1), input, Date.now() + 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await settled(committing)).toBe(false);
    await chain.restore(state);
    const txHash = await committing;
    expect((await client.roundEvents(input.runId, 1))?.txHash).toBe(txHash);
    expect(await commitEvents(client, input.runId)).toBe(1);
  }, 60_000);

  it('fails with COMMIT_UNCONFIRMED naming the round when the chain stays away past the deadline', async () => {
    const { chain, ledger, input } = await world('gone');
    await chain.halt();
    const started = Date.now();
    const committing = commitConfirmed(context(ledger, 1), input, started + 2_000);
    await expect(committing).rejects.toMatchObject({ code: 'COMMIT_UNCONFIRMED', details: { round: 1, runId: input.runId, modelHash: input.modelHash } });
    await expect(committing).rejects.toThrow(`round 1 of run ${input.runId} (model ${input.modelHash}) did not reach 1 confirmation(s) before the attestation deadline: CHAIN_UNAVAILABLE: `);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);
});
