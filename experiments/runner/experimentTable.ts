// experiment-NAME.md, from the results JSON alone: the arm table, the codec check, failed cells, and provenance.
import type { ExperimentResults } from './experimentResults.ts';
import type { ArmSummary } from './armSummaries.ts';
import type { Summary } from './statistics.ts';

const number = (value: number | null, digits = 3): string => (value === null ? '–' : value.toFixed(digits));
const meanStd = (stat: Summary): string => (stat.mean === null ? '–' : stat.std === null ? number(stat.mean) : `${number(stat.mean)} ± ${number(stat.std)}`);

function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function armTable(summaries: readonly ArmSummary[], publishedMetric: string | null): string {
  const headers = ['arm', 'Avg accuracy', 'Avg AUROC', 'Avg AUPRC', 'n seeds'];
  const pooled = summaries.some((s) => s.pooledAuroc.mean !== null);
  if (pooled) headers.push('pooled-test AUROC', 'pooled-test AUPRC');
  if (publishedMetric) headers.push(`published ${publishedMetric}`, 'published std', 'ours ≥ published − 1 std');
  const rows = summaries.map((s) => {
    const row = [s.arm, meanStd(s.accuracy), meanStd(s.auroc), meanStd(s.auprc), String(s.seeds)];
    if (pooled) row.push(meanStd(s.pooledAuroc), meanStd(s.pooledAuprc));
    if (publishedMetric) {
      row.push(s.published ? `${number(s.published.mean)} (${s.published.method})` : '–', number(s.published?.std ?? null), s.withinPublished === null ? '–' : s.withinPublished ? 'yes' : 'no');
    }
    return row;
  });
  return markdownTable(headers, rows);
}

function codecSection(results: ExperimentResults): string[] {
  if (results.codecDifferences.length === 0) return [];
  const rows = results.codecDifferences.map((d) => [d.arms.join(' vs '), String(d.seed), d.codecs.join(' vs '), d.maxAbsWeightDifference.toExponential(2), d.maxAbsWeightDifference < 1e-5 ? 'yes' : 'no']);
  return ['', '## Encryption against plaintext', '', 'Largest absolute difference between the final model weights of two runs whose plans differ only in their codec.', '', markdownTable(['arms', 'seed', 'codecs', 'max abs Δw', '< 1e-5'], rows)];
}

function failureSection(results: ExperimentResults): string[] {
  const failed = results.records.filter((record) => record.status === 'failed');
  if (failed.length === 0) return [];
  const rows = failed.map((r) => [r.cellId, r.error?.code ?? '', (r.error?.message ?? '').replace(/\|/g, '\\|'), (r.error?.lastStderrLine ?? '').replace(/\|/g, '\\|').slice(0, 200)]);
  return ['', '## Failed cells', '', markdownTable(['cell', 'code', 'message', 'last stderr line'], rows)];
}

export function experimentMarkdown(results: ExperimentResults, summaries: readonly ArmSummary[]): string {
  const code = results.code.commit ? `commit ${results.code.commit}${results.code.dirty ? ' (with uncommitted changes)' : ''}` : `medfl ${results.code.version}`;
  const { machine } = results;
  return [
    `# Experiment ${results.experiment}`,
    '',
    `Definition \`${results.definition}\`; ${results.date}; ${code}; Node ${machine.node} on ${machine.platform}, ${machine.cpu} × ${machine.cores}, ${machine.memGb} GB.`,
    'Metrics are unweighted means over the sites\' test sets (FLamby\'s AvgN), then mean ± sample std over seeds; pooled-test columns score all test sets as one.',
    '',
    armTable(summaries, results.published?.metric ?? null),
    ...codecSection(results),
    ...failureSection(results),
    '',
  ].join('\n');
}
