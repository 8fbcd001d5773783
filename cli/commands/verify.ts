// `medfl verify MODEL_DIR`: which run and rounds produced this model, from whose contributions, attested by whom.
import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../../common/errorCodes.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { LineageRound } from '../../contracts/lineage/Lineage.ts';
import { verifyModel, type ModelVerification } from '../../contracts/lineage/verifyModel.ts';
import { checkAddress, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, table, type GlobalArgs } from '../output.ts';
import { plural } from '../../common/plural.ts';

interface VerifyArgs extends GlobalArgs {
  modelDir: string;
  rpc: string;
  ledger: string;
  contributions?: string;
  run?: string;
}

function roundText(round: LineageRound): string {
  const contributors = table(
    ['site', 'examples', 'digest'],
    round.contributions.map((c) => [c.site, c.examples, c.digest]),
  );
  return [
    `round ${round.round}  model ${round.modelHash}`,
    `  from ${round.prevModelHash}`,
    `  block ${round.blockNumber} at ${round.committedAt}  tx ${round.txHash}`,
    `  ${plural(round.totalExamples, 'example')}, aggregate ${round.aggregateDigest}, contributions root ${round.contributionsRoot}`,
    `  attesters: ${round.attesters.join(', ')}`,
    contributors.replace(/^/gm, '  '),
  ].join('\n');
}

function verificationText(result: ModelVerification): string {
  const { lineage } = result;
  const lines = [
    `model   ${result.modelHash}  (${result.modelDir})`,
    `run     ${lineage.runId} on ledger ${lineage.ledger} (chain ${lineage.chainId}), coordinator ${lineage.coordinator}, quorum ${lineage.quorum}`,
    `plan    ${lineage.planHash}`,
    `genesis ${lineage.genesisModelHash}`,
    '',
    ...lineage.rounds.map(roundText),
  ];
  if (result.manifest) {
    const valid = result.manifest.leaves.filter((leaf) => leaf.proofValid).length;
    lines.push('', `contributions manifest ${result.manifest.file}: ${valid}/${result.manifest.leaves.length} proofs lead to round ${result.manifest.round}'s root`);
  }
  lines.push('', result.verified ? 'VERIFIED: the lineage back to the genesis model is sound' : `NOT VERIFIED:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
  return lines.join('\n');
}

export const verifyCommand: CommandModule<GlobalArgs, VerifyArgs> = {
  command: 'verify <modelDir>',
  describe: 'Find a model on the ledger and print its lineage back to the genesis model (exit 0 verified, 2 in several runs: name one with --run, 3 unknown, 4 mismatch)',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('modelDir', { type: 'string', demandOption: true, describe: 'Directory holding model.json and weights.bin' })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC URL of the chain holding the ledger' })
      .option('ledger', { type: 'string', demandOption: true, describe: 'RoundLedger contract address' })
      .option('contributions', { type: 'string', describe: 'Contributions manifest (leaves + Merkle proofs) to check against the chain' })
      .option('run', { type: 'string', describe: 'The run the model is from (needed when several runs committed its hash)' }),
  handler: action(async (args: VerifyArgs) => {
    checkRpcUrl(args.rpc, '--rpc');
    checkAddress(args.ledger, '--ledger');
    if (args.run !== undefined && !/^[1-9][0-9]*$/.test(args.run)) throw new MedflError('USAGE', `--run ${JSON.stringify(args.run)} is not a run id (1, 2, …)`);
    const result = await verifyModel(args.modelDir, {
      rpcUrl: args.rpc,
      ledgerAddress: args.ledger,
      ...(args.run ? { runId: args.run } : {}),
      ...(args.contributions ? { contributionsFile: args.contributions } : {}),
    });
    return { json: result, text: verificationText(result), exitCode: result.verified ? EXIT.OK : EXIT.MISMATCH };
  }),
};
