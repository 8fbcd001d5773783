import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRpc } from '../../../contracts/chain/connectRpc.ts';
import { startChain, type RunningChain } from '../../../contracts/chain/startChain.ts';
import { walkLineage } from '../../../contracts/lineage/walkLineage.ts';
import { runSitesHash } from '../../../contracts/runSitesHash.ts';
import { authorizeCoordinator } from '../../../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { commitLineage, commitModels, hashOf, lineageSites, type CommittedModels } from './committedModels.ts';
import { CHAIN_ENGINES } from '../../helpers/chainEngines.ts';

describe.each(CHAIN_ENGINES)('walkLineage against a real %s', (engine) => {
  let dir: string;
  let chain: RunningChain;
  let provider: JsonRpcProvider;
  let models: CommittedModels;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-lineage-'));
    chain = await startChain({ engine, port: 0 });
    provider = await connectRpc(chain.rpcUrl);
    models = await commitModels(chain.rpcUrl, chain.ledgerAddress, dir, 3);
  });

  afterAll(async () => {
    provider?.destroy();
    await chain?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks from round 3 back to the genesis model with contributors, attesters, signers and blocks', async () => {
    const lineage = await walkLineage(provider, chain.ledgerAddress, models.modelHashes[3]!);
    expect(lineage.problems).toEqual([]);
    expect(lineage.runId).toBe(models.runId);
    expect(lineage.planHash).toBe(models.planHash);
    expect(lineage.genesisModelHash).toBe(models.modelHashes[0]);
    expect(lineage.quorum).toBe(2);
    expect(lineage.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(lineage.rounds.map((r) => r.modelHash)).toEqual(models.modelHashes.slice(1));
    expect(lineage.rounds.map((r) => r.prevModelHash)).toEqual(models.modelHashes.slice(0, 3));
    const round2 = lineage.rounds[1]!;
    expect(round2.attesters.sort()).toEqual(models.sites.map((s) => s.address).sort());
    for (const round of lineage.rounds) expect(round.signers.sort()).toEqual(models.sites.map((s) => s.address).sort());
    expect(lineage.sites).toEqual(models.sites.map((s) => s.address));
    expect(lineage.sitesHash).toBe(runSitesHash(models.sites.map((s) => s.address)));
    expect(round2.contributions.map((c) => [c.site, c.examples, c.epsilonMicros]).sort()).toEqual(models.sites.map((s, i) => [s.address, 102 + 10 * i, 800_000 + i]).sort());
    expect(round2.totalExamples).toBe(102 + 112 + 122);
    expect(round2.aggregateDigest).toBe(hashOf('aggregate 2'));
    expect(round2.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(lineage.rounds[2]!.blockNumber).toBeGreaterThan(round2.blockNumber);
    expect(Date.parse(round2.committedAt)).toBeGreaterThan(Date.parse('2020-01-01'));
  });

  it('stops at the round asked about: round 1 has a lineage of one', async () => {
    const lineage = await walkLineage(provider, chain.ledgerAddress, models.modelHashes[1]!);
    expect(lineage.rounds.map((r) => r.modelHash)).toEqual([models.modelHashes[1]]);
  });

  it('says a hash no round produced is unknown to the ledger (the genesis model included)', async () => {
    await expect(walkLineage(provider, chain.ledgerAddress, hashOf('never committed'))).rejects.toMatchObject({
      code: 'MODEL_NOT_ON_LEDGER',
      message: expect.stringContaining('is unknown to the ledger'),
    });
    await expect(walkLineage(provider, chain.ledgerAddress, models.modelHashes[0]!)).rejects.toMatchObject({ code: 'MODEL_NOT_ON_LEDGER' });
  });

  it('refuses an address without a contract', async () => {
    await expect(walkLineage(provider, '0x000000000000000000000000000000000000dEaD', models.modelHashes[1]!)).rejects.toMatchObject({
      code: 'LEDGER_NOT_DEPLOYED',
      message: 'no contract at 0x000000000000000000000000000000000000dEaD on this chain; check --ledger and --rpc',
    });
  });

  it('a model hash two runs committed (a squatter first): named error without a run, the honest lineage with one', async () => {
    await authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, devWallet(2).address);
    const sites = lineageSites();
    const [genesis, next, squatGenesis] = [hashOf('walk honest genesis'), hashOf('walk honest next'), hashOf('walk squatter genesis')];
    const squat = await commitLineage(chain.rpcUrl, chain.ledgerAddress, { planHash: hashOf('squat plan'), sites, modelHashes: [squatGenesis, next], privateKey: devWallet(2).privateKey });
    const honest = await commitLineage(chain.rpcUrl, chain.ledgerAddress, { planHash: hashOf('honest plan'), sites, modelHashes: [genesis, next] });
    await expect(walkLineage(provider, chain.ledgerAddress, next)).rejects.toMatchObject({
      code: 'MODEL_IN_SEVERAL_RUNS',
      details: { modelHash: next, runIds: [squat.runId, honest.runId] },
    });
    const lineage = await walkLineage(provider, chain.ledgerAddress, next, honest.runId);
    expect(lineage).toMatchObject({ runId: honest.runId, genesisModelHash: genesis, planHash: hashOf('honest plan'), problems: [] });
    expect((await walkLineage(provider, chain.ledgerAddress, next, squat.runId)).genesisModelHash).toBe(squatGenesis);
    await expect(walkLineage(provider, chain.ledgerAddress, next, models.runId)).rejects.toMatchObject({
      code: 'MODEL_NOT_ON_LEDGER',
      message: `model hash ${next} is not a model of run ${models.runId} on the ledger at ${chain.ledgerAddress}: no round of that run committed it (a changed byte changes the hash)`,
    });
  });

  it('a model kept unchanged by later rounds: its lineage starts at the first round that produced it', async () => {
    const [genesis, kept, last] = [hashOf('walk kept genesis'), hashOf('walk kept model'), hashOf('walk kept last')];
    const { runId } = await commitLineage(chain.rpcUrl, chain.ledgerAddress, { planHash: hashOf('kept plan'), sites: lineageSites(), modelHashes: [genesis, kept, kept, kept, last] });
    const ofKept = await walkLineage(provider, chain.ledgerAddress, kept);
    expect(ofKept.rounds.map((r) => r.round)).toEqual([1]);
    const ofLast = await walkLineage(provider, chain.ledgerAddress, last, runId);
    expect(ofLast.problems).toEqual([]);
    expect(ofLast.rounds.map((r) => [r.prevModelHash, r.modelHash])).toEqual([[genesis, kept], [kept, kept], [kept, kept], [kept, last]]);
  });
});
