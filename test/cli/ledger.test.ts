// `medfl ledger grant` through the real binary against a real anvil: the coordinator named in a kit gets its role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectRpc } from '../../contracts/chain/connectRpc.ts';
import { ledgerContract } from '../../contracts/ledgerContract.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { provisionConsortium, type ProvisionResult } from '../../provision/provisionConsortium.ts';
import { runCli } from '../helpers/runCli.ts';

describe('medfl ledger grant', () => {
  let dir: string;
  let chain: RunningChain;
  let kits: ProvisionResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-cli-ledger-'));
    chain = await startChain({ port: 0 });
    kits = await provisionConsortium({ consortium: 'grant', sites: ['site-a'], outDir: join(dir, 'kits') });
  });

  afterAll(async () => {
    await chain?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("grants the kit's coordinator COORDINATOR_ROLE and gas money, with the admin key from the environment", async () => {
    const address = kits.consortium.coordinator.address;
    const run = await runCli(['ledger', 'grant', '--coordinator', kits.kitDirs['site-a']!, '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress], {
      env: { MEDFL_ADMIN_KEY: devWallet(0).privateKey },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`coordinator coordinator (${address}) holds COORDINATOR_ROLE on ledger ${chain.ledgerAddress} and has gas money\n`);
    const provider = await connectRpc(chain.rpcUrl);
    try {
      const ledger = ledgerContract(chain.ledgerAddress, provider);
      const role = (await ledger.getFunction('COORDINATOR_ROLE')()) as string;
      expect(await ledger.getFunction('hasRole')(role, address)).toBe(true);
      expect(await provider.getBalance(address)).toBeGreaterThan(0n);
    } finally {
      provider.destroy();
    }
  });

  it('names the bad flag in one USAGE line before any chain call: a short address, a missing admin key', async () => {
    const short = await runCli(['ledger', 'grant', '--coordinator', kits.kitDirs['site-a']!, '--ledger', '0x1234', '--admin-key', devWallet(0).privateKey]);
    expect(short.code).toBe(2);
    expect(short.stderr).toBe('medfl: USAGE: --ledger "0x1234" is not an Ethereum address (0x and 40 hex digits)\n');
    const keyless = await runCli(['ledger', 'grant', '--coordinator', kits.kitDirs['site-a']!, '--ledger', chain.ledgerAddress], { env: { MEDFL_ADMIN_KEY: '' } });
    expect(keyless.code).toBe(2);
    expect(keyless.stderr).toBe('medfl: USAGE: give the ledger admin key with --admin-key or the MEDFL_ADMIN_KEY environment variable\n');
  });
});
