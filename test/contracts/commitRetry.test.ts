// commitRound over a flaky RPC link (a real HTTP relay to anvil or EDR that loses one answer or one request):
// the client retries, and a commit that did reach the chain is recognised instead of being sent twice.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { connectLedger, type LedgerClient } from '../../contracts/LedgerClient.ts';
import { hashOf, signedRound, siteWallets } from './signedRound.ts';
import { CHAIN_ENGINES } from '../helpers/chainEngines.ts';

type Fault = 'none' | 'lose-answer' | 'lose-request';
let chain: RunningChain;
let relay: Server;
let relayUrl: string;
let fault: Fault = 'none';
const sites = siteWallets('retry-test', 3);

/** Forwards JSON-RPC to anvil; on the next eth_sendRawTransaction it drops the connection before or after forwarding. */
function startRelay(target: string): Promise<string> {
  relay = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const sending = body.includes('eth_sendRawTransaction');
      const mode = sending ? fault : 'none';
      if (sending) fault = 'none';
      if (mode === 'lose-request') return req.socket.destroy();
      const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await answer.text();
      if (mode === 'lose-answer') return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end(text);
    });
  });
  return new Promise((resolve) => relay.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(relay.address() as AddressInfo).port}`)));
}

async function committedEvents(client: LedgerClient, runId: string): Promise<number> {
  return (await client.contract.queryFilter(client.contract.filters.RoundCommitted!(runId), 0)).length;
}

/** The transactions waiting to be mined, read from the pending block (txpool_status is anvil's and geth's, not EDR's). */
async function pendingCount(client: LedgerClient): Promise<number> {
  const pending = (await client.provider.send('eth_getBlockByNumber', ['pending', false])) as { transactions: string[] };
  return pending.transactions.length;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe.each(CHAIN_ENGINES)('LedgerClient.commitRound retries on %s', (engine) => {
  beforeAll(async () => {
    chain = await startChain({ engine });
    relayUrl = await startRelay(chain.rpcUrl);
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => relay?.close(resolve));
    await chain?.stop();
  });

  for (const lost of ['lose-answer', 'lose-request'] as const) {
    it(`commits exactly once when the link ${lost === 'lose-answer' ? 'loses the answer to' : 'loses'} the transaction`, async () => {
      const client = await connectLedger(relayUrl, chain.ledgerAddress, devWallet(0).privateKey);
      const genesis = hashOf(`genesis ${lost}`);
      const runId = await client.createRun({ planHash: hashOf('plan'), genesisModelHash: genesis, sites: sites.map((s) => s.address), quorum: 2 });
      const request = await signedRound(client, runId, 1, genesis, sites);
      fault = lost;
      const txHash = await client.commitRound(request);
      expect(fault).toBe('none');
      expect(await committedEvents(client, runId)).toBe(1);
      expect((await client.roundEvents(runId, 1))?.txHash).toBe(txHash);
      expect((await client.getRound(runId, 1))?.modelHash).toBe(request.modelHash);
      client.provider.destroy();
    }, 30_000);
  }

  // The coordinator sent round 1, restarted before its receipt, and sends it again while the first is still pending
  // (anvil and EDR estimate against the pending block, so the second is refused as out of order): both answer the first hash.
  it('answers with the earlier transaction when a re-sent commit loses to one still pending from before a restart', async () => {
    const before = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
    const genesis = hashOf('genesis pending');
    const runId = await before.createRun({ planHash: hashOf('plan'), genesisModelHash: genesis, sites: sites.map((s) => s.address), quorum: 2 });
    const request = await signedRound(before, runId, 1, genesis, sites);
    await before.provider.send('evm_setAutomine', [false]);
    try {
      const first = before.commitRound(request);
      await waitFor(async () => (await pendingCount(before)) === 1);
      const after = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
      const second = after.commitRound(request);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await pendingCount(before)).toBe(1);
      await before.provider.send('evm_mine', []);
      const [firstHash, secondHash] = await Promise.all([first, second]);
      expect(secondHash).toBe(firstHash);
      expect((await before.roundEvents(runId, 1))?.txHash).toBe(firstHash);
      expect(await committedEvents(before, runId)).toBe(1);
      after.provider.destroy();
    } finally {
      await before.provider.send('evm_setAutomine', [true]);
      before.provider.destroy();
    }
  }, 30_000);
});
