// Starts a coordinator: loads its kit and plan, locks and opens the store, listens, then resumes or creates the run.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { canonicalJson } from '../common/canonicalJson.ts';
import { checkKitTls } from '../common/checkKitTls.ts';
import { loadKit, type Kit } from '../common/kit/loadKit.ts';
import { childLogger } from '../common/log.ts';
import { MedflError } from '../common/MedflError.ts';
import { genesisModel } from '../common/model/genesis.ts';
import { modelHash } from '../common/model/modelHash.ts';
import { planHash } from '../common/plan/planHash.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { watchMajorGc } from '../common/processMemory.ts';
import { createStrategy } from '../common/strategies/createStrategy.ts';
import { SERVER_CHANNEL_OPTIONS, coordinatorProtos } from '../common/wire/loadProtos.ts';
import { ContributionsArchive } from './ContributionsArchive.ts';
import type { Aggregation, CoordinatorLedger } from './ports.ts';
import { RunEngine } from './rounds/RunEngine.ts';
import { coordinatorService, UPLOAD_IDLE_MS } from './server/coordinatorService.ts';
import { UPLOAD_RESUME_MS } from './server/updateCalls.ts';
import { guardService } from './server/guardService.ts';
import { tolerantDeserializers } from './server/tolerantDeserializers.ts';
import { SITE_LIMITS, SiteCallLimits, type SiteLimits } from './server/SiteCallLimits.ts';
import { RoundStore } from './store/RoundStore.ts';

export interface CoordinatorOptions {
  readonly kitDir: string;
  readonly plan: Plan;
  readonly storeDir: string;
  /** The ledger client, connected with the coordinator kit's Ethereum key. */
  readonly ledger: CoordinatorLedger;
  /** The run's codec as the coordinator sees it (no key): codecId, ciphertexts per update, empty sums. */
  readonly aggregation: Aggregation;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Confirmations a round's commit needs before the round counts as committed (default 1). */
  readonly confirmations?: number;
  /** Transport limits; tests shorten them. */
  readonly limits?: Partial<SiteLimits & { readonly uploadIdleMs: number; readonly uploadResumeMs: number }>;
}

export interface RunningCoordinator {
  /** host:port the server listens on. */
  readonly address: string;
  readonly engine: RunEngine;
  stop(): Promise<void>;
}

function checkPlanSites(plan: Plan, siteIds: readonly string[]): void {
  const unknown = plan.consortium.sites.filter((id) => !siteIds.includes(id));
  if (unknown.length > 0) throw new MedflError('PLAN_MISMATCH', `the plan names sites ${unknown.join(', ')} that consortium.json does not list`);
}

/** Binds `host:port` with mutual TLS; resolves with the port bound. */
function listen(server: Server, kit: Kit, host: string, port: number): Promise<number> {
  // Client certificates are required (third argument): an unauthenticated peer never reaches a handler.
  const credentials = ServerCredentials.createSsl(
    Buffer.from(kit.tls.caPem),
    [{ cert_chain: Buffer.from(kit.tls.certPem), private_key: Buffer.from(kit.tls.keyPem) }],
    true,
  );
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, credentials, (error, bound) => {
      if (error) reject(new MedflError('TRANSPORT_UNAVAILABLE', `cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
      else resolve(bound);
    });
  });
}

/**
 * Listens before the run is created on chain: a coordinator that cannot take its port (another one holds it) must
 * fail before createRun, or it leaves a run on chain that nothing serves. Calls arriving in between are told to retry.
 */
export async function startCoordinator(options: CoordinatorOptions): Promise<RunningCoordinator> {
  const kit = loadKit(options.kitDir);
  if (kit.role !== 'coordinator') throw new MedflError('KIT_INVALID', `kit ${options.kitDir} is a site kit; the coordinator needs its own kit`);
  checkKitTls(kit);
  watchMajorGc();
  checkPlanSites(options.plan, kit.consortium.sites.map((site) => site.id));
  const run = {
    consortium: kit.consortium,
    plan: options.plan,
    planHash: planHash(options.plan),
    planJson: canonicalJson(options.plan),
    genesisModelHash: modelHash(genesisModel(options.plan)),
    aggregation: options.aggregation,
    ledger: options.ledger,
    strategy: createStrategy(options.plan.strategy, options.plan.consortium),
    confirmations: options.confirmations ?? 1,
  };
  // Opened last of all the checks: it takes the store's lock, which only shutdown() gives back.
  const store = RoundStore.open(options.storeDir);
  const contributions = new ContributionsArchive(options.storeDir, store, childLogger('coordinator'));
  const engine = new RunEngine({ store, contributions, ...run });
  const server = new Server(SERVER_CHANNEL_OPTIONS);
  let ready = false;
  try {
    const limits = new SiteCallLimits({ ...SITE_LIMITS, ...options.limits });
    const service = coordinatorService(engine, { idleMs: options.limits?.uploadIdleMs ?? UPLOAD_IDLE_MS, resumeMs: options.limits?.uploadResumeMs ?? UPLOAD_RESUME_MS });
    const guard = { consortium: kit.consortium, limits, isReady: () => ready, onSite: (site: string) => engine.siteConnected(site) };
    server.addService(tolerantDeserializers(coordinatorProtos().service), guardService(service, guard));
    const host = options.host ?? '127.0.0.1';
    const port = await listen(server, kit, host, options.port ?? 0);
    await engine.start();
    ready = true;
    const address = `${host}:${port}`;
    childLogger('coordinator').info({ address, runId: engine.runId }, 'coordinator listening');
    return { address, engine, stop: () => shutdown(server, engine, store) };
  } catch (thrown) {
    await shutdown(server, engine, store);
    throw thrown;
  }
}

async function shutdown(server: Server, engine: RunEngine, store: RoundStore): Promise<void> {
  server.forceShutdown();
  await engine.stop();
  await store.close();
}
