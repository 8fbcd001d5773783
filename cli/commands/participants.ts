// `medfl participants --kits DIR...`: several hospital nodes in one process (each with its own kit, channel and out
// folder), optionally under a fault drill; what a machine with few cores runs to host many sites.
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { childLogger } from '../../common/log.ts';
import { loadKit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { loadSiteSplit } from '../../datasets/loadPlanData.ts';
import { siteDataStamp } from '../../datasets/siteDataStamp.ts';
import { assertDatasetExists } from '../../datasets/resolveDataset.ts';
import { checkAddress, checkEndpoint, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, type GlobalArgs } from '../output.ts';

interface ParticipantsArgs extends GlobalArgs {
  kits: string[];
  data: string;
  coordinator?: string;
  rpc: string;
  ledger: string;
  out: string;
  faults?: string;
}

export const participantsCommand: CommandModule<GlobalArgs, ParticipantsArgs> = {
  command: 'participants',
  describe: 'Run several hospital nodes in one process, each with its own kit, TLS identity, channel and --out/<site> folder',
  builder: (yargs) =>
    yargs
      .option('kits', { type: 'string', array: true, demandOption: true, describe: 'one kit directory per site (medfl provision)' })
      .option('data', { type: 'string', demandOption: true, describe: 'every site\'s data: uci-heart, or a folder with one sub-folder per site' })
      .option('coordinator', { type: 'string', describe: "coordinator host:port (default: the endpoint in the first kit's consortium.json, else 127.0.0.1:7443)" })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC endpoint' })
      .option('ledger', { type: 'string', demandOption: true, describe: 'RoundLedger contract address' })
      .option('out', { type: 'string', default: 'sites-out', describe: 'each site keeps its models, receipts and shares in OUT/<site id>' })
      .option('faults', { type: 'string', describe: 'a fault drill: JSON list of {round, kind, site, delayMs}, kind one of site-restart, slow-site, upload-dropped, late-join' }),
  handler: action<ParticipantsArgs>(async (args) => {
    const [{ siteCodec, siteLedger }, { SiteHost }, { faultyConnection }, { siteFaultActions }, { readSiteFaults }] = await Promise.all([
      import('../../participant/wiring.ts'),
      import('../../participant/host/SiteHost.ts'),
      import('../../participant/host/faultyConnection.ts'),
      import('../../participant/host/siteFaultActions.ts'),
      import('../../participant/host/siteFaults.ts'),
    ]);
    checkRpcUrl(args.rpc, '--rpc');
    checkAddress(args.ledger, '--ledger');
    assertDatasetExists(args.data);
    const faults = args.faults ? readSiteFaults(args.faults) : [];
    const kits = args.kits.map((dir) => loadKit(dir));
    if (kits.length === 0) throw new MedflError('USAGE', '--kits needs at least one site kit');
    const coordinator = checkEndpoint(args.coordinator ?? kits[0]!.consortium.coordinator.endpoint ?? '127.0.0.1:7443', '--coordinator');
    const announce = (event: Record<string, unknown>) => args.json && process.stdout.write(`${JSON.stringify(event)}\n`);
    const host = new SiteHost(kits.map((kit, index) => {
      const actions = siteFaultActions((site, afterMs) => host.restart(site, afterMs), kit.id, faults, childLogger('participants', { site: kit.id }), (fault) => announce({ event: 'fault', ...fault }));
      return {
        id: kit.id,
        kitDir: args.kits[index]!,
        coordinator,
        outDir: join(args.out, kit.id),
        splitFor: (plan) => loadSiteSplit(plan, args.data, kit.id),
        dataStamp: () => siteDataStamp(args.data, kit.id),
        codecFor: (plan) => siteCodec(plan, kit),
        ledgerFor: () => siteLedger({ rpcUrl: args.rpc, ledgerAddress: args.ledger, kit }),
        ...(faults.length > 0 ? { connection: (client) => faultyConnection(client, actions) } : {}),
      };
    }));
    const stopOnSignal = () => void host.stopAll().finally(() => process.exit(130));
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    host.startAll();
    const results = await host.finished();
    const sites = results.map((result, index) => ({ site: kits[index]!.id, ...result }));
    return {
      json: { event: 'finished', sites },
      text: sites.map((site) => `site ${site.site}: round ${site.round} model ${site.modelHash} in ${site.modelDir}`).join('\n'),
    };
  }),
};
