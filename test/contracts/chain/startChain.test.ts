import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { ledgerRecordFile, startChain, type RunningChain } from '../../../contracts/chain/startChain.ts';
import { connectLedger } from '../../../contracts/LedgerClient.ts';
import { hashOf } from '../lineage/committedModels.ts';

describe('startChain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-chain-'));
  const stateFile = join(dir, 'chain.json');
  const running: RunningChain[] = [];

  afterAll(async () => {
    await Promise.all(running.map((chain) => chain.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<RunningChain> {
    const chain = await startChain({ stateFile, port: 0 });
    running.push(chain);
    return chain;
  }

  it('deploys the ledger once, and after a restart on the same state file finds it with its runs', async () => {
    const first = await start();
    expect(first.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.reused).toBe(false);
    expect(first.chainId).toBe(31337);
    expect(JSON.parse(readFileSync(ledgerRecordFile(stateFile), 'utf8'))).toMatchObject({ address: first.ledgerAddress, chainId: 31337 });
    const client = await connectLedger(first.rpcUrl, first.ledgerAddress, devWallet(0).privateKey);
    const runId = await client.createRun({ planHash: hashOf('plan'), genesisModelHash: hashOf('genesis'), sites: [devWallet(1).address], quorum: 1 });
    client.provider.destroy();
    await first.stop();
    expect(existsSync(stateFile)).toBe(true);

    const second = await start();
    expect(second.reused).toBe(true);
    expect(second.ledgerAddress).toBe(first.ledgerAddress);
    const again = await connectLedger(second.rpcUrl, second.ledgerAddress, devWallet(0).privateKey);
    expect(await again.getRun(runId)).toMatchObject({ planHash: hashOf('plan'), genesisModelHash: hashOf('genesis') });
    again.provider.destroy();
  });

  it('without a state file deploys a fresh ledger and writes no ledger record', async () => {
    const chain = await startChain({ port: 0 });
    running.push(chain);
    expect(chain.reused).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['chain.json', 'chain.json.ledger.json']);
  });

  it("with engine 'edr' starts Hardhat's node on loopback with the ledger at anvil's address, and stop() ends it", async () => {
    const chain = await startChain({ engine: 'edr', port: 0 });
    running.push(chain);
    expect(chain.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(chain).toMatchObject({ chainId: 31337, reused: false });
    // Same deployer, same nonce: the dev ledger sits at one address on both engines.
    const anvil = await startChain({ port: 0 });
    running.push(anvil);
    expect(chain.ledgerAddress).toBe(anvil.ledgerAddress);
    const client = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
    expect(await client.createRun({ planHash: hashOf('plan'), genesisModelHash: hashOf('edr genesis'), sites: [devWallet(1).address], quorum: 1 })).toBe('1');
    client.provider.destroy();
    await chain.stop();
    await expect(fetch(chain.rpcUrl, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' })).rejects.toThrow();
  }, 60_000);
});
