// The model card as Markdown, for people: the same facts as model-card.json, with where each comes from.
import type { CardMetrics, CardParty, ModelCard } from './ModelCard.ts';

const name = (party: CardParty): string => (party.id ? `${party.id} (\`${party.address}\`)` : `\`${party.address}\``);
const cell = (value: number | null, digits = 3): string => (value === null ? '–' : value.toFixed(digits));

function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function taskSection(card: ModelCard): string[] {
  const { task } = card;
  if (!task) return ['## Task', '', `Not given: the chain holds only the plan's hash \`${card.run.planHash}\`; pass --plan to describe the task.`];
  const model = task.model.kind === 'mlp' ? `MLP, hidden layers ${task.model.hidden.join('×')}` : 'logistic regression';
  const training = task.training;
  const steps = training.localEpochs === undefined ? `${training.localSteps} local steps` : `${training.localEpochs} local epoch(s)`;
  return [
    '## Task', '',
    `- Plan: **${task.planName}** (hash \`${card.run.planHash}\`)`,
    ...(task.description ? [`- Description: ${task.description}`] : []),
    `- Data: ${task.dataset.kind === 'fhir' ? 'FHIR R4 (windowed vital signs)' : task.dataset.kind}; ${task.features.length} features: ${task.features.join(', ')}`,
    `- Model: ${model}`,
    `- Training: ${task.strategy.name}, ${task.rounds} rounds, ${training.optimizer} at learning rate ${training.learningRate}, batch ${training.batchSize}, ${steps} per round`,
    `- Consortium: ${task.consortium.sites.join(', ')}; ${task.consortium.minUpdates} updates close a round, ${task.consortium.quorum} attestations commit it`,
  ];
}

function dataSection(card: ModelCard): string[] {
  const rounds = card.rounds.map((round) => round.round);
  const rows = card.sites.map((site) => [
    name(site), ...rounds.map((r) => site.rounds.find((entry) => entry.round === r)?.examples ?? '–'), site.epsilon === 0 ? '0' : site.epsilon.toFixed(6),
  ]);
  return ['## Training data per site', '', "From each site's contribution records on the chain (examples it weighted its update by).", '',
    markdownTable(['site', ...rounds.map((r) => `round ${r} examples`), 'cumulative ε'], rows)];
}

function metricsSection(metrics: readonly CardMetrics[]): string[] {
  const head = ['## Metrics per site', ''];
  if (metrics.length === 0) return [...head, "None given: pass --metrics with each site's folder (its metrics.jsonl) to include them."];
  const rows = metrics.map((m) => [m.site, m.examples, cell(m.auroc), cell(m.auprc), cell(m.accuracy), cell(m.brier), cell(m.loss), cell(m.positiveRate)]);
  return [...head, "Each site's test split, as the site recorded it for this model (not on the chain).", '',
    markdownTable(['site', 'test examples', 'AUROC', 'AUPRC', 'accuracy', 'Brier', 'loss', 'positive rate'], rows)];
}

function privacySection(card: ModelCard): string[] {
  const { privacy, he } = card;
  if (!privacy || !he) return ['## Privacy and encryption', '', 'Not given: pass --plan.'];
  const dp = privacy.dpSgd
    ? `record-level DP-SGD, clip ${privacy.dpSgd.maxGradNorm}, δ=${privacy.dpSgd.delta}, ${privacy.dpSgd.noiseMultiplier === undefined ? `target ε ${privacy.dpSgd.targetEpsilon}` : `noise multiplier ${privacy.dpSgd.noiseMultiplier}`}; each site's spend is in the table above`
    : 'none (no DP-SGD: the updates are encrypted, not noised)';
  const threshold = privacy.decryptionThreshold === undefined ? '' : `, any ${privacy.decryptionThreshold} sites decrypt together`;
  const lines = ['## Privacy and encryption', '', `- Update encryption: ${privacy.encryption}${threshold}; each update clipped to L2 norm ${privacy.clipNorm}`, `- Differential privacy: ${dp}`];
  if (he.scheme === 'ckks') {
    lines.push(`- CKKS: ring degree ${he.polyModulusDegree}, one ${he.primeBits}-bit prime, scale 2^${he.scaleBits}, ${he.securityBits}-bit security, ${he.chunkCount} ciphertext(s) per update, codec \`${he.codecId}\``);
  } else {
    lines.push(`- Codec: ${he.scheme}, \`${he.codecId}\``);
  }
  return lines;
}

function chainSection(card: ModelCard): string[] {
  const { run } = card;
  const rows = card.rounds.map((round) => [round.round, `\`${round.modelHash}\``, round.blockNumber, round.committedAt, `\`${round.txHash}\``, round.signers.map((s) => s.id ?? s.address).join(', ')]);
  return [
    '## Chain references', '',
    `Run ${run.runId} on ledger \`${run.ledger}\` (chain id ${run.chainId}), coordinator ${name(run.coordinator)}, quorum ${run.quorum}; genesis model \`${run.genesisModelHash}\`.`, '',
    markdownTable(['round', 'model', 'block', 'committed', 'transaction', 'signed by'], rows), '',
    `Checked with \`medfl verify\`: ${card.checks.map((check) => `${check.check} ${check.status}`).join(', ')}.`,
  ];
}

export function modelCardMarkdown(card: ModelCard): string {
  return [
    `# Model card: \`${card.modelHash}\``, '',
    '## Intended use', '', card.intendedUse, '', ...card.limitations.map((text) => `- ${text}`), '',
    ...taskSection(card), '', ...dataSection(card), '', ...metricsSection(card.metrics), '', ...privacySection(card), '', ...chainSection(card), '',
    'The FHIR R4 Provenance of this model is in provenance.json.', '',
  ].join('\n');
}
