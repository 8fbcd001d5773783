// The consent root a site committed for a round, as the chain records it in the round's ContributionRecorded event.
import type { Provider } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';
import { MedflError } from '../common/MedflError.ts';
import { isEventLog } from './ledgerEvents.ts';
import { ledgerContract } from './ledgerContract.ts';

/** CONSENT_RECORD_MISSING when the chain holds no contribution of `siteAddress` in that round of that run. */
export async function readConsentRoot(provider: Provider, ledgerAddress: string, at: { runId: string; round: number; siteAddress: string }): Promise<{ consentRoot: Hash32; blockNumber: number; txHash: string }> {
  const ledger = ledgerContract(ledgerAddress, provider);
  const events = (await ledger.queryFilter(ledger.filters.ContributionRecorded!(at.runId, at.round, at.siteAddress), 0)).filter(isEventLog);
  // RoundLedger commits a round once, so one event at most; the last is taken should a fork have replayed it.
  const event = events.at(-1);
  if (!event) {
    throw new MedflError('CONSENT_RECORD_MISSING', `ledger ${ledgerAddress} records no contribution of ${at.siteAddress} in round ${at.round} of run ${at.runId}`);
  }
  return { consentRoot: event.args.getValue('consentRoot') as Hash32, blockNumber: event.blockNumber, txHash: event.transactionHash };
}
