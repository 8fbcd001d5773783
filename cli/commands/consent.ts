// `medfl consent prove|check`: a patient's inclusion or exclusion proof for one site and round, written by the site
// and checked by anyone against the consent root the site committed on chain.
import type { Argv, CommandModule } from 'yargs';
import { MedflError } from '../../common/MedflError.ts';
import { writeJsonFile } from '../../common/writeJsonFile.ts';
import { checkConsentProofs, type ConsentCheck } from '../../contracts/checkConsentProof.ts';
import { proveConsent } from '../../participant/consent/proveConsent.ts';
import { checkAddress, checkPositiveInteger, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, type GlobalArgs } from '../output.ts';

interface ProveArgs extends GlobalArgs {
  patient: string;
  round: number;
  kit: string;
  'site-dir': string;
  out?: string;
}

interface CheckArgs extends GlobalArgs {
  proofs: string[];
  rpc: string;
  ledger: string;
}

const proveCommand: CommandModule<GlobalArgs, ProveArgs> = {
  command: 'prove',
  describe: "Write the proof that a patient's data were (inclusion) or were not (exclusion) in this site's training set in a round",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('patient', { type: 'string', demandOption: true, describe: 'the FHIR Patient id as in the site\'s export' })
      .option('round', { type: 'number', demandOption: true, describe: 'the committed round' })
      .option('kit', { type: 'string', demandOption: true, describe: "this site's kit directory (holds consent.key)" })
      .option('site-dir', { type: 'string', default: 'site-out', describe: "the participant's --out folder (holds consent/round-R.json)" })
      .option('out', { type: 'string', describe: 'proof file to write (default consent-proof-PATIENT-round-R.json)' }),
  handler: action(async (args: ProveArgs) => {
    checkPositiveInteger(args.round, '--round');
    // A proof names its patient; the checker refuses one without (an empty id would prove nothing about anyone).
    if (args.patient.trim() === '') throw new MedflError('USAGE', '--patient is empty; give the FHIR Patient id as in the site\'s export');
    const proof = proveConsent({ kitDir: args.kit, siteDir: args['site-dir'], patient: args.patient, round: args.round });
    const file = args.out ?? `consent-proof-${args.patient.replace(/[^A-Za-z0-9._-]/g, '_')}-round-${args.round}.json`;
    writeJsonFile(file, proof, '--out');
    const verdict = proof.kind === 'inclusion' ? 'IN' : 'NOT IN';
    return {
      json: { file, ...proof },
      text: `patient ${proof.patient} was ${verdict} site ${proof.site}'s training set in round ${proof.round} of run ${proof.runId} (${proof.leafCount} patients, consent root ${proof.consentRoot}); proof in ${file}`,
    };
  }),
};

function checkText(check: ConsentCheck): string {
  const { proof } = check;
  const verdict = proof.kind === 'inclusion' ? 'IN' : 'NOT IN';
  return `${check.file}: patient ${proof.patient} ${verdict} site ${proof.site}'s training set, round ${proof.round} of run ${proof.runId}: proven against the root committed in block ${check.blockNumber} (tx ${check.txHash})`;
}

const checkCommand: CommandModule<GlobalArgs, CheckArgs> = {
  command: 'check <proofs..>',
  describe: 'Check consent proofs against the roots their sites committed on chain, with no site secret (exit 0 proven, 2 a bad proof, 3 no such contribution, 4 another root on chain)',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('proofs', { type: 'string', array: true, demandOption: true, describe: 'proof files (several proofs of one patient must share its opening)' })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC URL of the chain holding the ledger' })
      .option('ledger', { type: 'string', demandOption: true, describe: 'RoundLedger contract address' }),
  handler: action(async (args: CheckArgs) => {
    checkRpcUrl(args.rpc, '--rpc');
    checkAddress(args.ledger, '--ledger');
    const checks = await checkConsentProofs(args.proofs, { rpcUrl: args.rpc, ledgerAddress: args.ledger });
    return {
      json: { proven: true, proofs: checks.map(({ file, proof, blockNumber, txHash }) => ({ file, kind: proof.kind, patient: proof.patient, site: proof.site, runId: proof.runId, round: proof.round, consentRoot: proof.consentRoot, blockNumber, txHash })) },
      text: checks.map(checkText).join('\n'),
    };
  }),
};

export const consentCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'consent <command>',
  describe: "Consent on chain: prove a patient in or out of a site's training set for a round, and check such proofs",
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(proveCommand).command(checkCommand).demandCommand(1),
  handler: () => undefined,
};
