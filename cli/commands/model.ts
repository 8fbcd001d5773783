// `medfl model hash DIR`: the modelHash a reviewer looks up on the ledger.
import type { Argv, CommandModule } from 'yargs';
import { modelHash } from '../../common/model/modelHash.ts';
import { parameterCount } from '../../common/model/ModelArtifact.ts';
import { readModelDir } from '../../common/model/modelDir.ts';
import { action, type GlobalArgs } from '../output.ts';

interface HashArgs extends GlobalArgs {
  dir: string;
}

const hashCommand: CommandModule<GlobalArgs, HashArgs> = {
  command: 'hash <dir>',
  describe: 'Print the modelHash (bytes32) of a TensorFlow.js layers model directory',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs.positional('dir', { type: 'string', demandOption: true, describe: 'Directory holding model.json and weights.bin' }),
  handler: action(async (args: HashArgs) => {
    const artifact = readModelDir(args.dir);
    const hash = modelHash(artifact);
    const parameters = parameterCount(artifact.weightSpecs);
    return { json: { dir: args.dir, modelHash: hash, parameters }, text: `${hash}  ${args.dir} (${parameters} parameters)` };
  }),
};

export const modelCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'model <command>',
  describe: 'Inspect model artifacts (hash)',
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(hashCommand).demandCommand(1),
  handler: () => undefined,
};
