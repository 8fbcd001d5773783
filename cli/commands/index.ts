// Every `medfl` command, in the order `medfl --help` lists them, each behind a loader: a call names one command, and
// only that command's modules are imported (the others pull in tfjs, SEAL, gRPC, ethers and vega, seconds of start-up
// for every process a consortium spawns).
import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../output.ts';

type Loader = () => Promise<CommandModule<GlobalArgs, GlobalArgs>>;
const as = (module: unknown) => module as CommandModule<GlobalArgs, GlobalArgs>;

const LOADERS: Record<string, Loader> = {
  demo: async () => as((await import('./demo.ts')).demoCommand),
  run: async () => as((await import('./run.ts')).runCommand),
  plan: async () => as((await import('./plan.ts')).planCommand),
  provision: async () => as((await import('./provision.ts')).provisionCommand),
  kit: async () => as((await import('./kit.ts')).kitCommand),
  key: async () => as((await import('./key.ts')).keyCommand),
  ledger: async () => as((await import('./ledger.ts')).ledgerCommand),
  coordinator: async () => as((await import('./coordinator.ts')).coordinatorCommand),
  participant: async () => as((await import('./participant.ts')).participantCommand),
  participants: async () => as((await import('./participants.ts')).participantsCommand),
  baseline: async () => as((await import('./baseline.ts')).baselineCommand),
  experiment: async () => as((await import('./experiment.ts')).experimentCommand),
  evaluate: async () => as((await import('./evaluate.ts')).evaluateCommand),
  generate: async () => as((await import('./generate.ts')).generateCommand),
  data: async () => as((await import('./data.ts')).dataCommand),
  model: async () => as((await import('./model.ts')).modelCommand),
  chain: async () => as((await import('./chain.ts')).chainCommand),
  verify: async () => as((await import('./verify.ts')).verifyCommand),
  card: async () => as((await import('./card.ts')).cardCommand),
  replay: async () => as((await import('./replay.ts')).replayCommand),
  predict: async () => as((await import('./predict.ts')).predictCommand),
  serve: async () => as((await import('./serve.ts')).serveCommand),
  consent: async () => as((await import('./consent.ts')).consentCommand),
  errors: async () => as((await import('./errors.ts')).errorsCommand),
};

/**
 * The commands to register for `argv`: the one its first word names, or all of them (for `medfl --help`, a flag before
 * the command, or a misspelt name, which yargs then lists or corrects as usual).
 */
export async function commandsFor(argv: readonly string[]): Promise<CommandModule<GlobalArgs, GlobalArgs>[]> {
  const first = argv.find((arg) => !arg.startsWith('-'));
  const named = first !== undefined && Object.hasOwn(LOADERS, first) ? LOADERS[first] : undefined;
  return Promise.all((named ? [named] : Object.values(LOADERS)).map((load) => load()));
}
