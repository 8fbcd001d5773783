import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../common/strategies/createStrategy.ts';
import type { CommittedRound } from '../../common/wire/protocolTypes.ts';
import { summarizeRound } from '../../consortium/roundSummary.ts';

const metrics = (loss: number, accuracy: number, auroc: number | null, examples: number, positiveRate: number) =>
  ({ loss, accuracy, auroc, auprc: auroc === null ? null : auroc - 0.4, brier: 0.2, positiveRate, examples });
const strategy = createStrategy({ name: 'fedavg' }, { sites: ['site-a', 'site-b'], minUpdates: 2, onRoundFailure: 'stop', maxRetries: 0 });

const commit = (siteMetrics: CommittedRound['siteMetrics']): CommittedRound => ({
  round: 3, modelHash: `0x${'ab'.repeat(32)}`, txHash: `0x${'12'.repeat(32)}`, totalExamples: 80, attesters: ['site-a', 'site-b'], siteMetrics, contributions: [],
});

describe('summarizeRound', () => {
  it('combines the sites\' metrics with the run\'s strategy: example-weighted loss and positive rate, per-site means', () => {
    const a = metrics(0.2, 0.9, 0.8, 30, 0.1);
    const b = metrics(0.6, 0.5, 0.6, 10, 0.3);
    const summary = summarizeRound(commit([{ site: 'site-a', metrics: a }, { site: 'site-b', metrics: b }]), strategy);
    expect(summary).toMatchObject({ round: 3, sitesIn: 0, totalExamples: 80, perSite: { 'site-a': a, 'site-b': b } });
    expect(summary.loss).toBeCloseTo(0.3, 12);
    expect(summary.avgAccuracy).toBeCloseTo(0.7, 12);
    expect(summary.avgAuroc).toBeCloseTo(0.7, 12);
    expect(summary.avgAuprc).toBeCloseTo(0.3, 12);
    expect(summary.positiveRate).toBeCloseTo(0.15, 12);
  });

  it('has a null AUROC and AUPRC when no site\'s test split holds both classes', () => {
    const summary = summarizeRound(commit([{ site: 'site-a', metrics: metrics(0.2, 1, null, 30, 0) }]), strategy);
    expect(summary).toMatchObject({ avgAuroc: null, avgAuprc: null, positiveRate: 0, avgAccuracy: 1 });
    expect(JSON.parse(JSON.stringify(summary))).toMatchObject({ avgAuroc: null, avgAuprc: null });
  });
});
