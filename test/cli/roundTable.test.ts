import { describe, expect, it } from 'vitest';
import { roundTableHeader, roundTableLine } from '../../cli/roundTable.ts';
import type { RoundSummary } from '../../consortium/roundSummary.ts';

const summary: RoundSummary = {
  round: 3, sitesIn: 4, totalExamples: 80, loss: 0.3, avgAuroc: 0.81234, avgAuprc: 0.2, brier: 0.0312, positiveRate: 0.04, avgAccuracy: 0.97,
  perSite: {}, modelHash: `0x${'ab'.repeat(32)}`, txHash: `0x${'12'.repeat(32)}`,
};

describe('round table', () => {
  it('leads with AUROC, AUPRC, Brier and the positive rate; accuracy comes after', () => {
    expect(roundTableHeader().split('\n')[0]).toMatch(/^round\s+sites\s+examples\s+loss\s+AUROC\s+AUPRC\s+Brier\s+pos\. rate\s+accuracy\s+tx$/);
    expect(roundTableLine(summary)).toMatch(/^3\s+4\s+80\s+0\.3000\s+0\.812\s+0\.200\s+0\.0312\s+4\.0%\s+97\.0%\s+0x1212121212…$/);
  });

  it('keeps the columns of lines printed one at a time under the header, and shows n/a for a metric no site had', () => {
    const [header] = roundTableHeader().split('\n');
    const line = roundTableLine({ ...summary, round: 12, avgAuroc: null, avgAuprc: null });
    expect(line).toContain('n/a');
    for (const column of ['loss', 'AUROC', 'AUPRC', 'Brier', 'pos. rate', 'accuracy', 'tx']) {
      const start = header!.indexOf(column);
      expect(line[start - 1], column).toBe(' ');
      expect(line[start], column).not.toBe(' ');
    }
  });
});
