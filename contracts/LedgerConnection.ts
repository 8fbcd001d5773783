// What every ledger operation works through: the RPC provider, the sending wallet and the bound contract.
import type { Contract, Interface, JsonRpcProvider, Wallet } from 'ethers';

/** One RoundLedger on one chain, reached through `provider` and written to as `wallet` (LedgerClient is one). */
export interface LedgerConnection {
  readonly provider: JsonRpcProvider;
  readonly wallet: Wallet;
  readonly contract: Contract;
  readonly abi: Interface;
  readonly ledgerAddress: string;
  readonly chainId: number;
}
