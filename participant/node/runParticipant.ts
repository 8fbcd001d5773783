// A hospital node's life: connect over mTLS, fetch and check the plan, follow the run, reconnect with back-off.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { checkKitTls } from '../../common/checkKitTls.ts';
import { loadKit, type Kit } from '../../common/kit/loadKit.ts';
import { assertPlanApproved } from '../../common/kit/planApproval.ts';
import { childLogger } from '../../common/log.ts';
import { asMedflError, MedflError } from '../../common/MedflError.ts';
import type { ErrorCode } from '../../common/errorCodes.ts';
import { genesisModel } from '../../common/model/genesis.ts';
import { modelHash } from '../../common/model/modelHash.ts';
import { parsePlan } from '../../common/plan/parsePlan.ts';
import { watchMajorGc } from '../../common/processMemory.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { createStrategy } from '../../common/strategies/createStrategy.ts';
import type { RunStatus } from '../../common/wire/protocolTypes.ts';
import { splitStandardisation, writeStandardisation } from '../../datasets/fhir/standardisationFile.ts';
import type { SiteSplit } from '../../datasets/tabular.ts';
import type { NodeCodec, SiteLedger } from '../ports.ts';
import { sitePrivacySpend } from '../privacy/sitePrivacySpend.ts';
import { approvedRun } from './approvedRun.ts';
import { CoordinatorClient } from './CoordinatorClient.ts';
import { LatestBox } from './LatestBox.ts';
import { SiteNode, type SiteConnection } from './SiteNode.ts';
import { SiteState, type SiteProgress } from './SiteState.ts';
import { splitReader } from './splitReader.ts';

export interface ParticipantOptions {
  readonly kitDir: string;
  /** host:port of the coordinator. */
  readonly coordinator: string;
  readonly outDir: string;
  /**
   * This site's train/test split for the plan: called once the coordinator's plan is known and approved, because the
   * plan's data section (feature codes, outcome, window, consent purposes, seed) decides what the data become, and
   * again before each later round, so Consents withdrawn in the meantime apply (SiteNode.roundSplit).
   */
  readonly splitFor: (plan: Plan) => Promise<SiteSplit> | SiteSplit;
  /**
   * A stamp of the site's data files (datasets/siteDataStamp.ts): before a later round the data are read again only
   * when it moved. Without it they are read before every round.
   */
  readonly dataStamp?: (plan: Plan) => string;
  /** Builds the plan's codec with the site's CKKS key or, under threshold CKKS, its kit's seed (participant/wiring.ts). */
  readonly codecFor: (plan: Plan, kit: Kit) => Promise<NodeCodec> | NodeCodec;
  /** Connects to the chain with the kit's Ethereum key. */
  readonly ledgerFor: (kit: Kit) => Promise<SiteLedger> | SiteLedger;
  /** Back-off between reconnects: doubles from `initialMs` up to `maxMs`. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** What the node calls the coordinator through on each connection (default the connection itself); a fault drill wraps it. */
  readonly connection?: (client: CoordinatorClient) => SiteConnection;
}

export interface ParticipantResult {
  readonly round: number;
  readonly modelHash: Hash32;
  readonly modelDir: string;
}

/**
 * Worth reconnecting for: the coordinator or chain is briefly away (or still holds our old calls), or the round moved
 * on while we worked. Never
 * INTERNAL: an unforeseen failure (a damaged file, a bug) fails the same way on every try, so retrying it hides it.
 */
export const TRANSIENT: readonly ErrorCode[] = [
  'TRANSPORT_UNAVAILABLE', 'SITE_LIMIT_EXCEEDED', 'CHAIN_UNAVAILABLE', 'ROUND_CLOSED', 'ROUND_MISMATCH', 'MODEL_HASH_MISMATCH', 'UPDATE_INCOMPLETE', 'STORE_FAILED',
  // Threshold CKKS: an attempt not closed on chain by its deadline fails, and a later status brings the next one.
  'ATTEMPT_NOT_CLOSED',
];

async function fetchPlan(client: CoordinatorClient, kit: Kit): Promise<{ plan: Plan; hash: Hash32 }> {
  const document = await client.getPlan();
  let value: unknown;
  try {
    value = JSON.parse(document.planJson);
  } catch (cause) {
    throw new MedflError('PLAN_NOT_JSON', 'the coordinator served a plan that is not JSON', { cause });
  }
  const plan = parsePlan(value, 'the coordinator\'s plan');
  const hash = planHash(plan);
  if (hash !== document.planHash) throw new MedflError('PLAN_MISMATCH', `the coordinator's plan hashes to ${hash}, not to the ${document.planHash} it announces`);
  assertPlanApproved(kit.dir, hash);
  return { plan, hash };
}

async function createNode(options: ParticipantOptions, kit: Kit, client: CoordinatorClient): Promise<SiteNode> {
  const { plan, hash } = await fetchPlan(client, kit);
  const strategy = createStrategy(plan.strategy, plan.consortium);
  const state = new SiteState(options.outDir);
  const genesis = genesisModel(plan);
  const progress: SiteProgress = { runId: '', round: 0, modelHash: modelHash(genesis), strategyState: strategy.initialState() };
  const start = state.load() ?? { model: genesis, progress };
  const privacySpend = sitePrivacySpend(plan, hash, kit.dir, options.outDir);
  const readSplit = splitReader(options.dataStamp && (() => options.dataStamp!(plan)), async () => {
    const split = await options.splitFor(plan);
    // Kept for bedside inference (medfl predict/serve), which must scale a patient's features as this site trained; data
    // read again for a later round (a Consent withdrawn) rewrite it, so it is the last round's scale.
    const standardisation = splitStandardisation(kit.id, hash, split);
    if (standardisation) writeStandardisation(options.outDir, standardisation);
    return split;
  });
  const split = await readSplit();
  const parts = {
    kit, plan, planHash: hash, approvedRun: approvedRun(plan, hash, modelHash(genesis), kit.consortium), split, reloadSplit: readSplit, codec: await options.codecFor(plan, kit),
    ledger: await options.ledgerFor(kit), strategy, state, ...(privacySpend ? { privacySpend } : {}),
  };
  childLogger('participant', { site: kit.id }).info({ planHash: hash, plan: plan.name, round: start.progress.round }, 'following run');
  return new SiteNode(parts, start);
}

/** Follows the run's statuses, newest first, until the run completes (true) or the stream ends (false). */
async function follow(node: SiteNode, client: CoordinatorClient, connection: SiteConnection, site: string, onStatus: () => void, onWatch: (cancel?: () => void) => void): Promise<boolean> {
  const watch = client.watchRun(site);
  onWatch(watch.cancel);
  const box = new LatestBox<RunStatus>();
  const pump = (async () => {
    for await (const status of watch.statuses) box.put(status);
  })().then(() => box.close(), (failure: unknown) => box.close(failure));
  try {
    for (let status = await box.take(); status; status = await box.take()) {
      onStatus();
      if (await node.onStatus(status, connection)) return true;
    }
    return false;
  } finally {
    onWatch(undefined);
    watch.cancel();
    await pump;
  }
}

export function runParticipant(options: ParticipantOptions): { done: Promise<ParticipantResult>; stop(): Promise<void> } {
  const kit = loadKit(options.kitDir);
  if (kit.role !== 'site' || !kit.signingSecretKey) throw new MedflError('KIT_INVALID', `kit ${options.kitDir} is not a site kit`);
  checkKitTls(kit);
  const log = childLogger('participant', { site: kit.id });
  watchMajorGc();
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 250, maxMs: 10_000 };
  let stopped = false;
  let client: CoordinatorClient | undefined;
  let pause: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  // Closing the client does not end a call in progress: stop() cancels the watch, or it waits for the next status.
  let cancelWatch: (() => void) | undefined;
  const done = (async (): Promise<ParticipantResult> => {
    let node: SiteNode | undefined;
    let delay = initialMs;
    try {
      while (!stopped) {
        try {
          client = CoordinatorClient.connect(options.coordinator, kit.tls, kit.consortium.coordinator);
          node ??= await createNode(options, kit, client);
          if (await follow(node, client, options.connection?.(client) ?? client, kit.id, () => (delay = initialMs), (cancel) => (cancelWatch = cancel))) {
            return { round: node.progress.round, modelHash: node.progress.modelHash, modelDir: node.modelDir };
          }
        } catch (thrown) {
          const error = asMedflError(thrown);
          if (!TRANSIENT.includes(error.code)) throw error;
          log.warn({ code: error.code, reason: error.message, retryInMs: delay }, 'lost the round; reconnecting');
        } finally {
          client?.close();
        }
        await new Promise<void>((resolve) => {
          pause = { timer: setTimeout(resolve, delay), resolve };
        });
        delay = Math.min(maxMs, delay * 2);
      }
    } finally {
      // The codec holds SEAL objects (the secret key among them) in wasm memory: free them when the node ends.
      node?.dispose();
    }
    throw new MedflError('TRANSPORT_UNAVAILABLE', `participant ${kit.id} was stopped before the run completed`);
  })();
  const stop = async (): Promise<void> => {
    stopped = true;
    cancelWatch?.();
    client?.close();
    if (pause) {
      clearTimeout(pause.timer);
      pause.resolve();
    }
    await done.catch(() => undefined);
  };
  return { done, stop };
}
