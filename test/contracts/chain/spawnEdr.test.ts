// Hardhat's EDR as a JSON-RPC node: Hardhat's dev accounts and chain id on loopback, ethers' batched calls answered by
// id, a taken port reported, and no node left behind when the process that started it is killed.
import { afterAll, describe, expect, it } from 'vitest';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { spawnEdr } from '../../../contracts/chain/spawnEdr.ts';
import type { ChainNode } from '../../../contracts/chain/spawnChainNode.ts';
import { expectChainGoneWithParent } from '../../helpers/killedParent.ts';

/** Starts EDR, prints its pid, then waits to be killed. */
const PARENT = `
import { spawnEdr } from './contracts/chain/spawnEdr.ts';
const edr = await spawnEdr({ port: 0 });
process.stdout.write(JSON.stringify({ pid: edr.pid, rpcUrl: edr.rpcUrl }) + '\\n');
setInterval(() => undefined, 1000);
`;

async function post(rpcUrl: string, body: string): Promise<unknown> {
  return (await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
}

describe('spawnEdr', () => {
  const started: ChainNode[] = [];

  afterAll(async () => {
    await Promise.all(started.map((node) => node.stop()));
  });

  it("serves Hardhat's chain id and funded dev accounts on 127.0.0.1, and answers a batch by id", async () => {
    const edr = await spawnEdr({ port: 0 });
    started.push(edr);
    expect(edr.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const batch = [
      { jsonrpc: '2.0', id: 7, method: 'eth_getBalance', params: [devWallet(19).address, 'latest'] },
      { jsonrpc: '2.0', id: 3, method: 'eth_chainId' }, // no params, as JSON-RPC 2.0 allows and cast sends
      { jsonrpc: '2.0', id: 5, method: 'no_such_method', params: [] },
    ];
    const [balance, chainId, unknown] = (await post(edr.rpcUrl, JSON.stringify(batch))) as { id: number; result?: string; error?: { message: string } }[];
    expect(balance).toEqual({ jsonrpc: '2.0', id: 7, result: '0x21e19e0c9bab2400000' }); // 10 000 ETH
    expect(chainId).toEqual({ jsonrpc: '2.0', id: 3, result: '0x7a69' }); // 31337
    expect(unknown).toMatchObject({ id: 5, error: { message: 'Method no_such_method is not supported' } });
    expect(await post(edr.rpcUrl, 'not json')).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } });
  }, 60_000);

  it('says why when the port is taken', async () => {
    const holder = await spawnEdr({ port: 0 });
    started.push(holder);
    await expect(spawnEdr({ port: holder.port })).rejects.toMatchObject({
      code: 'CHAIN_START_FAILED',
      message: expect.stringContaining('EDR did not start: exited with code'),
    });
  }, 60_000);

  it('stops EDR when the process that started it is killed outright (no clean-up code runs)', async () => {
    await expectChainGoneWithParent(PARENT);
  }, 60_000);
});
