// `medfl verify --consortium --plan` through the real CLI against real anvil chains, and the attack: a second
// fresh anvil with the same chain id and ledger address, where a run with one attacker site and quorum 1 committed a
// bit-flipped model.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainPin } from '../../common/kit/chainPin.ts';
import { modelHashOfDir } from '../../common/model/modelHash.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { readChainPinAt } from '../../contracts/chain/readChainPin.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { commitLineage, hashOf, lineageSites, writeModels } from '../contracts/lineage/committedModels.ts';
import { writeUciPlan } from '../e2e/uciPlan.ts';
import { startLaterChain } from '../helpers/laterChain.ts';
import { runCli } from '../helpers/runCli.ts';

const SITE_IDS = ['site-0', 'site-1', 'site-2'];
const fingerprint = (byte: string) => Array.from({ length: 32 }, () => byte).join(':');
const key = (seed: number) => Buffer.alloc(32, seed).toString('base64');

/** A consortium.json with the test lineage's sites and anvil's first account as coordinator. */
function writeConsortium(file: string, chain: ChainPin | undefined): string {
  const sites = lineageSites().map((wallet, i) => ({
    id: SITE_IDS[i], certFingerprint256: fingerprint(`0${i}`), signingPublicKey: key(i), boxPublicKey: key(10 + i), address: wallet.address,
  }));
  const coordinator = { id: 'coordinator', certFingerprint256: fingerprint('AA'), address: devWallet(0).address };
  writeFileSync(file, JSON.stringify({ version: 1, name: 'north', caFingerprint256: fingerprint('CA'), coordinator, sites, ...(chain ? { chain } : {}) }, null, 2));
  return file;
}

describe('medfl verify --consortium --plan against real anvil chains', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-verify-consortium-'));
  const attackerSite = new Wallet(hashOf('attacker site'));
  let honest: RunningChain;
  let attacker: RunningChain;
  let pinned: string;
  let unpinned: string;
  let plan: string;
  let honestModel: string;
  let flippedModel: string;
  let outsiderModel: string;
  const on = (chain: RunningChain) => ['--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress];

  beforeAll(async () => {
    honest = await startChain({ port: 0 });
    pinned = writeConsortium(join(dir, 'consortium.json'), await readChainPinAt(honest.rpcUrl, honest.ledgerAddress));
    unpinned = writeConsortium(join(dir, 'consortium-unpinned.json'), undefined);
    plan = writeUciPlan(join(dir, 'plans'), 'north', { sites: SITE_IDS, rounds: 2, encryption: 'ckks', quorum: 2 });
    const planHashHex = planHash(loadPlan(plan));
    const models = await writeModels(join(dir, 'honest'), 2);
    await commitLineage(honest.rpcUrl, honest.ledgerAddress, { planHash: planHashHex, sites: lineageSites(), modelHashes: models.modelHashes });
    honestModel = models.modelDirs[2]!;
    // On the honest chain, a run of the same coordinator whose one site is not the consortium's.
    const outsider = await writeModels(join(dir, 'outsider'), 1, 20);
    await commitLineage(honest.rpcUrl, honest.ledgerAddress, { planHash: planHashHex, sites: [attackerSite], modelHashes: outsider.modelHashes, quorum: 1 });
    outsiderModel = outsider.modelDirs[1]!;
    // The attack: a fresh anvil (same chain id, same ledger address), the honest plan hash and genesis, one attacker
    // site, quorum 1, and round 1 committing the honest final model with one bit flipped.
    attacker = await startLaterChain(honest);
    flippedModel = join(dir, 'flipped');
    cpSync(honestModel, flippedModel, { recursive: true });
    const weights = readFileSync(join(flippedModel, 'weights.bin'));
    weights[5]! ^= 0x01;
    writeFileSync(join(flippedModel, 'weights.bin'), weights);
    const modelHashes = [models.modelHashes[0]!, await modelHashOfDir(flippedModel)];
    await commitLineage(attacker.rpcUrl, attacker.ledgerAddress, { planHash: planHashHex, sites: [attackerSite], modelHashes, quorum: 1 });
  }, 120_000);

  afterAll(async () => {
    await attacker?.stop();
    await honest?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the issue's attack: plain verify on the attacker's chain finds the lineage sound but says the chain was not pinned", async () => {
    expect(attacker.chainId).toBe(honest.chainId);
    expect(attacker.ledgerAddress).toBe(honest.ledgerAddress);
    const run = await runCli(['verify', flippedModel, ...on(attacker)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  chain        NOT CHECKED: not pinned: no --consortium, so the RPC at ${attacker.rpcUrl} was trusted to be the consortium's chain\n`);
    expect(run.stdout).toContain(`signers (recovered from the commit transaction): ${attackerSite.address}`);
  });

  it('--consortium with a pinned chain refuses the attacker\'s chain: one CHAIN_MISMATCH line naming deployBlockHash, exit 4', async () => {
    const run = await runCli(['verify', flippedModel, ...on(attacker), '--consortium', pinned]);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^medfl: CHAIN_MISMATCH: the chain at ${attacker.rpcUrl} is not the consortium's pinned chain: deployBlockHash \\(block 1\\) 0x[0-9a-f]{64}, pinned 0x[0-9a-f]{64}\\n$`));
  });

  it('a consortium file that pins no chain still refuses the attack: ATTESTER_UNKNOWN naming the signer, exit 5', async () => {
    const run = await runCli(['verify', flippedModel, ...on(attacker), '--consortium', unpinned]);
    expect(run.code).toBe(5);
    expect(run.stdout).toContain(`  chain        NOT CHECKED: not pinned: ${unpinned} pins no chain (medfl provision --rpc --ledger writes one)\n`);
    expect(run.stdout).toContain(`  attesters    FAILED ATTESTER_UNKNOWN: round 1 was signed by ${attackerSite.address}, not a site of consortium north\n`);
    expect(run.stdout).toContain(`  quorum       FAILED QUORUM_TOO_LOW: round 1 has 0 signatures of consortium north's sites; the run's quorum is 1\n`);
    expect(run.stdout).toContain('NOT VERIFIED:');
  });

  it('the honest run verifies with --consortium and --plan, every check passed, in text and --json', async () => {
    const text = await runCli(['verify', honestModel, ...on(honest), '--consortium', pinned, '--plan', plan]);
    expect(text.code, text.stderr).toBe(0);
    for (const check of ['chain', 'attesters', 'quorum', 'coordinator', 'sites', 'plan']) expect(text.stdout).toMatch(new RegExp(`\\n  ${check} +ok: `));
    expect(text.stdout).toContain(`  sites        ok: the run's 3 sites are consortium north's site-0, site-1, site-2 in the plan's order\n`);
    expect(text.stdout).toContain('VERIFIED: the lineage back to the genesis model is sound');
    const json = await runCli(['verify', honestModel, ...on(honest), '--consortium', pinned, '--plan', plan, '--json']);
    const result = JSON.parse(json.stdout) as { verified: boolean; checks: { check: string; status: string }[] };
    expect(result.verified).toBe(true);
    expect(result.checks.map((check) => [check.check, check.status])).toEqual(
      ['chain', 'attesters', 'quorum', 'coordinator', 'sites', 'plan'].map((check) => [check, 'passed']),
    );
  });

  it('a plan that is not the run\'s is PLAN_MISMATCH (exit 4); one asking a higher quorum than the run\'s is QUORUM_TOO_LOW (exit 5)', async () => {
    const other = writeUciPlan(join(dir, 'plans'), 'other', { sites: SITE_IDS, rounds: 3, encryption: 'ckks', quorum: 2 });
    const mismatch = await runCli(['verify', honestModel, ...on(honest), '--consortium', pinned, '--plan', other]);
    expect(mismatch.code).toBe(4);
    expect(mismatch.stdout).toMatch(/ {2}plan +FAILED PLAN_MISMATCH: run 1's plan hash 0x[0-9a-f]{64} is not .*other\.json's 0x[0-9a-f]{64}\n/);
    const stricter = writeUciPlan(join(dir, 'plans'), 'stricter', { sites: SITE_IDS, rounds: 2, encryption: 'ckks', quorum: 3 });
    const low = await runCli(['verify', honestModel, ...on(honest), '--plan', stricter]);
    expect(low.code).toBe(5);
    expect(low.stdout).toContain(`  quorum       FAILED QUORUM_TOO_LOW: run 1's quorum is 2, below ${stricter}'s 3\n`);
  });

  it('a run on the pinned chain signed by a site outside the consortium is ATTESTER_UNKNOWN (exit 5), its site list RUN_MISMATCH', async () => {
    const run = await runCli(['verify', outsiderModel, ...on(honest), '--consortium', pinned]);
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/\n {2}chain +ok: chain id 31337, ledger 0x[0-9a-fA-F]{40} and block 1's hash are .*consortium\.json's pin\n/);
    expect(run.stdout).toContain(`  attesters    FAILED ATTESTER_UNKNOWN: round 1 was signed by ${attackerSite.address}, not a site of consortium north\n`);
    expect(run.stdout).toContain(`  sites        FAILED RUN_MISMATCH: run 2 registered ${attackerSite.address}; ${attackerSite.address} is not a site of consortium north\n`);
  });

  it('wrong paths and a file that is not a consortium.json are one line each with a code', async () => {
    const missing = await runCli(['verify', honestModel, ...on(honest), '--consortium', join(dir, 'nope.json')]);
    expect([missing.code, missing.stderr]).toEqual([3, `medfl: FILE_NOT_FOUND: consortium file ${join(dir, 'nope.json')} does not exist\n`]);
    const notConsortium = await runCli(['verify', honestModel, ...on(honest), '--consortium', plan]);
    expect(notConsortium.code).toBe(2);
    expect(notConsortium.stderr).toMatch(new RegExp(`^medfl: KIT_INVALID: consortium file ${plan} is invalid: .*; give the consortium.json of a kit or of medfl provision's output\\n$`));
    const noPlan = await runCli(['verify', honestModel, ...on(honest), '--consortium', pinned, '--plan', join(dir, 'plan.json')]);
    expect([noPlan.code, noPlan.stderr]).toEqual([3, `medfl: FILE_NOT_FOUND: plan file ${join(dir, 'plan.json')} does not exist\n`]);
  });
});
