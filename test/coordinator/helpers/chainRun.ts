// A real anvil that can be stopped and restored, with one run of two sites created on it, the admin's ledger client
// and the coordinator's real ledger wiring: what the finality tests commit rounds to.
import type { Wallet } from 'ethers';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { connectLedger, type LedgerClient } from '../../../contracts/LedgerClient.ts';
import type { CoordinatorLedger } from '../../../coordinator/ports.ts';
import { coordinatorLedger } from '../../../coordinator/wiring.ts';
import { hashOf } from '../../contracts/signedRound.ts';
import { RestorableChain } from '../../helpers/restorableChain.ts';

export interface ChainRun {
  readonly chain: RestorableChain;
  readonly client: LedgerClient;
  readonly ledger: CoordinatorLedger;
  readonly runId: string;
  readonly genesis: Hash32;
}

/** Starts the chain and creates the run (quorum 2 of `sites`); `cleanups` gets what stops them, to run in reverse. */
export async function startChainRun(label: string, sites: readonly Wallet[], cleanups: (() => Promise<void> | void)[]): Promise<ChainRun> {
  const chain = await RestorableChain.start();
  cleanups.push(() => chain.stop());
  const key = devWallet(0).privateKey;
  const client = await connectLedger(chain.rpcUrl, chain.ledgerAddress, key);
  cleanups.push(() => client.provider.destroy());
  const genesis = hashOf(`genesis ${label}`);
  const runId = await client.createRun({ planHash: hashOf('plan'), genesisModelHash: genesis, sites: sites.map((s) => s.address), quorum: 2 });
  const ledger = await coordinatorLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit: { ethPrivateKey: key } });
  return { chain, client, ledger, runId, genesis };
}
