// Step 5's result on a site: the next global model derived from a round's aggregate, with its metrics on local test data.
// Attesting a round and replaying a missed one both derive it, from the node's current model and strategy state.
import { checkMeanBounds, type MeanBounds } from '../../common/he/meanBounds.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import type { Strategy, StrategyState } from '../../common/strategies/Strategy.ts';
import type { AggregateHeader, ValidationMetrics } from '../../common/wire/protocolTypes.ts';
import type { TabularDataset } from '../../datasets/tabular.ts';
import { evaluateModel } from '../training/evaluateModel.ts';
import { checkLeafExamples } from './checkAggregate.ts';
import { nextGlobalModel, type NextGlobalModel } from './nextGlobalModel.ts';
import { receiveAggregate, type AggregateSource } from './receiveAggregate.ts';

/** A round's next global model as this node computed it, waiting for the chain to commit it. */
export interface Candidate extends NextGlobalModel {
  readonly round: number;
  /** The attempt whose aggregate it comes from, and the sites in that aggregate (SCAFFOLD sites adopt c_i by them). */
  readonly attempt: number;
  readonly contributors: readonly string[];
  readonly metrics: ValidationMetrics;
}

export interface CandidateContext extends AggregateSource {
  readonly strategy: Strategy;
  /** This site's held-out data the candidate is evaluated on. */
  readonly test: TabularDataset;
  /** The node's global model and strategy state, which the round's aggregate builds on. */
  readonly global: ModelArtifact;
  readonly strategyState: StrategyState;
  /** The plan's per-site example cap: a header with a leaf over it is refused before any chunk is read. */
  readonly exampleCap: number;
  /** What an honest round's mean stays within (meanBounds.ts): a mean beyond them is refused before the server step. */
  readonly meanBounds: MeanBounds;
}

/**
 * Fetches round `round`'s aggregate (refused by the cap on its leaves or by `checkHeader` before any chunk is read),
 * refuses a mean no honest round produces, and derives the candidate.
 */
export async function deriveCandidate(
  context: CandidateContext,
  round: number,
  checkHeader: (header: AggregateHeader) => void,
): Promise<{ header: AggregateHeader; candidate: Candidate }> {
  const { header, meanUpdate } = await receiveAggregate(context, round, (received) => {
    checkLeafExamples(received, context.exampleCap);
    checkHeader(received);
  });
  checkMeanBounds(meanUpdate, context.meanBounds);
  const contributors = header.contributions.map((leaf) => leaf.site);
  const next = nextGlobalModel(context.global, meanUpdate, context.strategy, context.strategyState, { contributors: contributors.length });
  // An AUROC or AUPRC the split cannot define stays null: the wire carries it unset and the round goes on.
  return { header, candidate: { ...next, round, attempt: header.attempt, contributors, metrics: await evaluateModel(next.model, context.test) } };
}
