// The EVM nodes the contract tests run against: anvil (medfl's default chain) and Hardhat's EDR (issue 17), so a
// behaviour the ledger relies on is one both implement, not one node's quirk.
import type { ChainEngine } from '../../contracts/chain/startChain.ts';

export const CHAIN_ENGINES: readonly ChainEngine[] = ['anvil', 'edr'];
