// What holding the store against the chain means for the run: it runs on (the chain agrees, or is only away for now),
// or it stops (the chain diverged, or refused a re-send). The engine acts on the outcome.
import type { Logger } from '../../common/log.ts';
import { asMedflError } from '../../common/MedflError.ts';

/** Outcomes of reading the chain that leave the run running: it is away, or a re-send could not be confirmed yet. */
const CHAIN_AWAY = new Set(['CHAIN_UNAVAILABLE', 'COMMIT_UNCONFIRMED']);

export type ChainHold = { readonly kind: 'held' } | { readonly kind: 'aborted' } | { readonly kind: 'stop'; readonly reason: string };

/** Runs `reconcile`; an unreachable chain is logged and checked again later, anything else it throws stops the run. */
export async function holdChain(reconcile: () => Promise<void>, signal: AbortSignal, log: Logger): Promise<ChainHold> {
  try {
    await reconcile();
    return { kind: 'held' };
  } catch (thrown) {
    const error = asMedflError(thrown);
    if (signal.aborted) return { kind: 'aborted' };
    if (CHAIN_AWAY.has(error.code)) {
      log.warn({ code: error.code, reason: error.message }, 'could not hold the store against the chain; checking again later');
      return { kind: 'held' };
    }
    log.error({ code: error.code, reason: error.message }, 'the store cannot be held against the chain; stopping the run');
    return { kind: 'stop', reason: `${error.code}: ${error.message}` };
  }
}
