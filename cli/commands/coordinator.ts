// `medfl coordinator`: runs a consortium's coordinator for one plan until the run completes or stops.
import type { CommandModule } from 'yargs';
import { loadKit } from '../../common/kit/loadKit.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import type { RunStatus } from '../../common/wire/protocolTypes.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { openLiveRunPage, type LiveRunPage } from '../../coordinator/livePage/openLiveRunPage.ts';
import { readRoundOnChain } from '../../coordinator/livePage/readRoundOnChain.ts';
import { coordinatorAggregation, coordinatorLedger } from '../../coordinator/wiring.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import type { CoordinatorLedger } from '../../coordinator/ports.ts';
import { startCoordinator, type RunningCoordinator } from '../../coordinator/startCoordinator.ts';
import { checkAddress, checkPort, checkPositiveInteger, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, type GlobalArgs } from '../output.ts';

interface CoordinatorArgs extends GlobalArgs {
  kit: string;
  plan: string;
  rpc: string;
  ledger: string;
  store: string;
  port: number;
  host: string;
  grace: number;
  confirmations: number;
  ui?: number;
  uiHost?: string;
}

/** One stdout line per event: JSON with --json (for `medfl run` and scripts), a short sentence otherwise. */
function announce(json: boolean, event: Record<string, unknown>, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(event)}\n` : `${text}\n`);
}

function untilFinished(watch: (listener: (status: RunStatus) => void) => () => void, onCommit: (status: RunStatus) => void): Promise<RunStatus> {
  return new Promise((resolve) => {
    let lastRound = 0;
    const stop = watch((status) => {
      if (status.lastCommit && status.lastCommit.round > lastRound) {
        lastRound = status.lastCommit.round;
        onCommit(status);
      }
      if (status.runState === 'COMPLETED' || status.runState === 'STOPPED') {
        queueMicrotask(() => stop());
        resolve(status);
      }
    });
  });
}

/**
 * The coordinator, and with --ui its live run page: the page's port is taken first, so a taken one fails before the
 * run is created. The page reads the chain through its own connection, never queued behind the coordinator's commits.
 */
async function startWithPage(args: CoordinatorArgs, plan: Plan, ledger: CoordinatorLedger): Promise<{ running: RunningCoordinator; page?: LiveRunPage; stop(): Promise<void> }> {
  const page = args.ui === undefined ? undefined : await openLiveRunPage({ port: args.ui, host: args.uiHost });
  let running: RunningCoordinator | undefined;
  try {
    running = await startCoordinator({ kitDir: args.kit, plan, storeDir: args.store, host: args.host, port: args.port, confirmations: args.confirmations, ledger, aggregation: coordinatorAggregation(plan) });
    if (page) page.serve({ engine: running.engine, planName: plan.name, readChain: readRoundOnChain(await connectLedger(args.rpc, args.ledger, loadKit(args.kit).ethPrivateKey)) });
    const started = running;
    const stop = async () => {
      await page?.close();
      await started.stop();
    };
    return { running, ...(page ? { page } : {}), stop };
  } catch (thrown) {
    await page?.close();
    await running?.stop();
    throw thrown;
  }
}

export const coordinatorCommand: CommandModule<GlobalArgs, CoordinatorArgs> = {
  command: 'coordinator',
  describe: 'Run the coordinator of a plan: mTLS gRPC server, encrypted aggregation, ledger commits',
  builder: (yargs) =>
    yargs
      .option('kit', { type: 'string', demandOption: true, describe: "the coordinator's kit directory (medfl provision)" })
      .option('plan', { type: 'string', demandOption: true, describe: 'the plan file' })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC endpoint' })
      .option('ledger', { type: 'string', demandOption: true, describe: 'RoundLedger contract address' })
      .option('store', { type: 'string', default: 'coordinator-store', describe: 'durable store directory (resumes a run)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on (0.0.0.0 for every interface); sites reach it by a name in its certificate' })
      .option('port', { type: 'number', default: 7443, describe: 'port to listen on (0 = any free port)' })
      .option('confirmations', {
        type: 'number',
        default: 1,
        describe: 'blocks that must include and follow a round\'s commit before the next round opens (1 = mined, fine for a dev chain; more on a chain that can reorg). On an automining anvil every block after the first needs another transaction or anvil --block-time',
      })
      .option('ui', { type: 'number', describe: 'serve a read-only live run page (rounds, sites, metrics, chain state; no data, no keys) on this HTTP port (0 = any free port)' })
      .option('ui-host', { type: 'string', default: '127.0.0.1', describe: 'address the live run page listens on' })
      .option('grace', { type: 'number', default: 3, describe: 'seconds to keep serving after the run ends, for late readers' }),
  handler: action<CoordinatorArgs>(async (args) => {
    checkRpcUrl(args.rpc, '--rpc');
    checkAddress(args.ledger, '--ledger');
    checkPort(args.port, '--port');
    checkPositiveInteger(args.confirmations, '--confirmations');
    if (args.ui !== undefined) checkPort(args.ui, '--ui');
    const plan = loadPlan(args.plan);
    const kit = loadKit(args.kit);
    const ledger = await coordinatorLedger({ rpcUrl: args.rpc, ledgerAddress: args.ledger, kit });
    const { running, page, stop } = await startWithPage(args, plan, ledger);
    const stopOnSignal = () => void stop().finally(() => process.exit(130));
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    const uiText = page ? `; live run page ${page.url}` : '';
    announce(args.json, { event: 'listening', address: running.address, runId: running.engine.runId, ...(page ? { ui: page.url } : {}) }, `coordinator listening on ${running.address} (run ${running.engine.runId})${uiText}`);
    const final = await untilFinished(
      (listener) => running.engine.watch(listener),
      (status) => announce(args.json, { event: 'committed', runId: status.runId, ...status.lastCommit }, `round ${status.lastCommit?.round} committed: ${status.lastCommit?.modelHash} (tx ${status.lastCommit?.txHash})`),
    );
    await new Promise((resolve) => setTimeout(resolve, args.grace * 1000));
    await stop();
    const summary = { event: 'finished', runId: final.runId, runState: final.runState, rounds: final.lastCommit?.round ?? 0, modelHash: final.lastCommit?.modelHash ?? null, failure: final.failure };
    return {
      json: summary,
      text: `run ${final.runId} ${final.runState}${final.failure ? `: ${final.failure}` : ''}; last committed round ${summary.rounds}`,
      exitCode: final.runState === 'COMPLETED' ? 0 : 7,
    };
  }),
};
