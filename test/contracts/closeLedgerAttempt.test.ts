// RoundLedger.closeAttempt through the typed client on anvil and EDR (issue 15): an attempt's set hash is recorded once,
// by the run's coordinator, at the run's open round; every refusal reaches the caller as its own code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { authorizeCoordinator } from '../../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { connectLedger, type LedgerClient } from '../../contracts/LedgerClient.ts';
import { hashOf, signedRound, siteWallets } from './signedRound.ts';
import { CHAIN_ENGINES } from '../helpers/chainEngines.ts';

let chain: RunningChain;
let coordinator: LedgerClient;
/** Holds COORDINATOR_ROLE too, for runs of its own. */
let otherCoordinator: LedgerClient;
/** A registered site of every run here, with gas money but no coordinator role. */
let site: LedgerClient;
const signers = siteWallets('close-attempt', 2);
const genesis = hashOf('close-attempt genesis');
const [u, v] = [hashOf('sets U,T'), hashOf('sets U\',T\'')];

const newRun = () => coordinator.createRun({
  planHash: hashOf('close-attempt plan'), genesisModelHash: genesis, sites: [...signers.map((s) => s.address), devWallet(2).address], quorum: 2,
});

describe.each(CHAIN_ENGINES)('closeAttempt on a real %s', (engine) => {
  beforeAll(async () => {
    chain = await startChain({ engine });
    coordinator = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
    await authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, devWallet(1).address);
    otherCoordinator = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(1).privateKey);
    site = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(2).privateKey);
  }, 60_000);

  afterAll(async () => {
    for (const client of [coordinator, otherCoordinator, site]) client?.provider.destroy();
    await chain?.stop();
  });

  it('records the set hash once, emits AttemptClosed, and reads it back; attempts not closed read undefined', async () => {
    const runId = await newRun();
    expect(await coordinator.closedAttempt(runId, 1, 0)).toBeUndefined();
    const txHash = await coordinator.closeAttempt(runId, 1, 0, u);
    expect(await site.closedAttempt(runId, 1, 0)).toBe(u);
    expect(await site.closedAttempt(runId, 1, 1)).toBeUndefined();
    const receipt = await coordinator.provider.getTransactionReceipt(txHash);
    const events = receipt!.logs.map((entry) => coordinator.abi.parseLog(entry)).filter((parsed) => parsed?.name === 'AttemptClosed');
    expect(events.map((event) => [...event!.args])).toEqual([[BigInt(runId), 1n, 0n, u]]);
  }, 60_000);

  it('refuses a second close of the same attempt, with the same hash or another, and keeps the first', async () => {
    const runId = await newRun();
    await coordinator.closeAttempt(runId, 1, 0, u);
    const details = { error: 'RoundLedgerAttemptAlreadyClosed', args: { runId, round: '1', attempt: '0', setHash: u } };
    await expect(coordinator.closeAttempt(runId, 1, 0, u)).rejects.toMatchObject({
      code: 'ATTEMPT_ALREADY_CLOSED',
      message: `attempt 0 of round 1 of run ${runId} is already closed on chain with this set hash ${u}; an attempt's sets are recorded once: read them with closedAttempt, or close a new attempt`,
      details,
    });
    await expect(coordinator.closeAttempt(runId, 1, 0, v)).rejects.toMatchObject({
      code: 'ATTEMPT_ALREADY_CLOSED',
      message: expect.stringContaining(`already closed on chain with another set hash ${u}`),
      details,
    });
    expect(await coordinator.closedAttempt(runId, 1, 0)).toBe(u);
  }, 60_000);

  it('closes the next attempt of the same round after one was closed', async () => {
    const runId = await newRun();
    await coordinator.closeAttempt(runId, 1, 0, u);
    await coordinator.closeAttempt(runId, 1, 1, v);
    expect([await coordinator.closedAttempt(runId, 1, 0), await coordinator.closedAttempt(runId, 1, 1)]).toEqual([u, v]);
  }, 60_000);

  it('refuses a site of the run and another run\'s coordinator', async () => {
    const runId = await newRun();
    await expect(site.closeAttempt(runId, 1, 0, u)).rejects.toMatchObject({
      code: 'LEDGER_NOT_RUN_COORDINATOR',
      message: `${devWallet(2).address} holds no coordinator role on the ledger; only the coordinator of run ${runId} closes its attempts`,
      details: { error: 'AccessControlUnauthorizedAccount' },
    });
    const otherRun = await otherCoordinator.createRun({ planHash: hashOf('other plan'), genesisModelHash: genesis, sites: [devWallet(2).address], quorum: 1 });
    await otherCoordinator.closeAttempt(otherRun, 1, 0, v);
    await expect(otherCoordinator.closeAttempt(runId, 1, 0, v)).rejects.toMatchObject({
      code: 'LEDGER_NOT_RUN_COORDINATOR',
      message: `${devWallet(1).address} is not the coordinator of run ${runId} (${devWallet(0).address} is); only it closes the run's attempts`,
      details: { error: 'RoundLedgerNotRunCoordinator' },
    });
    expect(await coordinator.closedAttempt(runId, 1, 0)).toBeUndefined();
  }, 60_000);

  it('closes only the open round: a committed round is ROUND_CLOSED, a later one ROUND_MISMATCH', async () => {
    const runId = await newRun();
    await coordinator.commitRound(await signedRound(coordinator, runId, 1, genesis, signers));
    await expect(coordinator.closeAttempt(runId, 1, 1, u)).rejects.toMatchObject({
      code: 'ROUND_CLOSED',
      message: `round 1 of run ${runId} is already committed (the open round is 2); its attempts can no longer be closed`,
      details: { error: 'RoundLedgerRoundOutOfOrder', args: { runId, expected: '2', given: '1' } },
    });
    await expect(coordinator.closeAttempt(runId, 3, 0, u)).rejects.toMatchObject({
      code: 'ROUND_MISMATCH',
      message: `round 3 of run ${runId} is not open yet (the open round is 2)`,
    });
    await coordinator.closeAttempt(runId, 2, 0, u);
    expect(await coordinator.closedAttempt(runId, 2, 0)).toBe(u);
  }, 60_000);

  it('refuses a zero set hash and an unknown run', async () => {
    const runId = await newRun();
    const zero: Hash32 = `0x${'0'.repeat(64)}`;
    await expect(coordinator.closeAttempt(runId, 1, 0, zero)).rejects.toMatchObject({
      code: 'LEDGER_INPUT_INVALID',
      message: `the set hash of attempt 0 of round 1 of run ${runId} is zero; pass its attemptSetHash`,
      details: { error: 'RoundLedgerZeroSetHash' },
    });
    const unknown = String(Number(runId) + 100);
    await expect(coordinator.closeAttempt(unknown, 1, 0, u)).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
      message: `run ${unknown} does not exist on the ledger, so it has no attempt to close`,
    });
  }, 60_000);
});
