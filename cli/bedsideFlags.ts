// Flags `medfl predict` and `medfl serve` share: the plan, the site's standardisation and the chain holding the model.
import type { Argv } from 'yargs';
import type { BedsideOptions } from '../inference/openBedsideModel.ts';
import { checkAddress, checkRpcUrl, DEFAULT_RPC } from './flags.ts';
import { MedflError } from '../common/MedflError.ts';
import type { GlobalArgs } from './output.ts';

export interface BedsideArgs extends GlobalArgs {
  modelDir: string;
  plan: string;
  standardisation: string;
  rpc: string;
  ledger?: string;
  run?: string;
}

export function bedsideFlags<T extends GlobalArgs>(yargs: Argv<T>, ledgerRequired: boolean): Argv<T & BedsideArgs> {
  return yargs
    .positional('modelDir', { type: 'string', demandOption: true, describe: 'Directory holding the committed model (model.json, weights.bin)' })
    .option('plan', { type: 'string', demandOption: true, describe: "The plan the model was trained under: its windowing and features (its hash must be the run's)" })
    .option('standardisation', {
      type: 'string',
      demandOption: true,
      describe: "This site's standardisation.json (or its participant --out folder): the train split's means and spreads the site trained with",
    })
    .option('rpc', { type: 'string', default: DEFAULT_RPC, describe: 'EVM JSON-RPC URL of the chain holding the ledger' })
    .option('ledger', {
      type: 'string',
      demandOption: ledgerRequired,
      describe: ledgerRequired ? 'RoundLedger address: the model must verify on it' : "RoundLedger address: verify the model on it and cite its commit (without it, provenance.json beside the model is cited, unchecked)",
    })
    .option('run', { type: 'string', describe: 'The run the model is from (needed when several runs committed its hash)' }) as unknown as Argv<T & BedsideArgs>;
}

/** The library options for the flags, checked before any file or network is touched. */
export function bedsideOptions(args: BedsideArgs): BedsideOptions {
  if (args.run !== undefined && !/^[1-9][0-9]*$/.test(args.run)) throw new MedflError('USAGE', `--run ${JSON.stringify(args.run)} is not a run id (1, 2, …)`);
  const base = { modelDir: args.modelDir, planFile: args.plan, standardisation: args.standardisation };
  if (args.ledger === undefined) return base;
  checkRpcUrl(args.rpc, '--rpc');
  checkAddress(args.ledger, '--ledger');
  return { ...base, chain: { rpcUrl: args.rpc, ledgerAddress: args.ledger, ...(args.run ? { runId: args.run } : {}) } };
}
