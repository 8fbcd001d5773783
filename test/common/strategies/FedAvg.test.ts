import { describe, expect, it } from 'vitest';
import { FedAvg } from '../../../common/strategies/FedAvg.ts';
import type { StrategyConsortium } from '../../../common/strategies/Strategy.ts';

const CONSORTIUM: StrategyConsortium = { sites: ['site-a', 'site-b', 'site-c'], minUpdates: 2, onRoundFailure: 'retry', maxRetries: 1 };
const metrics = (loss: number, accuracy: number, auroc: number | null, examples: number, positiveRate = 0.1) =>
  ({ loss, accuracy, auroc, auprc: auroc === null ? null : auroc / 2, brier: loss / 2, positiveRate, examples });

describe('FedAvg', () => {
  it('adds the example-weighted mean update to the global weights', () => {
    // Two sites: site A (n=3) update [1, -1], site B (n=1) update [5, 3]: Σ nΔ = [8, 0], Σ n = 4 → mean [2, 0]
    // (the key holders' codec divides the decrypted sum; the strategy starts from the mean).
    const mean = new Float32Array([2, 0]);
    const strategy = new FedAvg(CONSORTIUM);
    const { weights, state } = strategy.aggregateFit(new Float32Array([0.5, 0.25]), mean, strategy.initialState());
    expect(Array.from(weights)).toEqual([2.5, 0.25]);
    expect(state.step).toBe(1);
    expect(strategy.configureRound(1)).toEqual({ proximalMu: 0 });
  });

  it('rounds in Float32 so that every site derives identical bytes', () => {
    const global = new Float32Array([0.1]);
    const { weights } = new FedAvg(CONSORTIUM).aggregateFit(global, new Float32Array([0.2]), new FedAvg(CONSORTIUM).initialState());
    expect(weights[0]).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  });

  it('refuses an aggregate whose size differs from the model', () => {
    const strategy = new FedAvg(CONSORTIUM);
    expect(() => strategy.aggregateFit(new Float32Array(3), new Float32Array(2), strategy.initialState())).toThrow(
      'the aggregate holds 2 values but the model has 3',
    );
  });

  it('closes a round once every expected site is in, or at the deadline with minUpdates; fails it short of them', () => {
    const strategy = new FedAvg(CONSORTIUM);
    expect(strategy.decideCollect({ updates: 3, atDeadline: false })).toEqual({ kind: 'close' });
    expect(strategy.decideCollect({ updates: 2, atDeadline: false })).toEqual({ kind: 'wait' });
    expect(strategy.decideCollect({ updates: 2, atDeadline: true })).toEqual({ kind: 'close' });
    expect(strategy.decideCollect({ updates: 1, atDeadline: true })).toEqual({
      kind: 'fail', reason: 'only 1 of the 2 required updates arrived before the deadline',
    });
  });

  it('retries a failed round up to maxRetries, then stops; a stop plan stops at once', () => {
    const retrying = new FedAvg(CONSORTIUM);
    expect(retrying.onRoundFailure(4, 0)).toEqual({ kind: 'retry', attempt: 1 });
    expect(retrying.onRoundFailure(4, 1)).toEqual({ kind: 'stop' });
    expect(new FedAvg({ ...CONSORTIUM, onRoundFailure: 'stop', maxRetries: 3 }).onRoundFailure(4, 0)).toEqual({ kind: 'stop' });
  });

  it('weights loss, Brier and positive rate by examples; averages accuracy, AUROC and AUPRC over the sites that have them', () => {
    const summary = new FedAvg(CONSORTIUM).aggregateEvaluate([
      { site: 'site-a', metrics: metrics(0.2, 0.9, 0.8, 30, 0.1) },
      { site: 'site-b', metrics: metrics(0.6, 0.5, null, 10, 0) },
    ]);
    expect(summary.loss).toBeCloseTo((0.2 * 30 + 0.6 * 10) / 40, 12);
    expect(summary.brier).toBeCloseTo((0.1 * 30 + 0.3 * 10) / 40, 12);
    expect(summary.positiveRate).toBeCloseTo((0.1 * 30) / 40, 12);
    expect(summary.accuracy).toBeCloseTo(0.7, 12);
    expect(summary.auroc).toBe(0.8);
    expect(summary.auprc).toBe(0.4);
  });
});
