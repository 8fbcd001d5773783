// `medfl participant`: runs one hospital node: trains on local data, sends encrypted updates, attests rounds.
import type { CommandModule } from 'yargs';
import { loadSiteSplit } from '../../datasets/loadPlanData.ts';
import { siteDataStamp } from '../../datasets/siteDataStamp.ts';
import { assertDatasetExists } from '../../datasets/resolveDataset.ts';
import { checkAddress, checkEndpoint, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, type GlobalArgs } from '../output.ts';
import { loadKit } from '../../common/kit/loadKit.ts';

interface ParticipantArgs extends GlobalArgs {
  kit: string;
  data: string;
  coordinator?: string;
  rpc: string;
  ledger: string;
  out: string;
}

export const participantCommand: CommandModule<GlobalArgs, ParticipantArgs> = {
  command: 'participant',
  describe: "Run a hospital node: local training, encrypted updates, attestations, the committed model in --out",
  builder: (yargs) =>
    yargs
      .option('kit', { type: 'string', demandOption: true, describe: "this site's kit directory (medfl provision)" })
      .option('data', { type: 'string', demandOption: true, describe: "this site's data: uci-heart, its own export, or a folder with one sub-folder per site; read as the coordinator's plan says" })
      .option('coordinator', { type: 'string', describe: "coordinator host:port (default: the endpoint in the kit's consortium.json, else 127.0.0.1:7443)" })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC endpoint' })
      .option('ledger', { type: 'string', demandOption: true, describe: 'RoundLedger contract address' })
      .option('out', { type: 'string', default: 'site-out', describe: 'where the global model, provenance and metrics go' }),
  handler: action<ParticipantArgs>(async (args) => {
    // Loaded on use, so other commands start without TensorFlow.js and SEAL.
    const [{ siteCodec, siteLedger }, { runParticipant }] = await Promise.all([
      import('../../participant/wiring.ts'),
      import('../../participant/node/runParticipant.ts'),
    ]);
    checkRpcUrl(args.rpc, '--rpc');
    checkAddress(args.ledger, '--ledger');
    const kit = loadKit(args.kit);
    const coordinator = checkEndpoint(args.coordinator ?? kit.consortium.coordinator.endpoint ?? '127.0.0.1:7443', '--coordinator');
    // The plan decides how the data are read, so they are loaded once it is approved; a wrong path need not wait.
    assertDatasetExists(args.data);
    const node = runParticipant({
      kitDir: args.kit,
      coordinator,
      outDir: args.out,
      splitFor: (plan) => loadSiteSplit(plan, args.data, kit.id),
      dataStamp: () => siteDataStamp(args.data, kit.id),
      codecFor: (plan) => siteCodec(plan, kit),
      ledgerFor: () => siteLedger({ rpcUrl: args.rpc, ledgerAddress: args.ledger, kit }),
    });
    const stopOnSignal = () => void node.stop().finally(() => process.exit(130));
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    const result = await node.done;
    return {
      json: { event: 'finished', site: kit.id, ...result },
      text: `site ${kit.id}: round ${result.round} model ${result.modelHash} in ${result.modelDir}`,
    };
  }),
};
