// anvil's well-known development accounts (public test mnemonic): for the embedded chain and demos only.
import { HDNodeWallet, type Provider } from 'ethers';

/** The mnemonic anvil funds by default; its keys are public, so never use them on a real network. */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export function devWallet(index: number, provider?: Provider): HDNodeWallet {
  const wallet = HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
  return provider ? wallet.connect(provider) : wallet;
}
