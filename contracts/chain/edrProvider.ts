// Hardhat's simulated network (EDR, the Rust EVM inside Hardhat) configured as `hardhat node` starts it by default:
// chain id 31337, automine, a 60M block gas limit, the Osaka hardfork and 20 accounts of the public test mnemonic with
// 10 000 ETH each (Hardhat 3.18's network-manager defaults, read in its edr-constants, config-resolution and hardfork).
import {
  EdrContext,
  L1_CHAIN_TYPE,
  MineOrdering,
  l1GenesisState,
  l1HardforkFromString,
  l1ProviderFactory,
  ContractDecoder,
  type Provider,
} from '@nomicfoundation/edr';
import { getBytes, parseEther } from 'ethers';
import { devWallet } from './devAccounts.ts';

export const EDR_CHAIN_ID = 31337;
const DEV_ACCOUNTS = 20;
const BLOCK_GAS_LIMIT = 60_000_000n;
// Hardhat's default coinbase ("coinbase" in hex-speak), so blocks look like the ones `hardhat node` mines.
const COINBASE = '0xc014ba5ec014ba5ec014ba5ec014ba5ec014ba5e';
const HARDFORK = 'osaka';
// EIP-7825 (Osaka) caps a transaction at 2^24 gas; Hardhat uses the cap as the gas of a request that names none.
const TRANSACTION_GAS_CAP = 16_777_216n;

/** A fresh in-memory chain answering JSON-RPC requests through `provider.handleRequest`. */
export async function createEdrProvider(): Promise<Provider> {
  const context = new EdrContext();
  await context.registerProviderFactory(L1_CHAIN_TYPE, l1ProviderFactory());
  const accounts = Array.from({ length: DEV_ACCOUNTS }, (_, index) => devWallet(index));
  const funded = accounts.map((wallet) => ({ address: getBytes(wallet.address), balance: parseEther('10000'), code: new Uint8Array() }));
  const config = {
    allowBlocksWithSameTimestamp: false,
    allowUnlimitedContractSize: false,
    bailOnCallFailure: true,
    bailOnTransactionFailure: true,
    chainId: BigInt(EDR_CHAIN_ID),
    coinbase: getBytes(COINBASE),
    defaultTransactionGasLimit: TRANSACTION_GAS_CAP,
    genesisState: [...funded, ...l1GenesisState(l1HardforkFromString(HARDFORK))],
    hardfork: HARDFORK,
    minGasPrice: 0n,
    mining: { autoMine: true, blockGasLimit: BLOCK_GAS_LIMIT, memPool: { order: MineOrdering.Priority } },
    network: { genesisBlockGasLimit: BLOCK_GAS_LIMIT, genesisBlockTime: BigInt(Math.floor(Date.now() / 1000)) },
    networkId: BigInt(EDR_CHAIN_ID),
    observability: {},
    ownedAccounts: accounts.map((wallet) => wallet.privateKey),
    precompileOverrides: [],
  };
  const logger = { enable: false, decodeConsoleLogInputsCallback: () => [], printLineCallback: () => undefined };
  // Subscriptions need a websocket; the HTTP front this provider sits behind has none, so events go nowhere.
  return context.createProvider(L1_CHAIN_TYPE, config, logger, { subscriptionCallback: () => undefined }, new ContractDecoder());
}
