// Starts a coordinator: loads its kit and plan, opens the store, resumes or creates the run, serves mTLS gRPC.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { canonicalJson } from '../common/canonicalJson.ts';
import { loadKit } from '../common/kit/loadKit.ts';
import { childLogger } from '../common/log.ts';
import { MedflError } from '../common/MedflError.ts';
import { genesisModel } from '../common/model/genesis.ts';
import { modelHash } from '../common/model/modelHash.ts';
import { planHash } from '../common/plan/planHash.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { createStrategy } from '../common/strategies/createStrategy.ts';
import { CHANNEL_LIMITS, coordinatorProtos } from '../common/wire/loadProtos.ts';
import { ContributionsArchive } from './ContributionsArchive.ts';
import type { Aggregation, CoordinatorLedger } from './ports.ts';
import { RunEngine } from './rounds/RunEngine.ts';
import { coordinatorService } from './server/coordinatorService.ts';
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

function bind(server: Server, host: string, port: number, credentials: ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, credentials, (error, bound) => {
      if (error) reject(new MedflError('TRANSPORT_UNAVAILABLE', `cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
      else resolve(bound);
    });
  });
}

export async function startCoordinator(options: CoordinatorOptions): Promise<RunningCoordinator> {
  const kit = loadKit(options.kitDir);
  if (kit.role !== 'coordinator') throw new MedflError('KIT_INVALID', `kit ${options.kitDir} is a site kit; the coordinator needs its own kit`);
  checkPlanSites(options.plan, kit.consortium.sites.map((site) => site.id));
  const store = RoundStore.open(options.storeDir);
  const engine = new RunEngine({
    store,
    consortium: kit.consortium,
    plan: options.plan,
    planHash: planHash(options.plan),
    planJson: canonicalJson(options.plan),
    genesisModelHash: modelHash(genesisModel(options.plan)),
    aggregation: options.aggregation,
    ledger: options.ledger,
    contributions: new ContributionsArchive(options.storeDir, store, childLogger('coordinator')),
    strategy: createStrategy(options.plan.strategy, options.plan.consortium),
  });
  const server = new Server(CHANNEL_LIMITS);
  try {
    await engine.start();
    server.addService(coordinatorProtos().service, coordinatorService(engine));
    // Client certificates are required (third argument): an unauthenticated peer never reaches a handler.
    const credentials = ServerCredentials.createSsl(
      Buffer.from(kit.tls.caPem),
      [{ cert_chain: Buffer.from(kit.tls.certPem), private_key: Buffer.from(kit.tls.keyPem) }],
      true,
    );
    const host = options.host ?? '127.0.0.1';
    const port = await bind(server, host, options.port ?? 0, credentials);
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
