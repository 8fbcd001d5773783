// Step 3 under threshold CKKS: the attempt's sets (U, T) recorded on chain before any decryptor is asked for a share,
// so a site can refuse to decrypt for sets the coordinator did not commit to. Idempotent across restarts.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Logger } from '../../common/log.ts';
import { asMedflError } from '../../common/MedflError.ts';
import type { AggregateHeader } from '../../common/wire/protocolTypes.ts';
import type { CoordinatorLedger } from '../ports.ts';

export interface SetsContext {
  readonly ledger: Pick<CoordinatorLedger, 'closeAttempt'>;
  readonly log: Logger;
}

export type SetsOutcome = { readonly kind: 'closed' } | { readonly kind: 'fail'; readonly reason: string };

/**
 * Closes the attempt on chain with the header's set hash. Already closed with that hash (a close sent before a
 * restart) counts as closed; another hash, or a ledger that refuses or cannot be reached, fails the attempt: its sets
 * cannot be decrypted under a hash the chain does not hold, and the strategy's retry opens a fresh attempt.
 */
export async function closeSetsOnChain(context: SetsContext, header: AggregateHeader): Promise<SetsOutcome> {
  const { runId, round, attempt, setHash } = header;
  try {
    const txHash = await context.ledger.closeAttempt(runId, round, attempt, setHash as Hash32);
    context.log.info({ round, attempt, setHash, txHash }, 'attempt sets closed on chain');
    return { kind: 'closed' };
  } catch (thrown) {
    const error = asMedflError(thrown);
    const onChain = (error.details.args as { setHash?: string } | undefined)?.setHash;
    if (error.code === 'ATTEMPT_ALREADY_CLOSED' && onChain === setHash) {
      context.log.info({ round, attempt, setHash }, 'attempt sets were already closed on chain with this hash');
      return { kind: 'closed' };
    }
    return { kind: 'fail', reason: `closing the attempt's sets on chain failed: ${error.code}: ${error.message}` };
  }
}
