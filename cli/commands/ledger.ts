// `medfl ledger grant`: the ledger admin enrols a run's coordinator (COORDINATOR_ROLE and gas money), on the embedded
// anvil or on any chain where the admin holds the ledger's admin role.
import type { Argv, CommandModule } from 'yargs';
import { loadKit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { authorizeCoordinator } from '../../contracts/chain/authorizeCoordinator.ts';
import { checkAddress, checkPrivateKey, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, type GlobalArgs } from '../output.ts';

interface GrantArgs extends GlobalArgs {
  coordinator: string;
  rpc: string;
  ledger: string;
  adminKey?: string;
}

/** The admin key from --admin-key or MEDFL_ADMIN_KEY (kept out of shell history). */
function adminKey(args: GrantArgs): string {
  const key = args.adminKey ?? process.env.MEDFL_ADMIN_KEY;
  if (!key) throw new MedflError('USAGE', 'give the ledger admin key with --admin-key or the MEDFL_ADMIN_KEY environment variable');
  return checkPrivateKey(key, args.adminKey ? '--admin-key' : 'MEDFL_ADMIN_KEY');
}

const grantCommand: CommandModule<GlobalArgs, GrantArgs> = {
  command: 'grant',
  describe: "Grant the coordinator (from any kit's consortium.json) COORDINATOR_ROLE on the ledger and send it gas money",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('coordinator', { type: 'string', demandOption: true, describe: "a kit folder of the consortium (its consortium.json names the coordinator's address)" })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC endpoint' })
      .option('ledger', { type: 'string', demandOption: true, describe: 'RoundLedger contract address' })
      .option('admin-key', { type: 'string', describe: 'key holding the ledger admin role (or set MEDFL_ADMIN_KEY)' }) as Argv<GrantArgs>,
  handler: action(async (args: GrantArgs) => {
    checkRpcUrl(args.rpc, '--rpc');
    checkAddress(args.ledger, '--ledger');
    const key = adminKey(args);
    const { consortium } = loadKit(args.coordinator);
    const address = consortium.coordinator.address;
    await authorizeCoordinator(args.rpc, args.ledger, key, address);
    return {
      json: { coordinator: consortium.coordinator.id, address, ledger: args.ledger, rpcUrl: args.rpc },
      text: `coordinator ${consortium.coordinator.id} (${address}) holds COORDINATOR_ROLE on ledger ${args.ledger} and has gas money`,
    };
  }),
};

export const ledgerCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'ledger <command>',
  describe: "The ledger admin's steps (grant)",
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(grantCommand).demandCommand(1),
  handler: () => undefined,
};
