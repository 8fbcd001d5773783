// `medfl kit init|import`: a party makes its own keys and a certificate request, and later completes its kit with
// the administrator's answer (distributed provisioning; see docs/provisioning.md).
import type { Argv, CommandModule } from 'yargs';
import { importIssued } from '../../provision/importIssued.ts';
import { initKit } from '../../provision/kitRequest.ts';
import { action, type GlobalArgs } from '../output.ts';

interface InitArgs extends GlobalArgs {
  id: string;
  role: 'site' | 'coordinator';
  consortium: string;
  out: string;
  san?: string;
}

const initCommand: CommandModule<GlobalArgs, InitArgs> = {
  command: 'init',
  describe: "Create this party's private keys and request.json (the only file to send to the administrator)",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('id', { type: 'string', demandOption: true, describe: 'This party id (certificate CN), e.g. hospital-3' })
      .option('role', { choices: ['site', 'coordinator'] as const, default: 'site' as const, describe: 'A hospital site or the coordinator' })
      .option('consortium', { type: 'string', demandOption: true, describe: 'The consortium name' })
      .option('out', { type: 'string', demandOption: true, describe: 'The new kit folder (keys are written owner-only)' })
      .option('san', { type: 'string', describe: 'Comma-separated DNS names and IP addresses peers reach this party by (default localhost,127.0.0.1)' }) as Argv<InitArgs>,
  handler: action(async (args: InitArgs) => {
    const names = args.san?.split(',');
    const { request, digest, requestFile } = await initKit({ id: args.id, role: args.role, consortium: args.consortium, outDir: args.out, ...(names ? { names } : {}) });
    return {
      json: { id: request.id, role: request.role, address: request.address, requestFile, digest },
      text: `kit ${args.out} created for ${request.role} ${request.id} (address ${request.address})\nsend ${requestFile} to the administrator; read this digest to them out of band:\n  ${digest}`,
    };
  }),
};

interface ImportArgs extends GlobalArgs {
  kit: string;
  issued: string;
}

const importCommand: CommandModule<GlobalArgs, ImportArgs> = {
  command: 'import',
  describe: "Complete the kit with the administrator's issued/<id>/ folder, after checking it against this kit's keys",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('kit', { type: 'string', demandOption: true, describe: 'The kit folder medfl kit init created' })
      .option('issued', { type: 'string', demandOption: true, describe: "The administrator's issued/<id>/ folder for this party" }) as Argv<ImportArgs>,
  handler: action(async (args: ImportArgs) => {
    const kit = await importIssued(args.kit, args.issued);
    return { json: { id: kit.id, role: kit.role, consortium: kit.consortium.name }, text: `kit ${args.kit} complete: ${kit.role} ${kit.id} of consortium ${kit.consortium.name}` };
  }),
};

export const kitCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'kit <command>',
  describe: "A party's own keys: create them with a certificate request, then import the issued certificate",
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(initCommand).command(importCommand).demandCommand(1),
  handler: () => undefined,
};
