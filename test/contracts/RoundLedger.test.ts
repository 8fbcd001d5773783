// RoundLedger's rules against a dishonest coordinator (issue 14), on anvil and EDR: only a run's own coordinator commits
// its rounds, model hashes are unique per run (another run cannot squat one), a round may keep its parent's model, and
// a site's privacy spend is recorded as its leaf says and cannot be changed without breaking the attested root.
import type { EventLog } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { authorizeCoordinator } from '../../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { commitArguments } from '../../contracts/commitArguments.ts';
import { decodeLedgerError } from '../../contracts/decodeLedgerError.ts';
import { connectLedger, type LedgerClient } from '../../contracts/LedgerClient.ts';
import { hashOf, signedRound, siteWallets } from './signedRound.ts';
import { CHAIN_ENGINES } from '../helpers/chainEngines.ts';

let chain: RunningChain;
let honest: LedgerClient;
/** A second coordinator: it holds COORDINATOR_ROLE too, and runs its own runs. */
let other: LedgerClient;
const sites = siteWallets('round-ledger-rules', 3);
const genesis = hashOf('rules genesis');

const newRun = (client: LedgerClient, genesisModelHash: Hash32 = genesis) =>
  client.createRun({ planHash: hashOf('rules plan'), genesisModelHash, sites: sites.map((s) => s.address), quorum: 2 });

/** Commits `runId`'s round `round` from `prev` to `model`, sent by `client`. */
async function commit(client: LedgerClient, runId: string, round: number, prev: Hash32, model: Hash32): Promise<string> {
  return client.commitRound(await signedRound(client, runId, round, prev, sites, sites, model));
}

describe.each(CHAIN_ENGINES)('RoundLedger rules on a real %s', (engine) => {
  beforeAll(async () => {
    chain = await startChain({ engine });
    honest = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
    await authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, devWallet(1).address);
    other = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(1).privateKey);
  }, 60_000);

  afterAll(async () => {
    honest?.provider.destroy();
    other?.provider.destroy();
    await chain?.stop();
  });

  it('commits a run\'s rounds only from its own coordinator, not from another that holds the role', async () => {
    const runId = await newRun(honest);
    await expect(commit(other, runId, 1, genesis, hashOf('rules m1'))).rejects.toMatchObject({
      code: 'LEDGER_REVERTED',
      details: { error: 'RoundLedgerNotRunCoordinator', args: { runId, caller: devWallet(1).address, coordinator: devWallet(0).address } },
    });
    expect(await honest.latestRound(runId)).toBe(0);
    await commit(honest, runId, 1, genesis, hashOf('rules m1'));
    const ownRun = await newRun(other);
    await commit(other, ownRun, 1, genesis, hashOf('rules m1 of the other coordinator'));
    expect([await honest.latestRound(runId), await other.latestRound(ownRun)]).toEqual([1, 1]);
  }, 60_000);

  it('a squatter run that commits an honest run\'s next model hash first blocks nothing and is named on lookup', async () => {
    const honestRun = await newRun(honest);
    const next = hashOf('rules honest next model');
    const squatRun = await newRun(other, hashOf('squatter genesis'));
    await commit(other, squatRun, 1, hashOf('squatter genesis'), next);
    await commit(honest, honestRun, 1, genesis, next);
    expect((await honest.getRound(honestRun, 1))?.modelHash).toBe(next);
    const roundOf = (runId: string) => honest.contract.getFunction('roundOfModel')(runId, next) as Promise<bigint>;
    expect([await roundOf(honestRun), await roundOf(squatRun)]).toEqual([1n, 1n]);
    await expect(honest.findRoundByModelHash(next)).rejects.toMatchObject({
      code: 'MODEL_IN_SEVERAL_RUNS',
      message: `model hash ${next} was committed by runs ${squatRun}, ${honestRun}; name the run you hold it from (medfl verify --run N)`,
      details: { runIds: [squatRun, honestRun] },
    });
    expect(await honest.findRoundByModelHash(next, honestRun)).toEqual({ runId: honestRun, round: 1 });
    expect(await honest.findRoundByModelHash(next, String(Number(honestRun) + 100))).toBeUndefined();
  }, 60_000);

  it('commits rounds that keep their parent\'s model; the index keeps the first; a non-adjacent repeat is refused', async () => {
    const runId = await newRun(honest);
    const [m1, m4] = [hashOf('rules kept m1'), hashOf('rules kept m4')];
    await commit(honest, runId, 1, genesis, m1);
    const keptTx = await commit(honest, runId, 2, m1, m1);
    await commit(honest, runId, 3, m1, m1);
    await commit(honest, runId, 4, m1, m4);
    await expect(commit(honest, runId, 5, m4, m1)).rejects.toMatchObject({
      details: { error: 'RoundLedgerModelAlreadyCommitted', args: { modelHash: m1, runId, round: '1' } },
    });
    expect(await honest.findRoundByModelHash(m1)).toEqual({ runId, round: 1 });
    const [first, kept] = [await honest.getRound(runId, 1), await honest.getRound(runId, 2)];
    expect(kept).toMatchObject({ modelHash: m1, totalExamples: 60 });
    expect(kept!.blockNumber).toBeGreaterThan(first!.blockNumber);
    expect((await honest.roundEvents(runId, 2))).toMatchObject({ txHash: keptTx, prevModelHash: m1 });
    expect(await honest.getRound(runId, 5)).toBeUndefined();
  }, 60_000);

  it('a first round that keeps the genesis model commits and indexes it at round 1', async () => {
    const genesisKept = hashOf('rules genesis kept');
    const runId = await newRun(honest, genesisKept);
    await commit(honest, runId, 1, genesisKept, genesisKept);
    expect(await honest.findRoundByModelHash(genesisKept, runId)).toEqual({ runId, round: 1 });
    await commit(honest, runId, 2, genesisKept, genesisKept);
    expect((await honest.getRound(runId, 2))?.modelHash).toBe(genesisKept);
    expect(await honest.findRoundByModelHash(genesisKept, runId)).toEqual({ runId, round: 1 });
  }, 60_000);

  it('puts each site\'s privacy spend on chain: its ContributionRecorded event carries epsilonMicros, queryable by site', async () => {
    const runId = await newRun(honest);
    const request = await signedRound(honest, runId, 1, genesis, sites);
    await honest.commitRound(request);
    const recorded = await honest.contract.queryFilter(honest.contract.filters.ContributionRecorded!(runId, 1, sites[1]!.address));
    expect(recorded).toHaveLength(1);
    const args = (recorded[0] as EventLog).args;
    expect([args.getValue('examples'), args.getValue('digest'), args.getValue('epsilonMicros')]).toEqual([20n, request.contributions[1]!.digest, 2_001_000n]);
    const events = await honest.roundEvents(runId, 1);
    expect(events?.contributions).toEqual(expect.arrayContaining(request.contributions.map((leaf) => expect.objectContaining({ address: leaf.address, epsilonMicros: leaf.epsilonMicros }))));
  }, 60_000);

  it('refuses a commit whose leaf understates a site\'s spend: the leaves no longer hash to the attested root', async () => {
    const runId = await newRun(honest);
    const request = await signedRound(honest, runId, 1, genesis, sites);
    const understated = request.contributions.map((leaf, index) => (index === 0 ? { ...leaf, epsilonMicros: 0 } : leaf));
    await expect(honest.commitRound({ ...request, contributions: understated })).rejects.toMatchObject({
      code: 'LEDGER_REVERTED', message: expect.stringContaining(`RoundLedgerContributionsRootMismatch(given=${request.contributionsRoot})`),
    });
    // The same leaves in the order the contract verifies, only the spend changed: still refused.
    const domain = { chainId: honest.chainId, ledger: honest.ledgerAddress };
    const call = commitArguments(request, sites.map((site) => site.address), domain);
    const changed = call.contributions.map((c, index) => (index === 1 ? { ...c, epsilonMicros: c.epsilonMicros + 1 } : c));
    await expect(honest.contract.getFunction('commitRound').staticCall(call.attestation, call.sites, changed, call.signatures)
      .catch((thrown: unknown) => Promise.reject(decodeLedgerError(honest.abi, 'commitRound', thrown))))
      .rejects.toMatchObject({ message: `commitRound reverted: RoundLedgerContributionsRootMismatch(given=${request.contributionsRoot})` });
    await expect(honest.commitRound(request)).resolves.toMatch(/^0x[0-9a-f]{64}$/);
  }, 60_000);

  it('puts each site\'s consent root on chain and refuses a commit whose leaf swaps it', async () => {
    const runId = await newRun(honest);
    const request = await signedRound(honest, runId, 1, genesis, sites);
    const swapped = request.contributions.map((leaf, index) => (index === 2 ? { ...leaf, consentRoot: hashOf('other patients') } : leaf));
    await expect(honest.commitRound({ ...request, contributions: swapped })).rejects.toMatchObject({
      code: 'LEDGER_REVERTED', message: expect.stringContaining(`RoundLedgerContributionsRootMismatch(given=${request.contributionsRoot})`),
    });
    await honest.commitRound(request);
    const recorded = await honest.contract.queryFilter(honest.contract.filters.ContributionRecorded!(runId, 1, sites[2]!.address));
    expect((recorded[0] as EventLog).args.getValue('consentRoot')).toBe(request.contributions[2]!.consentRoot);
    const events = await honest.roundEvents(runId, 1);
    expect(events?.contributions).toEqual(expect.arrayContaining(request.contributions.map((leaf) => expect.objectContaining({ address: leaf.address, consentRoot: leaf.consentRoot }))));
  }, 60_000);
});
