// Whole system on Hardhat's EDR instead of anvil (issue 17): 3 UCI centres × 2 rounds, CKKS-encrypted, real coordinator
// and participant processes on loopback, ending with `medfl verify` against the EDR chain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { runLocalConsortium, type LocalRunResult } from '../../consortium/runLocalConsortium.ts';
import { runCli } from '../helpers/runCli.ts';
import { writeUciPlan } from './uciPlan.ts';

const SITES = ['cleveland', 'hungary', 'va'];
const work = mkdtempSync(join(tmpdir(), 'medfl-e2e-edr-'));
let chain: RunningChain;
let result: LocalRunResult;

beforeAll(async () => {
  chain = await startChain({ engine: 'edr', port: 0 });
  const planFile = writeUciPlan(join(work, 'plans'), 'e2e-edr', { sites: SITES, rounds: 2, encryption: 'ckks' });
  result = await runLocalConsortium({
    planFile,
    data: 'uci-heart',
    workDir: join(work, 'run'),
    chain: { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, adminKey: devWallet(0).privateKey },
  });
}, 600_000);

afterAll(async () => {
  await chain?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('an encrypted federated run on Hardhat\'s EDR', () => {
  it('completes, commits both rounds on chain id 31337, and `medfl verify` finds the lineage sound', async () => {
    expect(chain.chainId).toBe(31337);
    expect(result.runState).toBe('COMPLETED');
    expect(result.rpcUrl).toBe(chain.rpcUrl);
    expect(result.verification.verified).toBe(true);
    expect(result.verification.manifest?.leaves.map((leaf) => leaf.proofValid)).toEqual([true, true, true]);
    const verify = await runCli(['verify', result.finalModelDir, '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`model   ${result.finalModelHash}`);
    for (const round of [1, 2]) expect(verify.stdout).toMatch(new RegExp(`round ${round}  model 0x[0-9a-f]{64}`));
    expect(verify.stdout).toContain('VERIFIED: the lineage back to the genesis model is sound');
  });
});
