// A commit's depth on a real anvil and on Hardhat's EDR: 1 once mined, one more per block, and 0 once a reorg (evm_revert) takes it out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { connectLedger, type LedgerClient } from '../../contracts/LedgerClient.ts';
import { txConfirmations } from '../../contracts/txConfirmations.ts';
import { hashOf, signedRound, siteWallets } from './signedRound.ts';
import { CHAIN_ENGINES } from '../helpers/chainEngines.ts';

let chain: RunningChain;
let client: LedgerClient;
const sites = siteWallets('confirmations-test', 2);

describe.each(CHAIN_ENGINES)('txConfirmations on %s', (engine) => {
  beforeAll(async () => {
    chain = await startChain({ engine });
    client = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
  }, 60_000);

  afterAll(async () => {
    client?.provider.destroy();
    await chain?.stop();
  });

  it('counts 1 once mined and one more per block; 0 after a reorg removes the block, and for an unknown hash', async () => {
    const genesis = hashOf('genesis confirmations');
    const runId = await client.createRun({ planHash: hashOf('plan'), genesisModelHash: genesis, sites: sites.map((s) => s.address), quorum: 2 });
    const snapshot = await client.provider.send('evm_snapshot', []);
    const txHash = await client.commitRound(await signedRound(client, runId, 1, genesis, sites));
    expect(await txConfirmations(client, txHash)).toBe(1);
    await client.provider.send('evm_mine', []);
    expect(await client.confirmations(txHash)).toBe(2);
    await client.provider.send('evm_revert', [snapshot]);
    expect(await client.confirmations(txHash)).toBe(0);
    expect(await client.latestRound(runId)).toBe(0);
    expect(await client.confirmations(hashOf('never sent'))).toBe(0);
  }, 30_000);

});

describe('txConfirmations without a node', () => {
  it('is CHAIN_UNAVAILABLE when nothing answers', async () => {
    const stopped = await startChain();
    const gone = await connectLedger(stopped.rpcUrl, stopped.ledgerAddress, devWallet(0).privateKey);
    await stopped.stop();
    await expect(gone.confirmations(hashOf('any'))).rejects.toMatchObject({ code: 'CHAIN_UNAVAILABLE' });
    gone.provider.destroy();
  }, 30_000);
});
