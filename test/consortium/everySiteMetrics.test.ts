// Real metrics.jsonl files in a temporary folder, written in the participant's line format.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { everySiteMetrics, readSiteMetrics } from '../../consortium/everySiteMetrics.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-site-metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const metrics = (accuracy: number) => ({ loss: 0.5, accuracy, auroc: 0.8, auprc: 0.3, brier: 0.1, positiveRate: 0.05, examples: 100 });
const line = (round: number, site: string, modelHash: string, accuracy: number) => JSON.stringify({ round, site, modelHash, txHash: '0x1', trainLoss: 0.4, ...metrics(accuracy) });

function siteDir(site: string, lines: readonly string[]): string {
  const out = join(dir, site);
  mkdirSync(out, { recursive: true });
  if (lines.length) writeFileSync(join(out, 'metrics.jsonl'), `${lines.join('\n')}\n`);
  return out;
}

describe('everySiteMetrics', () => {
  const outDirs = {
    late: siteDir('late', [line(1, 'late', '0xaa', 0.6), line(2, 'late', '0xbb', 0.7)]),
    attester: siteDir('attester', [line(2, 'attester', '0xbb', 0.8), 'not json']),
    otherModel: siteDir('otherModel', [line(2, 'otherModel', '0xcc', 0.1)]),
    gone: siteDir('gone', []),
  };
  const commit = { round: 2, modelHash: '0xbb', siteMetrics: [{ site: 'attester', metrics: metrics(0.8) }, { site: 'otherModel', metrics: metrics(0.9) }] };

  it("scores the round on every site that recorded the committed model, the ones whose attestation came too late among them", () => {
    const all = everySiteMetrics(commit, readSiteMetrics(outDirs));
    expect(all.map((entry) => [entry.site, entry.metrics.accuracy])).toEqual([
      ['late', 0.7],
      ['attester', 0.8],
      // Its own line is for another model (a failed attempt's), so the commit's record of it stands.
      ['otherModel', 0.9],
    ]);
    expect(all[0]!.metrics).toEqual(metrics(0.7));
  });

  it('leaves out a site with neither its own record nor one in the commit', () => {
    expect(everySiteMetrics(commit, readSiteMetrics({ gone: outDirs.gone }))).toEqual([]);
  });
});
