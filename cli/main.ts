// The `medfl` command line: parses flags and hands them to the command modules; nothing else.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT } from '../common/errorCodes.ts';
import { commandsFor } from './commands/index.ts';
import { exitWithParent } from '../common/exitWithParent.ts';
import { medflVersion } from './medflVersion.ts';

export async function main(argv: string[]): Promise<void> {
  const parser = yargs(argv)
    .scriptName('medfl')
    .usage('$0 <command> [options]\n\nFederated learning for hospital consortia: encrypted updates, rounds on chain.')
    .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object with the results on stdout' })
    .option('log-level', { type: 'string', default: 'info', describe: 'Log level for stderr (trace … fatal, silent)' })
    .middleware((args) => {
      if (!process.env.MEDFL_LOG_LEVEL) process.env.MEDFL_LOG_LEVEL = String(args['log-level']);
    })
    .command(await commandsFor(argv))
    .demandCommand(1, 'Name a command; `medfl --help` lists them.')
    .strict()
    .recommendCommands()
    .epilogue(`Exit codes: ${Object.entries(EXIT).map(([name, code]) => `${code} ${name.toLowerCase()}`).join(', ')}.`)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      // One line like every other error: yargs breaks some messages ("Invalid values:") over several lines.
      process.stderr.write(`medfl: USAGE: ${message.trim().replace(/\s*\n\s*/g, ' ')} (see medfl --help)\n`);
      process.exit(EXIT.INVALID_INPUT);
    })
    .help()
    .version(medflVersion());
  await parser.parseAsync();
}

exitWithParent();
await main(hideBin(process.argv));
