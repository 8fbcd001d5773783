// A site whose chain holds fewer rounds than it adopted (a restored older state, a reorg) waits for the coordinator to
// send the lost commits again, re-reading the chain, instead of leaving the run at once; bounded by a deadline.
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { SiteLedger } from '../ports.ts';

export interface ChainWaitContext {
  readonly ledger: Pick<SiteLedger, 'latestModel'>;
  readonly log: Logger;
  /** Between two reads of the chain (default 500 ms). */
  readonly pollMs?: number;
}

type LatestModel = Awaited<ReturnType<SiteLedger['latestModel']>>;

/**
 * The chain's latest commit of `runId` once it has reached `round`. LINEAGE_BROKEN when it has not by `untilUnixMs`:
 * the coordinator did not send the lost rounds again in time. An unreachable chain is thrown as it is (CHAIN_UNAVAILABLE).
 */
export async function awaitChainRound(context: ChainWaitContext, runId: string, round: number, untilUnixMs: number): Promise<LatestModel> {
  const pollMs = context.pollMs ?? 500;
  for (let reads = 0; ; reads += 1) {
    const latest = await context.ledger.latestModel(runId);
    if (latest.round >= round) return latest;
    if (reads === 0) {
      context.log.warn({ runId, round, chainLatestRound: latest.round, until: new Date(untilUnixMs).toISOString() }, 'the chain holds fewer rounds than this node adopted; waiting for the coordinator to send them again');
    }
    if (Date.now() + pollMs > untilUnixMs) {
      throw new MedflError('LINEAGE_BROKEN', `the chain's latest round of run ${runId} is ${latest.round}, below round ${round} this node adopted, and the coordinator did not commit it again by ${new Date(untilUnixMs).toISOString()}`, {
        details: { runId, round, chainLatestRound: latest.round },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
