// RoundLedger through the typed client on a real anvil and on Hardhat's EDR: a 3-round lineage and every named revert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { commitArguments } from '../../contracts/commitArguments.ts';
import { decodeLedgerError } from '../../contracts/decodeLedgerError.ts';
import { connectLedger, type LedgerClient } from '../../contracts/LedgerClient.ts';
import { revertName } from '../../contracts/revertName.ts';
import { hashOf, signedRound, siteWallets } from './signedRound.ts';
import { runSitesHash } from '../../contracts/runSitesHash.ts';
import { CHAIN_ENGINES } from '../helpers/chainEngines.ts';

let chain: RunningChain;
let coordinator: LedgerClient;
const sites = siteWallets('ledger-client-test', 4);
const addresses = sites.map((site) => site.address);
const genesis = hashOf('genesis');

async function newRun(quorum = 3): Promise<string> {
  return coordinator.createRun({ planHash: hashOf('plan'), genesisModelHash: genesis, sites: addresses, quorum });
}

describe.each(CHAIN_ENGINES)('LedgerClient on a real %s', (engine) => {
  beforeAll(async () => {
    chain = await startChain({ engine });
    coordinator = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
  }, 60_000);

  afterAll(async () => {
    coordinator?.provider.destroy();
    await chain?.stop();
  });

  it('commits 3 rounds as a lineage and reads them back by run, round and model hash', async () => {
    const runId = await newRun();
    let prev: Hash32 = genesis;
    const txHashes: string[] = [];
    for (const round of [1, 2, 3]) {
      const request = await signedRound(coordinator, runId, round, prev, sites);
      txHashes.push(await coordinator.commitRound(request));
      prev = request.modelHash;
    }
    expect(await coordinator.latestRound(runId)).toBe(3);
    expect(await coordinator.findRoundByModelHash(prev)).toEqual({ runId, round: 3 });
    expect(await coordinator.findRoundByModelHash(hashOf('never committed'))).toBeUndefined();
    const run = await coordinator.getRun(runId);
    expect(run).toMatchObject({ planHash: hashOf('plan'), genesisModelHash: genesis, quorum: 3, siteCount: 4, latestRound: 3 });
    // What a site recomputes from its consortium before its first update (participant/node/checkRun.ts).
    expect(run?.sitesHash).toBe(runSitesHash(addresses));
    const round2 = await coordinator.getRound(runId, 2);
    expect(round2).toMatchObject({ modelHash: hashOf(`model ${runId}/2`), totalExamples: 100 });
    const events = await coordinator.roundEvents(runId, 2);
    expect(events?.txHash).toBe(txHashes[1]);
    expect(events?.prevModelHash).toBe(hashOf(`model ${runId}/1`));
    expect(events?.attesters).toEqual(addresses);
    expect(events?.contributions.map((c) => c.examples).sort()).toEqual([10, 20, 30, 40]);
    expect(events?.contributions.map((c) => c.epsilonMicros).sort()).toEqual([1_002_000, 2_002_000, 3_002_000, 4_002_000]);
    expect(await coordinator.runSites(runId)).toEqual(addresses);
    expect(await coordinator.isSite(runId, addresses[0]!)).toBe(true);
    expect(await coordinator.isSite(runId, devWallet(1).address)).toBe(false);
  }, 60_000);

  it('rejects a commit from an account without the coordinator role', async () => {
    const runId = await newRun();
    const outsider = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(1).privateKey);
    const request = await signedRound(outsider, runId, 1, genesis, sites);
    await expect(outsider.commitRound(request)).rejects.toMatchObject({ code: 'LEDGER_REVERTED', message: expect.stringContaining('AccessControlUnauthorizedAccount(account=') });
    outsider.provider.destroy();
  }, 30_000);

  it('names each rejected commit', async () => {
    const runId = await newRun();
    const reverted = (name: string) => ({ code: 'LEDGER_REVERTED', message: expect.stringContaining(`reverted: ${name}(`) });
    await expect(coordinator.commitRound(await signedRound(coordinator, runId, 2, genesis, sites))).rejects.toMatchObject(reverted('RoundLedgerRoundOutOfOrder'));
    await expect(coordinator.commitRound(await signedRound(coordinator, runId, 1, hashOf('other'), sites)))
      .rejects.toMatchObject({ message: `commitRound(run ${runId}, round 1) reverted: RoundLedgerWrongPrevModel(runId=${runId}, expected=${genesis}, given=${hashOf('other')})` });
    const outsider = siteWallets('not-a-site', 1)[0]!;
    await expect(coordinator.commitRound(await signedRound(coordinator, runId, 1, genesis, sites, [sites[0]!, sites[1]!, outsider])))
      .rejects.toMatchObject({ message: expect.stringContaining(`RoundLedgerSignerNotSite(runId=${runId}, signer=${outsider.address})`) });
    await expect(coordinator.commitRound(await signedRound(coordinator, runId, 1, genesis, sites, [sites[0]!, sites[1]!, sites[1]!])))
      .rejects.toMatchObject({ message: expect.stringContaining(`RoundLedgerDuplicateSigner(signer=${sites[1]!.address})`) });
    await expect(coordinator.commitRound(await signedRound(coordinator, runId, 1, genesis, sites, [sites[0]!, sites[1]!])))
      .rejects.toMatchObject({ message: expect.stringContaining(`RoundLedgerQuorumNotReached(runId=${runId}, signers=2, quorum=3)`) });
  }, 60_000);

  it('names each malformed round: contributors, examples, root, zero model hash', async () => {
    const runId = await newRun();
    const outsider = siteWallets('not-a-site', 1)[0]!;
    const good = await signedRound(coordinator, runId, 1, genesis, sites);
    const expectRevert = async (request: typeof good, message: string) =>
      expect(coordinator.commitRound(request)).rejects.toMatchObject({ code: 'LEDGER_REVERTED', message: expect.stringContaining(message) });
    await expect(coordinator.commitRound(await signedRound(coordinator, runId, 1, genesis, [sites[0]!, outsider], sites)))
      .rejects.toMatchObject({ code: 'LEDGER_INPUT_INVALID', message: expect.stringContaining(`contributor ${outsider.address} is not a site of run ${runId}`) });
    await expectRevert(await signedRound(coordinator, runId, 1, genesis, [sites[0]!, sites[0]!], sites), `RoundLedgerDuplicateContributor(site=${sites[0]!.address})`);
    await expectRevert({ ...good, totalExamples: 101 }, 'RoundLedgerExamplesMismatch(expected=101, given=100)');
    await expectRevert({ ...good, contributionsRoot: hashOf('other root') }, `RoundLedgerContributionsRootMismatch(given=${hashOf('other root')})`);
    await expectRevert({ ...good, modelHash: `0x${'0'.repeat(64)}` }, 'RoundLedgerZeroModelHash()');
    await coordinator.commitRound(good);
  }, 60_000);

  // What the client never sends but another caller could: the contract's own checks on the site list and indices.
  it('reverts a commit whose site list or site indices are not the run\'s', async () => {
    const runId = await newRun();
    const request = await signedRound(coordinator, runId, 1, genesis, sites);
    const args = commitArguments(request, addresses, { chainId: coordinator.chainId, ledger: coordinator.ledgerAddress });
    const commit = (overrides: Partial<typeof args>) => {
      const call = { ...args, ...overrides };
      return coordinator.contract.getFunction('commitRound').staticCall(call.attestation, call.sites, call.contributions, call.signatures)
        .catch((thrown: unknown) => Promise.reject(decodeLedgerError(coordinator.abi, 'commitRound', thrown)));
    };
    const swapped = [addresses[1]!, addresses[0]!, ...addresses.slice(2)];
    await expect(commit({ sites: swapped })).rejects.toMatchObject({ message: `commitRound reverted: RoundLedgerSitesMismatch(runId=${runId})` });
    await expect(commit({ sites: addresses.slice(1) })).rejects.toMatchObject({ message: `commitRound reverted: RoundLedgerSitesMismatch(runId=${runId})` });
    const pastTheEnd = args.contributions.map((c, i) => (i === 0 ? { ...c, siteIndex: 4 } : c));
    await expect(commit({ contributions: pastTheEnd })).rejects.toMatchObject({ message: `commitRound reverted: RoundLedgerContributorNotSite(runId=${runId}, siteIndex=4)` });
    const wrongIndex = args.signatures.map((sig, i) => (i === 0 ? { ...sig, siteIndex: (sig.siteIndex + 1) % 4 } : sig));
    await expect(commit({ signatures: wrongIndex })).rejects.toMatchObject({ message: expect.stringContaining('commitRound reverted: RoundLedgerSignerNotSite') });
    await expect(commit({})).resolves.toBeDefined();
  }, 60_000);

  it('finds a run this client created, by its fields, from a given block on (restart after a lost createRun answer)', async () => {
    const from = await coordinator.provider.getBlockNumber();
    const input = { planHash: hashOf('plan to find'), genesisModelHash: genesis, sites: addresses, quorum: 2 };
    const runId = await coordinator.createRun(input);
    expect(await coordinator.findCreatedRun(input, from)).toBe(runId);
    expect(await coordinator.findCreatedRun({ ...input, quorum: 3 }, from)).toBeUndefined();
    expect(await coordinator.findCreatedRun({ ...input, sites: [...addresses].reverse() }, from)).toBeUndefined();
    expect(await coordinator.findCreatedRun(input, (await coordinator.provider.getBlockNumber()) + 1)).toBeUndefined();
  }, 60_000);

  it('refuses runs with a bad site list or quorum', async () => {
    const create = (list: string[], quorum: number) => coordinator.createRun({ planHash: hashOf('plan'), genesisModelHash: genesis, sites: list, quorum });
    await expect(create(addresses, 5)).rejects.toMatchObject({ message: 'createRun reverted: RoundLedgerInvalidSites(siteCount=4, quorum=5)' });
    await expect(create([], 1)).rejects.toMatchObject({ message: 'createRun reverted: RoundLedgerInvalidSites(siteCount=0, quorum=1)' });
    await expect(create([addresses[0]!, addresses[0]!], 1)).rejects.toMatchObject({ message: `createRun reverted: RoundLedgerInvalidSite(site=${addresses[0]!})` });
  }, 30_000);

  it('reports a run id that is not a number as LEDGER_INPUT_INVALID', async () => {
    await expect(coordinator.getRun('run-7')).rejects.toMatchObject({ code: 'LEDGER_INPUT_INVALID', message: expect.stringContaining('getRun(run-7)') });
  });

  it('never overwrites a committed round with another model', async () => {
    const runId = await newRun();
    const first = await signedRound(coordinator, runId, 1, genesis, sites);
    await coordinator.commitRound(first);
    const other = { ...first, modelHash: hashOf('another model') };
    await expect(coordinator.commitRound(other)).rejects.toMatchObject({
      message: expect.stringContaining(`RoundLedgerRoundOutOfOrder(runId=${runId}, expected=2, given=1)`),
      details: { error: 'RoundLedgerRoundOutOfOrder', args: { runId, expected: '2', given: '1' } },
    });
    expect((await coordinator.getRound(runId, 1))?.modelHash).toBe(first.modelHash);
  }, 30_000);

  it('answers a commit already on chain with the same model with the original transaction, sending nothing (restart)', async () => {
    const runId = await newRun();
    const request = await signedRound(coordinator, runId, 1, genesis, sites);
    const txHash = await coordinator.commitRound(request);
    const restarted = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
    const nonce = await restarted.provider.getTransactionCount(restarted.wallet.address);
    expect(await restarted.commitRound(request)).toBe(txHash);
    expect(await coordinator.commitRound(request)).toBe(txHash);
    expect(await restarted.provider.getTransactionCount(restarted.wallet.address)).toBe(nonce);
    expect(await coordinator.contract.queryFilter(coordinator.contract.filters.RoundCommitted!(runId), 0)).toHaveLength(1);
    restarted.provider.destroy();
  }, 30_000);

  it('puts the named revert and its arguments in the error details, for callers to branch on', async () => {
    const runId = await newRun();
    const wrongPrev = await coordinator.commitRound(await signedRound(coordinator, runId, 1, hashOf('other'), sites)).catch((thrown: unknown) => thrown);
    expect(wrongPrev).toMatchObject({
      code: 'LEDGER_REVERTED',
      details: { error: 'RoundLedgerWrongPrevModel', args: { runId, expected: genesis, given: hashOf('other') } },
    });
    expect(revertName(wrongPrev)).toBe('RoundLedgerWrongPrevModel');
    const badQuorum = await coordinator.createRun({ planHash: hashOf('plan'), genesisModelHash: genesis, sites: addresses, quorum: 5 }).catch((thrown: unknown) => thrown);
    expect(badQuorum).toMatchObject({ details: { error: 'RoundLedgerInvalidSites', args: { siteCount: '4', quorum: '5' } } });
    expect(revertName(badQuorum)).toBe('RoundLedgerInvalidSites');
  }, 30_000);

  it('rejects attestations signed for another run (replay)', async () => {
    const runA = await newRun();
    const runB = await newRun();
    const forA = await signedRound(coordinator, runA, 1, genesis, sites);
    const replayed = { ...forA, runId: runB, modelHash: forA.modelHash };
    await expect(coordinator.commitRound(replayed)).rejects.toMatchObject({ message: expect.stringContaining(`RoundLedgerSignerNotSite(runId=${runB}, signer=`) });
    expect(await coordinator.latestRound(runB)).toBe(0);
  }, 30_000);
});
