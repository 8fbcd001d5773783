// `medfl replay --store DIR --kit SITE_KIT`: re-derive every committed round's model hash from a stopped coordinator's
// store with one site's kit, and compare each with the chain; a changed stored aggregate or share is named.
import type { Argv, CommandModule } from 'yargs';
import { exitCodeFor } from '../../common/errorCodes.ts';
import { replayRun } from '../../consortium/replay/replayRun.ts';
import type { RoundReplay, RunReplay } from '../../consortium/replay/RunReplay.ts';
import { checkAddress, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, table, type GlobalArgs } from '../output.ts';

interface ReplayArgs extends GlobalArgs {
  store: string;
  kit: string;
  rpc: string;
  ledger?: string;
  plan?: string;
}

const short = (hash: string | null): string => (hash ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : '-');

function roundRow(round: RoundReplay): string[] {
  const status = round.status === 'ok' ? 'OK' : round.status === 'failed' ? `FAILED ${round.problem?.code ?? ''}` : 'not replayed';
  return [String(round.round), round.attempt === null ? '-' : String(round.attempt), round.contributors.join(','), round.decryptors.join(','), short(round.replayedModelHash), short(round.chainModelHash), status];
}

function replayText(result: RunReplay): string {
  const failures = result.rounds.filter((round) => round.problem).map((round) => `  round ${round.round}: ${round.problem!.code}: ${round.problem!.message}`);
  return [
    `run ${result.runId} on ledger ${result.ledger} (chain ${result.chainId}), plan ${result.planHash}`,
    `genesis ${result.genesisModelHash}; aggregates opened with ${result.site}'s kit`,
    '',
    table(['round', 'attempt', 'contributors', 'decryptors', 'replayed model', 'chain model', 'result'], result.rounds.map(roundRow)),
    '',
    result.replayed
      ? `REPLAYED: all ${result.rounds.length} committed rounds re-derive the chain's model hashes from the stored aggregates`
      : `REPLAY_MISMATCH: the stored records do not re-derive the chain's models\n${failures.join('\n')}`,
  ].join('\n');
}

export const replayCommand: CommandModule<GlobalArgs, ReplayArgs> = {
  command: 'replay',
  describe: "Re-derive every committed round's model hash from a stopped coordinator's store (read only) with one site's kit, and compare it with the chain; names a changed aggregate chunk or decryption share (exit 0 all rounds replay, 4 a round does not)",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('store', { type: 'string', demandOption: true, describe: "The coordinator's store folder (--store of medfl coordinator), or a copy; its coordinator must be stopped" })
      .option('kit', { type: 'string', demandOption: true, describe: "A site's kit folder: its keys open the key shares the store relays, which open the aggregates" })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC URL of the chain holding the ledger' })
      .option('ledger', { type: 'string', describe: "RoundLedger contract address (default: the kit's chain pin)" })
      .option('plan', { type: 'string', describe: 'The run\'s plan file (default: the plan the store keeps)' }),
  handler: action(async (args: ReplayArgs) => {
    checkRpcUrl(args.rpc, '--rpc');
    if (args.ledger !== undefined) checkAddress(args.ledger, '--ledger');
    const result = await replayRun({
      storeDir: args.store,
      kitDir: args.kit,
      rpcUrl: args.rpc,
      ...(args.ledger !== undefined ? { ledgerAddress: args.ledger } : {}),
      ...(args.plan !== undefined ? { planFile: args.plan } : {}),
    });
    return { json: result, text: replayText(result), exitCode: result.replayed ? 0 : exitCodeFor('REPLAY_MISMATCH') };
  }),
};
