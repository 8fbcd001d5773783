// The live run page's content as HTML, from a LiveRunView: rendered here once, served in the page and in every live
// update, so the browser script only swaps it in. Every value is escaped (escapeHtml.ts); no inline styles or scripts
// (the page's Content-Security-Policy allows neither).
import { escapeHtml as esc } from './escapeHtml.ts';
import type { CurrentRoundView, LiveRunView, RoundView, SiteView, Verification } from './liveRunView.ts';

const VERIFICATION_TEXT: Readonly<Record<Verification, string>> = {
  checking: 'checking the chain…',
  confirmed: 'on chain',
  pending: 'on chain, awaiting confirmations',
  missing: 'not on chain',
  mismatch: 'chain holds another model',
  unreachable: 'chain unreachable',
};

/** 12:34:56 UTC: the coordinator's clock, the same for every reader. */
function clock(unixMs: number): string {
  return `${new Date(unixMs).toISOString().slice(11, 19)} UTC`;
}

function fixed(value: number | null, digits: number): string {
  return value === null ? '–' : value.toFixed(digits);
}

function shortHash(hash: string): string {
  return hash.length > 18 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;
}

function list(items: readonly string[], empty: string): string {
  return items.length === 0 ? `<span class="muted">${esc(empty)}</span>` : items.map((item) => `<span class="chip">${esc(item)}</span>`).join(' ');
}

function header(view: LiveRunView): string {
  const committed = view.rounds.length;
  return `<header class="run-head">
<div><h1>${esc(view.planName)}</h1>
<p class="sub">run <code>${esc(view.runId)}</code> · plan <code title="${esc(view.planHash)}">${esc(shortHash(view.planHash))}</code> · ${esc(view.encryption)} updates · quorum ${esc(view.quorum)} of ${esc(view.sites.length)} sites</p></div>
<span class="badge state-${esc(view.runState.toLowerCase())}" data-run-state="${esc(view.runState)}">${esc(view.runState)}</span>
</header>
<div class="progress"><progress max="${esc(view.totalRounds)}" value="${esc(committed)}"></progress><span>${esc(committed)} of ${esc(view.totalRounds)} rounds committed</span></div>
${view.failure ? `<p class="failure">${esc(view.failure)}</p>` : ''}`;
}

function currentRound(current: CurrentRoundView | null): string {
  if (!current) return '';
  const attempt = current.attempt > 0 ? ` (attempt ${esc(current.attempt + 1)})` : '';
  return `<section class="panel current" data-current-round="${esc(current.round)}">
<h2>Round ${esc(current.round)}${attempt}: <span class="state">${esc(current.state)}</span></h2>
<dl><dt>updates in</dt><dd>${list(current.updatesIn, 'none yet')}</dd>
<dt>attestations in</dt><dd>${list(current.attestationsIn, 'none yet')}</dd>
<dt>deadline</dt><dd>${esc(clock(current.deadlineUnixMs))}</dd></dl>
</section>`;
}

function chainCell(round: RoundView, needed: number): string {
  const count = round.confirmations === null ? '' : ` · ${esc(round.confirmations)} confirmation${round.confirmations === 1 ? '' : 's'}`;
  const of = round.verification === 'pending' ? ` of ${esc(needed)}` : '';
  return `<span class="verify verify-${esc(round.verification)}" data-verification="${esc(round.verification)}">${esc(VERIFICATION_TEXT[round.verification])}${count}${of}</span>`;
}

function roundRow(round: RoundView, needed: number): string {
  const contributors = round.contributors.map((leaf) => `${leaf.site} (${leaf.examples})`);
  return `<tr data-round="${esc(round.round)}">
<td class="num">${esc(round.round)}</td>
<td><code class="hash" data-model-hash>${esc(round.modelHash)}</code><br><span class="muted tx">tx <code title="${esc(round.txHash)}">${esc(shortHash(round.txHash))}</code> · block ${esc(round.block ?? '–')}</span></td>
<td>${list(contributors, 'none')}</td>
<td>${list(round.attesters, 'none')}</td>
<td class="num">${esc(round.totalExamples)}</td>
<td class="num">${esc(fixed(round.metrics.loss, 3))}</td>
<td class="num">${esc(fixed(round.metrics.accuracy, 3))}</td>
<td class="num">${esc(fixed(round.metrics.auroc, 3))}</td>
<td>${chainCell(round, needed)}</td>
</tr>`;
}

function roundsTable(view: LiveRunView): string {
  const body = view.rounds.length === 0
    ? `<tr><td colspan="9" class="muted">no round committed yet</td></tr>`
    : view.rounds.map((round) => roundRow(round, view.confirmationsNeeded)).join('\n');
  return `<section class="panel"><h2>Committed rounds</h2>
<table class="rounds"><thead><tr><th class="num">Round</th><th>Model hash</th><th>Contributors (examples)</th><th>Attesters</th><th class="num">Examples</th><th class="num">Loss</th><th class="num">Accuracy</th><th class="num">AUROC</th><th>Verification</th></tr></thead>
<tbody>${body}</tbody></table>
<p class="note">Loss, accuracy and AUROC: the sites' test splits, combined as the plan's strategy combines them. A commit counts once it has ${esc(view.confirmationsNeeded)} confirmation${view.confirmationsNeeded === 1 ? '' : 's'}.</p>
</section>`;
}

function siteRow(site: SiteView): string {
  const link = site.connected ? '<span class="dot on"></span>following the run' : '<span class="dot off"></span>not connected';
  return `<tr data-site="${esc(site.site)}"><td>${esc(site.site)}</td><td>${link}</td><td>${esc(site.lastSeenUnixMs === null ? 'never' : clock(site.lastSeenUnixMs))}</td><td class="num">${esc(site.updatesAccepted)}</td></tr>`;
}

function sitesTable(view: LiveRunView): string {
  return `<section class="panel"><h2>Sites</h2>
<table class="sites"><thead><tr><th>Site</th><th>Connection</th><th>Last seen</th><th class="num">Updates accepted</th></tr></thead>
<tbody>${view.sites.map(siteRow).join('\n')}</tbody></table>
</section>`;
}

/** The page's live part (everything inside <main>). */
export function renderRunPage(view: LiveRunView): string {
  return [header(view), currentRound(view.current), roundsTable(view), sitesTable(view)].filter(Boolean).join('\n');
}
