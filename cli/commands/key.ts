// `medfl key issue|import`: the run's CKKS key made by one key-holding site and sealed to every site, without the
// administrator or the coordinator ever holding it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { loadKit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { importCkksKeyFile, sealCkksKeyForSites } from '../../provision/ckksKeyCustody.ts';
import { action, type GlobalArgs } from '../output.ts';
import { plural } from '../../common/plural.ts';

interface IssueArgs extends GlobalArgs {
  plan: string;
  kit: string;
  out: string;
}

const issueCommand: CommandModule<GlobalArgs, IssueArgs> = {
  command: 'issue',
  describe: "Generate a ckks-shared-key plan's CKKS key and seal one copy to each site of this kit's consortium (threshold ckks plans have no such key)",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('plan', { type: 'string', demandOption: true, describe: 'The approved plan (its codec fixes the key)' })
      .option('kit', { type: 'string', demandOption: true, describe: "The issuing site's kit (its consortium.json lists the sites)" })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for <site>.ckks.sealed files, one per site' }) as Argv<IssueArgs>,
  handler: action(async (args: IssueArgs) => {
    const kit = loadKit(args.kit);
    if (kit.role !== 'site') throw new MedflError('KIT_INVALID', `${args.kit} is the coordinator's kit; the CKKS key is issued by a key-holding site`);
    mkdirSync(args.out, { recursive: true });
    const files = Object.fromEntries(kit.consortium.sites.map((site) => [site.id, join(args.out, `${site.id}.ckks.sealed`)]));
    const codecId = await sealCkksKeyForSites(loadPlan(args.plan), kit.consortium.sites, (id) => files[id]!);
    return { json: { codecId, files }, text: `CKKS key for codec ${codecId} sealed to ${plural(Object.keys(files).length, 'site')} in ${args.out}; give each site its own file` };
  }),
};

interface ImportArgs extends GlobalArgs {
  plan: string;
  kit: string;
  file: string;
}

const importCommand: CommandModule<GlobalArgs, ImportArgs> = {
  command: 'import',
  describe: "Check a sealed CKKS key opens with this site's key for the plan's codec, and place it in the kit",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('plan', { type: 'string', demandOption: true, describe: 'The approved plan' })
      .option('kit', { type: 'string', demandOption: true, describe: "This site's kit" })
      .option('file', { type: 'string', demandOption: true, describe: "This site's <site>.ckks.sealed file" }) as Argv<ImportArgs>,
  handler: action(async (args: ImportArgs) => {
    const target = importCkksKeyFile(loadKit(args.kit), args.file, loadPlan(args.plan));
    return { json: { kit: args.kit, file: target }, text: `CKKS key placed in ${target}` };
  }),
};

export const keyCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'key <command>',
  describe: "The run's CKKS key of a ckks-shared-key plan: issue it from one site sealed to every site, import a site's copy",
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(issueCommand).command(importCommand).demandCommand(1),
  handler: () => undefined,
};
