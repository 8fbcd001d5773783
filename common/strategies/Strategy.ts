// The strategy plug-in contract (Flower's Strategy shape): a strategy decides, the round loop runs.
// Pure: strategies see numbers and Float32Arrays only, never gRPC, ethers or files, so every key holder computes the same bytes.
import type { ConsortiumSpec } from '../plan/planSchema.ts';
import type { ValidationMetrics } from '../wire/protocolTypes.ts';

/** The plan's consortium section as a strategy needs it: who is expected, how many suffice, what a failure means. */
export type StrategyConsortium = Pick<ConsortiumSpec, 'sites' | 'minUpdates' | 'onRoundFailure' | 'maxRetries'>;

/** What a strategy asks of every site for one round. */
export interface RoundConfig {
  /** FedProx proximal coefficient mu; 0 means plain local SGD. */
  readonly proximalMu: number;
}

/** Where a collecting round stands when the loop asks whether to close it. */
export interface CollectProgress {
  /** Updates accepted (durable and folded) so far. */
  readonly updates: number;
  /** True when the loop asks at the round's deadline; false when it asks because an update arrived (or on resume). */
  readonly atDeadline: boolean;
}

/** Keep collecting, close the round with the updates in, or fail the attempt (with the reason recorded). */
export type CollectDecision = { readonly kind: 'wait' } | { readonly kind: 'close' } | { readonly kind: 'fail'; readonly reason: string };

/** A failed attempt: retried as attempt `attempt`, or the run stops. */
export type FailureDecision = { readonly kind: 'retry'; readonly attempt: number } | { readonly kind: 'stop' };

/** One site's evaluation of the new global model on its local validation data. */
export interface SiteEvaluation {
  readonly site: string;
  readonly metrics: ValidationMetrics;
}

/** The consortium-wide evaluation of one round's model; a metric no site could report is null. */
export interface EvaluationSummary {
  readonly loss: number | null;
  readonly accuracy: number | null;
  readonly auroc: number | null;
  readonly auprc: number | null;
  readonly brier: number | null;
  readonly positiveRate: number | null;
}

/** State a strategy carries between rounds (server optimiser moments); key holders persist and restore it. */
export interface StrategyState {
  readonly step: number;
  readonly moments: Readonly<Record<string, Float32Array>>;
}

/** What a site knows of the round it aggregates beyond the mean update (SCAFFOLD scales by the share of sites in it). */
export interface FitContext {
  /** How many sites' updates the aggregate holds (|S|). */
  readonly contributors: number;
}

export interface Strategy {
  readonly name: string;
  /** Round configuration sent with every RoundTask. */
  configureRound(round: number): RoundConfig;
  /** Whether a collecting round closes now (results in), waits, or fails (too few results at its deadline). */
  decideCollect(progress: CollectProgress): CollectDecision;
  /** What follows a failed attempt (`attempt` counts from 0). */
  onRoundFailure(round: number, attempt: number): FailureDecision;
  /**
   * The next global weights from the current ones and the decrypted example-weighted mean update
   * `Σ nᵢ·Δᵢ / Σ nᵢ`; plain Float32 arithmetic in index order, so every site derives identical bytes. `context` is
   * optional so a strategy that needs none is called as before; the round loop always passes it.
   */
  aggregateFit(global: Float32Array, meanUpdate: Float32Array, state: StrategyState, context?: FitContext): { weights: Float32Array; state: StrategyState };
  /** The sites' evaluations of one round's model, combined into one. */
  aggregateEvaluate(evaluations: readonly SiteEvaluation[]): EvaluationSummary;
  /** The state before the first round. */
  initialState(): StrategyState;
}

export const EMPTY_STRATEGY_STATE: StrategyState = { step: 0, moments: {} };
