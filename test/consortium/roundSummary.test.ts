import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../common/strategies/createStrategy.ts';
import type { CommittedRound } from '../../common/wire/protocolTypes.ts';
import { roundTableRow, summarizeRound } from '../../consortium/roundSummary.ts';

const metrics = (loss: number, accuracy: number, auroc: number, examples: number) => ({ loss, accuracy, auroc, brier: 0.2, examples });
const strategy = createStrategy({ name: 'fedavg' }, { sites: ['site-a', 'site-b'], minUpdates: 2, onRoundFailure: 'stop', maxRetries: 0 });

describe('summarizeRound', () => {
  it('combines the sites\' metrics with the run\'s strategy: example-weighted loss, per-site means', () => {
    const commit: CommittedRound = {
      round: 3,
      modelHash: `0x${'ab'.repeat(32)}`,
      txHash: `0x${'12'.repeat(32)}`,
      totalExamples: 80,
      attesters: ['site-a', 'site-b'],
      siteMetrics: [{ site: 'site-a', metrics: metrics(0.2, 0.9, 0.8, 30) }, { site: 'site-b', metrics: metrics(0.6, 0.5, 0.6, 10) }],
      contributions: [],
    };
    const summary = summarizeRound(commit, strategy);
    expect(summary).toMatchObject({ round: 3, sitesIn: 0, totalExamples: 80, perSiteAccuracy: { 'site-a': 0.9, 'site-b': 0.5 } });
    expect(summary.loss).toBeCloseTo(0.3, 12);
    expect(summary.avgAccuracy).toBeCloseTo(0.7, 12);
    expect(summary.avgAuroc).toBeCloseTo(0.7, 12);
    expect(roundTableRow(summary)).toEqual(['3', '0', '80', '0.3000', '70.0%', '0.700', '0x1212121212…']);
  });
});
