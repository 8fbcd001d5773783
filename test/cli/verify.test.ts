import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { authorizeCoordinator } from '../../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { commitLineage, commitModels, hashOf, lineageSites, writeModels, type CommittedModels } from '../contracts/lineage/committedModels.ts';
import { runCli } from '../helpers/runCli.ts';

describe('medfl verify', () => {
  let dir: string;
  let chain: RunningChain;
  let models: CommittedModels;
  const ledgerFlags = () => ['--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-cli-verify-'));
    chain = await startChain({ port: 0 });
    models = await commitModels(chain.rpcUrl, chain.ledgerAddress, dir, 3);
  });

  afterAll(async () => {
    await chain?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the lineage of a committed model back to genesis and exits 0', async () => {
    const run = await runCli(['verify', models.modelDirs[3]!, ...ledgerFlags()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`model   ${models.modelHashes[3]}`);
    expect(run.stdout).toContain(`genesis ${models.modelHashes[0]}`);
    for (const round of [1, 2, 3]) expect(run.stdout).toContain(`round ${round}  model ${models.modelHashes[round]}`);
    expect(run.stdout).toContain(`attesters: `);
    expect(run.stdout).toContain(models.sites[2]!.address);
    expect(run.stdout).toContain('VERIFIED: the lineage back to the genesis model is sound');
  });

  it('--json gives run, plan and per-round contributors, and checks a contributions manifest', async () => {
    const run = await runCli(['verify', models.modelDirs[2]!, ...ledgerFlags(), '--contributions', models.manifests[1]!, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      verified: boolean;
      lineage: { runId: string; planHash: string; rounds: { round: number; contributions: { examples: number; epsilonMicros: number }[]; attesters: string[] }[] };
      manifest: { round: number; leaves: { proofValid: boolean; epsilonMicros: number }[] };
    };
    expect(result.verified).toBe(true);
    expect(result.lineage).toMatchObject({ runId: models.runId, planHash: models.planHash });
    expect(result.lineage.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(result.lineage.rounds[1]!.contributions.map((c) => c.examples).sort()).toEqual([102, 112, 122]);
    expect(result.lineage.rounds[1]!.attesters).toHaveLength(3);
    expect(result.manifest.round).toBe(2);
    expect(result.manifest.leaves.map((leaf) => leaf.proofValid)).toEqual([true, true, true]);
    // Each site's cumulative ε after round 2, from its ContributionRecorded event and from its proven leaf alike.
    expect(result.lineage.rounds[1]!.contributions.map((c) => c.epsilonMicros).sort()).toEqual([800_000, 800_001, 800_002]);
    expect(result.manifest.leaves.map((leaf) => leaf.epsilonMicros).sort()).toEqual([800_000, 800_001, 800_002]);
  });

  it('--contributions prints each contributing site\'s proven ε for the manifest\'s round', async () => {
    const run = await runCli(['verify', models.modelDirs[2]!, ...ledgerFlags(), '--contributions', models.manifests[0]!]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\n {2}site +examples +ε after round 1 +proof\n/);
    models.sites.forEach((site, i) => expect(run.stdout).toMatch(new RegExp(`\\n {2}${site.address} +${101 + 10 * i} +0\\.40000${i} +proven\\n`)));
    expect(run.stdout).toMatch(new RegExp(`\\n {2}${models.sites[1]!.address} +112 +0\\.800001 +0x[0-9a-f]{64}\\n`));
  });

  it('exits 4 naming the leaf when a manifest understates a site\'s ε, and prints that leaf as not proven', async () => {
    const manifest = JSON.parse(readFileSync(models.manifests[0]!, 'utf8')) as { leaves: { address: string; examples: number; epsilonMicros: number }[] };
    manifest.leaves[1]!.epsilonMicros = 0;
    const understated = join(dir, 'understated.json');
    writeFileSync(understated, JSON.stringify(manifest));
    const run = await runCli(['verify', models.modelDirs[3]!, ...ledgerFlags(), '--contributions', understated]);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(new RegExp(`\\n {2}${manifest.leaves[1]!.address} +${manifest.leaves[1]!.examples} +0 +NOT PROVEN\\n`));
    expect(run.stdout).toContain(`the proof for ${manifest.leaves[1]!.address} (${manifest.leaves[1]!.examples} examples) does not lead to the committed root`);
  });

  it('exits 4 naming the leaf when a manifest claims more examples than were committed', async () => {
    const manifest = JSON.parse(readFileSync(models.manifests[0]!, 'utf8')) as { leaves: { address: string; examples: number }[] };
    manifest.leaves[0]!.examples += 1;
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify(manifest));
    const run = await runCli(['verify', models.modelDirs[3]!, ...ledgerFlags(), '--contributions', forged]);
    expect(run.code).toBe(4);
    expect(run.stdout).toContain(`the proof for ${manifest.leaves[0]!.address} (${manifest.leaves[0]!.examples} examples) does not lead to the committed root`);
  });

  it('one flipped bit in weights.bin: exit 3, the hash is unknown to the ledger', async () => {
    const weights = join(models.modelDirs[3]!, 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[5]! ^= 0x01;
    writeFileSync(weights, bytes);
    const run = await runCli(['verify', models.modelDirs[3]!, ...ledgerFlags()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/medfl: MODEL_NOT_ON_LEDGER: model hash 0x[0-9a-f]{64} is unknown to the ledger at 0x[0-9a-fA-F]{40}/);
  });

  it('a model a squatter run committed first: exit 2 naming both runs; --run names the honest one, which verifies', async () => {
    await authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, devWallet(2).address);
    const { modelDirs, modelHashes } = await writeModels(join(dir, 'squatted'), 1, 10);
    const sites = lineageSites();
    const squat = await commitLineage(chain.rpcUrl, chain.ledgerAddress, {
      planHash: hashOf('squatter plan'), sites, modelHashes: [hashOf('squatter genesis'), modelHashes[1]!], privateKey: devWallet(2).privateKey,
    });
    const honest = await commitLineage(chain.rpcUrl, chain.ledgerAddress, { planHash: hashOf('honest plan'), sites, modelHashes });
    const ambiguous = await runCli(['verify', modelDirs[1]!, ...ledgerFlags()]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(`medfl: MODEL_IN_SEVERAL_RUNS: model hash ${modelHashes[1]} was committed by runs ${squat.runId}, ${honest.runId}; name the run you hold it from (medfl verify --run N)\n`);
    const named = await runCli(['verify', modelDirs[1]!, ...ledgerFlags(), '--run', honest.runId]);
    expect(named.code).toBe(0);
    expect(named.stdout).toContain(`run     ${honest.runId} on ledger`);
    expect(named.stdout).toContain(`genesis ${modelHashes[0]}`);
    expect(named.stdout).toContain('VERIFIED: the lineage back to the genesis model is sound');
  });

  it('--run that is not a run id is one USAGE line', async () => {
    const run = await runCli(['verify', models.modelDirs[1]!, ...ledgerFlags(), '--run', 'run-1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --run "run-1" is not a run id (1, 2, …)\n');
  });

  it('an endpoint that does not answer is CHAIN_UNAVAILABLE (exit 6)', async () => {
    const run = await runCli(['verify', models.modelDirs[1]!, '--rpc', 'http://127.0.0.1:9', '--ledger', chain.ledgerAddress]);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('CHAIN_UNAVAILABLE: no EVM JSON-RPC endpoint answers at http://127.0.0.1:9');
  });

  it('refuses a ledger address that is not one with one USAGE line (not an ENS lookup error)', async () => {
    const run = await runCli(['verify', models.modelDirs[1]!, '--rpc', chain.rpcUrl, '--ledger', '0x1234']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --ledger "0x1234" is not an Ethereum address (0x and 40 hex digits)\n');
  });
});
