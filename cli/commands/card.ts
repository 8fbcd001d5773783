// `medfl card MODEL_DIR --out DIR`: for a model `medfl verify` verifies, its FHIR R4 Provenance and its model card
// (Markdown and JSON); a model that is not verified gets none.
import type { Argv, CommandModule } from 'yargs';
import { MedflError } from '../../common/MedflError.ts';
import { checkAddress, checkRpcUrl, DEFAULT_RPC } from '../flags.ts';
import { action, type GlobalArgs } from '../output.ts';

interface CardArgs extends GlobalArgs {
  modelDir: string;
  rpc: string;
  ledger: string;
  out: string;
  run?: string;
  plan?: string;
  consortium?: string;
  contributions?: string;
  metrics?: string[];
}

export const cardCommand: CommandModule<GlobalArgs, CardArgs> = {
  command: 'card <modelDir>',
  describe: "Write a verified model's FHIR R4 Provenance and model card (provenance.json, model-card.md, model-card.json) into a new folder; a model that does not verify gets none (exit 4 MODEL_NOT_VERIFIED, 3 MODEL_NOT_ON_LEDGER)",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('modelDir', { type: 'string', demandOption: true, describe: 'Directory holding model.json and weights.bin' })
      .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC URL of the chain holding the ledger' })
      .option('ledger', { type: 'string', demandOption: true, describe: 'RoundLedger contract address' })
      .option('out', { type: 'string', demandOption: true, describe: 'A new (or empty) folder for the three files; written whole or not at all' })
      .option('run', { type: 'string', describe: 'The run the model is from (needed when several runs committed its hash)' })
      .option('plan', { type: 'string', describe: "The run's plan: checked against the run's plan hash, then the card's task, privacy settings and CKKS parameters" })
      .option('consortium', { type: 'string', describe: "consortium.json (or a kit folder): checked as verify checks it, then names each account by its site id" })
      .option('contributions', { type: 'string', describe: "Contributions manifest (leaves + Merkle proofs) that must hold against the chain" })
      .option('metrics', { type: 'string', array: true, describe: "A site's folder or its metrics.jsonl (repeatable): its recorded test metrics of this model go on the card" }) as Argv<CardArgs>,
  handler: action(async (args: CardArgs) => {
    checkRpcUrl(args.rpc, '--rpc');
    checkAddress(args.ledger, '--ledger');
    if (args.run !== undefined && !/^[1-9][0-9]*$/.test(args.run)) throw new MedflError('USAGE', `--run ${JSON.stringify(args.run)} is not a run id (1, 2, …)`);
    // Loaded on use, so other commands start without the FHIR definitions.
    const { writeModelCard } = await import('../../consortium/card/writeModelCard.ts');
    const written = await writeModelCard(args.modelDir, {
      rpcUrl: args.rpc,
      ledgerAddress: args.ledger,
      outDir: args.out,
      ...(args.run ? { runId: args.run } : {}),
      ...(args.plan !== undefined ? { planFile: args.plan } : {}),
      ...(args.consortium !== undefined ? { consortiumFile: args.consortium } : {}),
      ...(args.contributions !== undefined ? { contributionsFile: args.contributions } : {}),
      ...(args.metrics ? { metricsPaths: args.metrics } : {}),
    });
    const { card, files } = written;
    const last = card.rounds.at(-1)!;
    const text = [
      `model ${card.modelHash}: round ${last.round} of run ${card.run.runId} on ledger ${card.run.ledger} (chain ${card.run.chainId}), verified`,
      `  ${files.provenance}  FHIR R4 Provenance (${written.provenance.agent.length} agents, ${written.provenance.signature?.length ?? 0} signatures; valid R4)`,
      `  ${files.markdown}`,
      `  ${files.json}`,
      ...written.fhirWarnings.map((warning) => `  FHIR warning: ${warning}`),
    ].join('\n');
    return { json: { files, fhirWarnings: written.fhirWarnings, card, provenance: written.provenance }, text };
  }),
};
