// A wrong --ledger must be named as such before a contract call on it fails to decode "0x" into something obscure.
import type { Provider } from 'ethers';
import { MedflError } from '../../common/MedflError.ts';

/** LEDGER_NOT_DEPLOYED when no contract code is at `ledgerAddress` on the chain `provider` reads. */
export async function requireLedger(provider: Provider, ledgerAddress: string): Promise<void> {
  if ((await provider.getCode(ledgerAddress)) === '0x') {
    throw new MedflError('LEDGER_NOT_DEPLOYED', `no contract at ${ledgerAddress} on this chain; check --ledger and --rpc`);
  }
}
