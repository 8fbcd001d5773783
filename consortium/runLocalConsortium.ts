// `medfl run`: a whole consortium on one machine, each party its own process: chain, coordinator, one node per site.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childLogger } from '../common/log.ts';
import { MedflError } from '../common/MedflError.ts';
import { isModelDir, readModelDir } from '../common/model/modelDir.ts';
import { modelHash as modelHashOf } from '../common/model/modelHash.ts';
import { loadPlan } from '../common/plan/loadPlan.ts';
import { planHash } from '../common/plan/planHash.ts';
import { runPrivacyBudget } from '../common/privacy/privacyBudget.ts';
import { createStrategy } from '../common/strategies/createStrategy.ts';
import type { CommittedRound } from '../common/wire/protocolTypes.ts';
import { loadPlanData } from '../datasets/loadPlanData.ts';
import { parseJsonLine, type MedflProcess } from './MedflProcess.ts';
import { contributionsManifest, contributionsManifestFile, writeContributionsManifest } from '../common/wire/contributionsManifest.ts';
import { coordinatorListening, coordinatorProcess, prepareConsortium, siteProcess } from './partyProcesses.ts';
import { summarizeRound, type RoundSummary } from './roundSummary.ts';
import { evaluateFinalModel, type FinalEvaluation } from './evaluateFinalModel.ts';
import { everySiteMetrics, readSiteMetrics } from './everySiteMetrics.ts';
import { checkPortFree } from './checkPortFree.ts';
import { connectChain } from './localChain.ts';
import { verifyModel, type ModelVerification } from '../contracts/lineage/verifyModel.ts';

export interface LocalRunOptions {
  readonly planFile: string;
  /** Every site's data spec (`uci-heart`, a generated consortium, or a folder of site folders); each node takes its own site's part. */
  readonly data: string;
  readonly workDir: string;
  /** An existing chain; without it an embedded anvil is started. */
  readonly chain?: { readonly rpcUrl: string; readonly ledgerAddress: string; readonly adminKey: string };
  /** Every site's ε budget for a DP-SGD plan (at the plan's δ); default the plan's targetEpsilon. */
  readonly privacyBudget?: number;
  /** Called once the data and flags are checked, before any process or file is made (the CLI prints its header). */
  readonly onStart?: () => void;
  readonly onRound?: (summary: RoundSummary) => void;
  /** Serve the coordinator's live run page on this port (0 = any free one); onUi gets its URL once it listens. */
  readonly ui?: number;
  readonly onUi?: (url: string) => void;
  /** Per-process readiness limit. */
  readonly startTimeoutMs?: number;
}

export interface LocalRunResult {
  readonly runId: string;
  readonly runState: string;
  readonly planHash: string;
  readonly rounds: RoundSummary[];
  readonly finalModelDir: string;
  readonly finalModelHash: string;
  readonly rpcUrl: string;
  readonly ledgerAddress: string;
  readonly workDir: string;
  readonly verification: ModelVerification;
  /** The final model on every site's test split (the orchestrator can read all sites' data: they are local). */
  readonly evaluation: FinalEvaluation;
}

const SITE_EXIT_GRACE_MS = 30_000;

const eventRunId = (event: Record<string, unknown>) => String(event.runId ?? '');

/** A site's copy of the final model: any site that adopted the last commit holds the same bytes. */
function finalModelSource(workDir: string, siteIds: readonly string[], modelHash: string): string {
  for (const id of siteIds) {
    const dir = join(workDir, 'sites', id, 'model');
    if (isModelDir(dir) && modelHashOf(readModelDir(dir)) === modelHash) return dir;
  }
  throw new MedflError('MODEL_NOT_ON_LEDGER', `no site holds the final model ${modelHash}; see ${join(workDir, 'logs')}`);
}

function finishedLine(line: Record<string, unknown>): { runId: string; runState: string } | undefined {
  return line.event === 'finished' ? { runId: String(line.runId), runState: String(line.runState) } : undefined;
}

/** The first party to exit with an error ends the run with that error at once, instead of waiting out deadlines. */
function firstFailure(parties: readonly MedflProcess[]): Promise<never> {
  return Promise.race(parties.map((party) => party.failure())).then((error) => {
    throw error;
  });
}

/** Runs the plan to its end; every process is stopped on return or failure. */
export async function runLocalConsortium(options: LocalRunOptions): Promise<LocalRunResult> {
  const log = childLogger('run');
  const plan = loadPlan(options.planFile);
  const strategy = createStrategy(plan.strategy, plan.consortium);
  // Checked before anything starts: a DP-SGD plan without a budget fails here in one line.
  const budget = runPrivacyBudget(plan, options.privacyBudget);
  const siteIds = [...plan.consortium.sites];
  // Every site must have data the plan can read before any process starts; the nodes read the same splits
  // (datasets/loadPlanData.ts), and the final model is scored on their test parts.
  const splits = await loadPlanData(plan, options.data);
  if (options.ui !== undefined) await checkPortFree('127.0.0.1', options.ui, 'the live run page');
  options.onStart?.();
  mkdirSync(options.workDir, { recursive: true });
  const chain = await connectChain(options.workDir, options.chain);
  const started: MedflProcess[] = [];
  try {
    const kitDirs = await prepareConsortium(plan, options.workDir, chain, budget);
    const coordinator = coordinatorProcess(options.workDir, kitDirs.coordinator!, options.planFile, chain, 0, options.ui);
    started.push(coordinator);
    const { address, ui } = await coordinatorListening(coordinator, options.startTimeoutMs);
    if (ui) options.onUi?.(ui);
    const sites = siteIds.map((id) => siteProcess(options.workDir, { id, kitDir: kitDirs[id]!, data: options.data }, address, chain));
    started.push(...sites);
    const commits: CommittedRound[] = [];
    coordinator.onLine((line) => {
      const event = parseJsonLine(line);
      if (event?.event !== 'committed') return;
      const commit = event as unknown as CommittedRound;
      writeContributionsManifest(options.workDir, contributionsManifest(eventRunId(event), commit));
      commits.push(commit);
      options.onRound?.(summarizeRound(commit, strategy));
    });
    const finished = await Promise.race([coordinator.waitForJson(finishedLine, 24 * 3_600_000), firstFailure(started)]);
    // Sites end on the run's final status; one that missed it is stopped rather than waited for forever.
    await Promise.all(sites.map(async (site) => (await site.exitWithin(SITE_EXIT_GRACE_MS)) ?? site.stop()));
    // Scored on every site, from the sites' own records, once they have all written them.
    const recorded = readSiteMetrics(Object.fromEntries(siteIds.map((id) => [id, join(options.workDir, 'sites', id)])));
    const rounds: RoundSummary[] = commits.map((commit) => summarizeRound({ ...commit, siteMetrics: everySiteMetrics(commit, recorded) }, strategy));
    const last = rounds.at(-1);
    if (!last) throw new MedflError('ROUND_FAILED', `run ${finished.runId} ended ${finished.runState} without a committed round; see ${join(options.workDir, 'logs')}`);
    const finalModelDir = join(options.workDir, 'model');
    cpSync(finalModelSource(options.workDir, siteIds, last.modelHash), finalModelDir, { recursive: true });
    writeFileSync(join(options.workDir, 'metrics.jsonl'), rounds.map((round) => `${JSON.stringify(round)}\n`).join(''));
    const contributionsFile = contributionsManifestFile(options.workDir, last.round);
    const verification = await verifyModel(finalModelDir, { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, contributionsFile });
    const evaluation = await evaluateFinalModel(finalModelDir, splits);
    const result = { ...finished, planHash: planHash(plan), rounds, finalModelDir, finalModelHash: last.modelHash, rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, workDir: options.workDir, verification, evaluation };
    writeFileSync(join(options.workDir, 'run.json'), `${JSON.stringify(result, null, 2)}\n`);
    // debug, not info: on a terminal the report that follows says the same, and a log line would land inside it.
    log.debug({ runId: finished.runId, rounds: rounds.length }, 'run finished');
    return result;
  } finally {
    await Promise.all(started.map((party) => party.stop()));
    await chain.close();
  }
}
