import { describe, expect, it } from 'vitest';
import { buildModelCard } from '../../../consortium/card/buildModelCard.ts';
import { modelCardMarkdown } from '../../../consortium/card/modelCardMarkdown.ts';
import type { SiteMetricsLine } from '../../../consortium/everySiteMetrics.ts';
import { ADDRESSES, consortium, hash, plan, verification } from './cardFixture.ts';

const line: SiteMetricsLine = { site: 'site-b', round: 2, modelHash: hash('2'), loss: 0.25, accuracy: 0.9, auroc: 0.8125, auprc: null, brier: 0.0625, positiveRate: 0.05, examples: 40 };

describe('modelCardMarkdown', () => {
  const markdown = modelCardMarkdown(buildModelCard({ verification: verification(), plan: plan(), consortium: consortium(), metricsLines: [line] }));

  it("has every section a reviewer looks for, in order", () => {
    const headings = markdown.split('\n').filter((text) => text.startsWith('#'));
    expect(headings).toEqual([
      `# Model card: \`${hash('2')}\``, '## Intended use', '## Task', '## Training data per site', '## Metrics per site', '## Privacy and encryption', '## Chain references',
    ]);
  });

  it("tables each site's examples per round and ε, and its metrics of the model", () => {
    expect(markdown).toContain('| site | round 1 examples | round 2 examples | cumulative ε |');
    expect(markdown).toContain(`| site-b (\`${ADDRESSES.b}\`) | 201 | 202 | 2.500000 |`);
    expect(markdown).toContain(`| site-idle (\`${ADDRESSES.idle}\`) | – | – | 0 |`);
    expect(markdown).toContain('| site-b | 40 | 0.813 | – | 0.900 | 0.063 | 0.250 | 0.050 |');
  });

  it('states the privacy settings and CKKS parameters, and each round on the chain', () => {
    expect(markdown).toContain('- Update encryption: ckks, any 2 sites decrypt together; each update clipped to L2 norm 10');
    expect(markdown).toContain('- Differential privacy: record-level DP-SGD, clip 1, δ=0.00001, noise multiplier 1.1');
    expect(markdown).toMatch(/- CKKS: ring degree \d+, one \d+-bit prime, scale 2\^\d+, 128-bit security/);
    expect(markdown).toContain(`| 2 | \`${hash('2')}\` | 12 | 2026-01-02T12:00:00.000Z | \`${hash('2')}\` | site-a, site-b |`);
  });

  it('says what is missing and how to add it without a plan or metrics', () => {
    const bare = modelCardMarkdown(buildModelCard({ verification: verification() }));
    expect(bare).toContain("Not given: the chain holds only the plan's hash");
    expect(bare).toContain("None given: pass --metrics with each site's folder");
    expect(bare).toContain('## Privacy and encryption\n\nNot given: pass --plan.');
  });
});
