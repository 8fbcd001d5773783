// `medfl verify MODEL_DIR`: which run and rounds produced this model, from whose contributions, attested by whom, and
// (with --consortium, --plan) whether that chain, run and its signers are the consortium's and the plan's.
import type { Argv, CommandModule } from 'yargs';
import { EXIT, exitCodeFor } from '../../common/errorCodes.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { LineageRound } from '../../contracts/lineage/Lineage.ts';
import type { LineageCheck } from '../../contracts/lineage/lineageChecks.ts';
import { verifyModel, type ModelVerification, type PrivacyAccounting } from '../../contracts/lineage/verifyModel.ts';
import { checkAddress, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { epsilonText } from '../epsilonText.ts';
import { action, table, type GlobalArgs } from '../output.ts';
import { plural } from '../../common/plural.ts';

interface VerifyArgs extends GlobalArgs {
  modelDir: string;
  rpc: string;
  ledger: string;
  contributions?: string;
  run?: string;
  consortium?: string;
  plan?: string;
}

function roundText(round: LineageRound, privacy: PrivacyAccounting | undefined): string {
  const contributors = table(
    ['site', 'examples', 'ε', 'digest'],
    round.contributions.map((c) => [c.site, c.examples, epsilonText(c.epsilonMicros, privacy), c.digest]),
  );
  return [
    `round ${round.round}  model ${round.modelHash}`,
    `  from ${round.prevModelHash}`,
    `  block ${round.blockNumber} at ${round.committedAt}  tx ${round.txHash}`,
    `  ${plural(round.totalExamples, 'example')}, aggregate ${round.aggregateDigest}, contributions root ${round.contributionsRoot}`,
    `  attesters: ${round.attesters.join(', ')}`,
    `  signers (recovered from the commit transaction): ${round.signers.join(', ') || 'none'}`,
    contributors.replace(/^/gm, '  '),
  ].join('\n');
}

function checkText(check: LineageCheck): string {
  const outcome = check.status === 'failed' ? `FAILED ${check.code}:` : check.status === 'passed' ? 'ok:' : 'NOT CHECKED:';
  return `  ${check.check.padEnd(12)} ${outcome} ${check.detail}`;
}

/** A failed check exits with its code's exit code (the first one's); a broken lineage or proof with MISMATCH. */
function exitCode(result: ModelVerification): number {
  if (result.verified) return EXIT.OK;
  const failed = result.checks.find((check) => check.status === 'failed');
  return failed?.code ? exitCodeFor(failed.code) : EXIT.MISMATCH;
}

function verificationText(result: ModelVerification): string {
  const { lineage } = result;
  const lines = [
    `model   ${result.modelHash}  (${result.modelDir})`,
    `run     ${lineage.runId} on ledger ${lineage.ledger} (chain ${lineage.chainId}), coordinator ${lineage.coordinator}, quorum ${lineage.quorum}`,
    `plan    ${lineage.planHash}`,
    `genesis ${lineage.genesisModelHash}`,
    `sites   ${lineage.sites.join(', ')}`,
    '',
    ...lineage.rounds.map((round) => roundText(round, result.privacy)),
    '',
    'checks',
    ...result.checks.map(checkText),
  ];
  if (result.manifest) {
    const { manifest } = result;
    const valid = manifest.leaves.filter((leaf) => leaf.proofValid).length;
    lines.push('', `contributions manifest ${manifest.file}: ${valid}/${manifest.leaves.length} proofs lead to round ${manifest.round}'s root`);
    // ε is part of each leaf, so a proof that holds proves the site's spend as committed for that round.
    const rows = manifest.leaves.map((leaf) => [leaf.address, leaf.examples, epsilonText(leaf.epsilonMicros, result.privacy), leaf.proofValid ? 'proven' : 'NOT PROVEN']);
    lines.push(table(['site', 'examples', `ε after round ${manifest.round}`, 'proof'], rows).replace(/^/gm, '  '));
  }
  lines.push('', result.verified ? 'VERIFIED: the lineage back to the genesis model is sound' : `NOT VERIFIED:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
  return lines.join('\n');
}

export const verifyCommand: CommandModule<GlobalArgs, VerifyArgs> = {
  command: 'verify <modelDir>',
  describe: "Find a model on the ledger and print its lineage back to the genesis model; with --consortium and --plan, check the chain, run, signers and quorum are the consortium's and the plan's (exit 0 verified, 2 in several runs: name one with --run, 3 unknown, 4 mismatch, 5 an unknown signer or too few)",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('modelDir', { type: 'string', demandOption: true, describe: 'Directory holding model.json and weights.bin' })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC URL of the chain holding the ledger' })
      .option('ledger', { type: 'string', demandOption: true, describe: 'RoundLedger contract address' })
      .option('contributions', { type: 'string', describe: "Contributions manifest (leaves + Merkle proofs) to check against the chain; prints each site's proven ε for its round" })
      .option('run', { type: 'string', describe: 'The run the model is from (needed when several runs committed its hash)' })
      .option('consortium', { type: 'string', describe: "consortium.json (or a kit folder): the RPC must show its pinned chain, and the run's coordinator, sites and every round's signers must be its own" })
      .option('plan', { type: 'string', describe: "The plan the run must be of: its hash, its quorum (the run's may not be lower) and, with --consortium, its sites' order; ε is printed with its δ" }),
  handler: action(async (args: VerifyArgs) => {
    checkRpcUrl(args.rpc, '--rpc');
    checkAddress(args.ledger, '--ledger');
    if (args.run !== undefined && !/^[1-9][0-9]*$/.test(args.run)) throw new MedflError('USAGE', `--run ${JSON.stringify(args.run)} is not a run id (1, 2, …)`);
    const result = await verifyModel(args.modelDir, {
      rpcUrl: args.rpc,
      ledgerAddress: args.ledger,
      ...(args.run ? { runId: args.run } : {}),
      ...(args.contributions ? { contributionsFile: args.contributions } : {}),
      ...(args.consortium !== undefined ? { consortiumFile: args.consortium } : {}),
      ...(args.plan !== undefined ? { planFile: args.plan } : {}),
    });
    return { json: result, text: verificationText(result), exitCode: exitCode(result) };
  }),
};
