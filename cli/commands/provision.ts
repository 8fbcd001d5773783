// `medfl provision`: creates the consortium CA and a kit per site and for the coordinator, or (--requests) certifies
// the keys each party made itself with `medfl kit init`.
import type { Argv, CommandModule } from 'yargs';
import type { ChainPin } from '../../common/kit/chainPin.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { readChainPinAt } from '../../contracts/chain/readChainPin.ts';
import { sharedKeyParameters } from '../../provision/ckksKeyCustody.ts';
import { issueCkksKeys } from '../../provision/issueCkksKeys.ts';
import { provisionConsortium } from '../../provision/provisionConsortium.ts';
import { provisionFromRequests } from '../../provision/provisionFromRequests.ts';
import { checkAddress, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, table, type GlobalArgs } from '../output.ts';

interface ProvisionArgs extends GlobalArgs {
  consortium: string;
  sites: string;
  out: string;
  coordinator: string;
  plan?: string;
  requests?: string;
  san?: string;
  coordinatorEndpoint?: string;
  rpc: string;
  ledger?: string;
}

/** With --ledger, the chain it is on as consortium.json pins it (read before anything is written). */
async function chainPin(args: ProvisionArgs): Promise<ChainPin | undefined> {
  if (args.ledger === undefined) return undefined;
  return readChainPinAt(checkRpcUrl(args.rpc, '--rpc'), checkAddress(args.ledger, '--ledger'));
}

function pinText(chain: ChainPin | undefined): string {
  if (!chain) return '';
  return `\nchain pinned: chain id ${chain.chainId}, ledger ${chain.ledger} deployed in block ${chain.deployBlock} (${chain.deployBlockHash})`;
}

async function fromRequests(requestsDir: string, outDir: string, coordinatorEndpoint: string | undefined, chain: ChainPin | undefined) {
  const result = await provisionFromRequests({ requestsDir, outDir, ...(coordinatorEndpoint !== undefined ? { coordinatorEndpoint } : {}), ...(chain ? { chain } : {}) });
  const rows = Object.entries(result.issuedDirs).map(([id, dir]) => [id, dir, result.digests[id] ?? '']);
  return {
    json: { consortium: result.consortium, consortiumFile: result.consortiumFile, issuedDirs: result.issuedDirs, digests: result.digests },
    text: `${table(['party', 'issued (give back to the party)', 'request digest (compare with the party)'], rows)}\n\nconsortium: ${result.consortiumFile}\nNo party's private key was needed; keep ${outDir}/ca/ca.key offline.${pinText(chain)}`,
  };
}

export const provisionCommand: CommandModule<GlobalArgs, ProvisionArgs> = {
  command: 'provision',
  describe: 'Create a consortium CA and one kit per site and for the coordinator',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('consortium', { type: 'string', default: 'medfl-demo', describe: 'Consortium name (in certificates)' })
      .option('sites', { type: 'string', default: 'site-a,site-b,site-c', describe: 'Comma-separated site ids' })
      .option('out', { type: 'string', default: 'kits', describe: 'Folder to write the kits into' })
      .option('coordinator', { type: 'string', default: 'coordinator', describe: 'The coordinator id (its certificate CN)' })
      .option('plan', { type: 'string', describe: 'Also issue the CKKS key for this ckks-shared-key plan, sealed to each site (never to the coordinator); threshold ckks plans need none' })
      .option('requests', { type: 'string', describe: "Certify the parties' own keys from this folder of request.json files (medfl kit init) instead of generating them" })
      .option('san', { type: 'string', describe: "Comma-separated DNS names and IP addresses for the coordinator's certificate (default localhost,127.0.0.1)" })
      .option('coordinator-endpoint', { type: 'string', describe: "host:port where sites reach the coordinator, written into consortium.json (medfl participant's default --coordinator)" })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC endpoint of the chain holding the ledger (with --ledger)' })
      .option('ledger', { type: 'string', describe: "RoundLedger address: pins its chain (chain id, ledger, deployment block hash) in consortium.json, so verify and sites refuse another chain" })
      .conflicts('requests', ['plan', 'san']),
  handler: action(async (args: ProvisionArgs) => {
    const chain = await chainPin(args);
    if (args.requests) return fromRequests(args.requests, args.out, args.coordinatorEndpoint, chain);
    const sites = args.sites.split(',').map((site) => site.trim()).filter(Boolean);
    // The plan is read before any kit is written, so a bad plan leaves nothing behind.
    const plan = args.plan ? loadPlan(args.plan) : undefined;
    if (plan) sharedKeyParameters(plan);
    const result = await provisionConsortium({
      consortium: args.consortium, sites, outDir: args.out, coordinatorId: args.coordinator,
      ...(args.san !== undefined ? { coordinatorNames: args.san.split(',') } : {}),
      ...(args.coordinatorEndpoint !== undefined ? { coordinatorEndpoint: args.coordinatorEndpoint } : {}),
      ...(chain ? { chain } : {}),
    });
    const codecId = plan ? await issueCkksKeys(plan, result.kitDirs, sites) : null;
    const rows = result.consortium.sites.map((site) => [site.id, result.kitDirs[site.id] ?? '', site.address]);
    rows.push([result.consortium.coordinator.id, result.kitDirs[result.consortium.coordinator.id] ?? '', result.consortium.coordinator.address]);
    return {
      json: { consortium: result.consortium, kitDirs: result.kitDirs, consortiumFile: result.consortiumFile, codecId },
      text: `${table(['party', 'kit', 'ethereum address'], rows)}\n\nconsortium: ${result.consortiumFile}\nGive each site only its own kit folder; keep ${args.out}/ca/ca.key offline.${codecId ? `\nCKKS key for codec ${codecId} sealed to each site.` : ''}${pinText(chain)}`,
    };
  }),
};
