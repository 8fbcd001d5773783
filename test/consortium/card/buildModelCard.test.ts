import { describe, expect, it } from 'vitest';
import { buildModelCard } from '../../../consortium/card/buildModelCard.ts';
import type { SiteMetricsLine } from '../../../consortium/everySiteMetrics.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { ADDRESSES, consortium, hash, plan, verification } from './cardFixture.ts';

const metricsLine = (site: string, round: number, modelHash: string, accuracy: number): SiteMetricsLine => ({
  site, round, modelHash, accuracy, loss: 0.3, auroc: 0.8, auprc: null, brier: 0.1, positiveRate: 0.05, examples: 40,
});

describe('buildModelCard', () => {
  it("gives each registered site its examples per round and its latest cumulative ε from the contribution records", () => {
    const card = buildModelCard({ verification: verification(), consortium: consortium() });
    expect(card.sites).toEqual([
      { address: ADDRESSES.a, id: 'site-a', rounds: [{ round: 1, examples: 100 }, { round: 2, examples: 100 }], epsilon: 1.25 },
      { address: ADDRESSES.b, id: 'site-b', rounds: [{ round: 1, examples: 201 }, { round: 2, examples: 202 }], epsilon: 2.5 },
      { address: ADDRESSES.idle, id: 'site-idle', rounds: [], epsilon: 0 },
    ]);
    expect(card.run.coordinator).toEqual({ address: ADDRESSES.coordinator, id: 'coordinator' });
    expect(card.rounds.map((round) => round.signers.map((signer) => signer.id))).toEqual([['site-a', 'site-b'], ['site-a', 'site-b']]);
  });

  it('names parties by address alone without a consortium, and leaves task, privacy and HE parameters empty without a plan', () => {
    const card = buildModelCard({ verification: verification() });
    expect(card.sites[0]).toEqual({ address: ADDRESSES.a, rounds: [{ round: 1, examples: 100 }, { round: 2, examples: 100 }], epsilon: 1.25 });
    expect(card.task).toBeNull();
    expect(card.privacy).toBeNull();
    expect(card.he).toBeNull();
    expect(card.intendedUse).toContain(`the task of plan ${hash('9')} (pass --plan to name it)`);
  });

  it("takes the task, privacy settings and the run's CKKS parameters from the plan", () => {
    const thePlan = plan();
    const card = buildModelCard({ verification: verification(), plan: thePlan });
    expect(card.task).toMatchObject({ planName: thePlan.name, features: thePlan.features, model: thePlan.model, rounds: thePlan.rounds });
    expect(card.privacy).toEqual({ encryption: 'ckks', clipNorm: thePlan.privacy.clipNorm, dpSgd: thePlan.privacy.dpSgd, decryptionThreshold: 2 });
    expect(card.he).toEqual(runCodecParameters(thePlan));
    // The plan's description ends with a full stop; the sentence built around it must not get two.
    expect(card.intendedUse).not.toContain('..');
    expect(card.intendedUse).toContain(`over 3 sites in run 7`);
  });

  it("keeps only the sites' metrics of this very model, the newest line of each site", () => {
    const lines = [
      metricsLine('site-a', 1, hash('1'), 0.5),
      metricsLine('site-a', 2, hash('2'), 0.6),
      metricsLine('site-a', 2, hash('2'), 0.7),
      metricsLine('site-b', 2, hash('3'), 0.9),
    ];
    const card = buildModelCard({ verification: verification(), metricsLines: lines });
    expect(card.metrics).toEqual([{ site: 'site-a', round: 2, loss: 0.3, accuracy: 0.7, auroc: 0.8, auprc: null, brier: 0.1, positiveRate: 0.05, examples: 40 }]);
  });
});
