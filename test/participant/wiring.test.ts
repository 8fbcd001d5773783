// participant/wiring.ts against real anvil chains: a site whose consortium.json pins the chain refuses another one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKit, type Kit } from '../../common/kit/loadKit.ts';
import { readChainPinAt } from '../../contracts/chain/readChainPin.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { siteLedger } from '../../participant/wiring.ts';
import { provisionConsortium } from '../../provision/provisionConsortium.ts';
import { startLaterChain } from '../helpers/laterChain.ts';

describe('siteLedger and the pinned chain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-site-wiring-'));
  let honest: RunningChain;
  let kit: Kit;

  beforeAll(async () => {
    honest = await startChain({ port: 0 });
    const chain = await readChainPinAt(honest.rpcUrl, honest.ledgerAddress);
    await provisionConsortium({ consortium: 'north', sites: ['site-a'], outDir: join(dir, 'kits'), chain });
    kit = loadKit(join(dir, 'kits', 'site-a'));
  }, 60_000);

  afterAll(async () => {
    await honest?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects to the chain its consortium.json pins', async () => {
    const ledger = await siteLedger({ rpcUrl: honest.rpcUrl, ledgerAddress: honest.ledgerAddress, kit });
    expect(ledger.ledgerAddress).toBe(honest.ledgerAddress);
  });

  it('refuses a fresh chain with the same chain id and ledger address: CHAIN_MISMATCH naming deployBlockHash', async () => {
    const attacker = await startLaterChain(honest);
    try {
      await expect(siteLedger({ rpcUrl: attacker.rpcUrl, ledgerAddress: attacker.ledgerAddress, kit })).rejects.toMatchObject({
        code: 'CHAIN_MISMATCH',
        message: expect.stringMatching(/is not the consortium's pinned chain: deployBlockHash \(block 1\) 0x[0-9a-f]{64}, pinned 0x[0-9a-f]{64}$/),
      });
    } finally {
      await attacker.stop();
    }
  });
});
