// `medfl chain start`: the embedded chain (anvil, on 127.0.0.1 by default) with the RoundLedger deployed, until SIGINT/SIGTERM.
import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { MedflError } from '../../common/MedflError.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { checkPort } from '../flags.ts';
import { action, type GlobalArgs } from '../output.ts';

interface StartArgs extends GlobalArgs {
  state?: string;
  port: number;
  host: string;
}

/**
 * Stops anvil (which writes its state file) on the first SIGINT or SIGTERM, then exits. Installed before the chain
 * starts, so a signal during start-up waits for anvil and stops it rather than leaving it orphaned.
 */
function stopOnSignal(starting: Promise<RunningChain>): void {
  const stop = () => {
    void starting.then((chain) => chain.stop(), () => undefined).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The state file's folder must exist (anvil would fail late with its own message); the file itself may not yet. */
function checkStateFile(file: string): void {
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new MedflError('USAGE', `--state ${file}: folder ${folder} does not exist; create it first`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new MedflError('USAGE', `--state ${file} is a folder; name a file inside it`);
}

const startCommand: CommandModule<GlobalArgs, StartArgs> = {
  command: 'start',
  describe: 'Start anvil (on 127.0.0.1 unless --host), deploy the RoundLedger once, print the RPC URL and ledger address; runs until Ctrl-C',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('state', { type: 'string', describe: 'Chain state file: the chain and its ledger survive restarts' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'IP address to listen on (0.0.0.0 for every interface: anyone who reaches it can send transactions)' })
      .option('port', { type: 'number', default: 8545, describe: 'RPC port (0 = any free port)' }),
  // The result is printed when the chain is ready; the anvil child keeps the process alive until a signal.
  handler: action(async (args: StartArgs) => {
    checkPort(args.port, '--port');
    if (isIP(args.host) === 0) throw new MedflError('USAGE', `--host ${JSON.stringify(args.host)} is not an IP address (anvil listens on an address, e.g. 10.0.0.7)`);
    if (args.state) checkStateFile(args.state);
    const starting = startChain({ host: args.host, port: args.port, ...(args.state ? { stateFile: args.state } : {}) });
    stopOnSignal(starting);
    const chain = await starting;
    const { rpcUrl, ledgerAddress, chainId, reused } = chain;
    return {
      json: { rpcUrl, ledgerAddress, chainId, reused, stateFile: args.state ?? null },
      text: [
        `chain ready (chain id ${chainId})`,
        `rpc     ${rpcUrl}`,
        `ledger  ${ledgerAddress}${reused ? ' (found in the state file)' : ' (deployed)'}`,
        args.state ? `state   ${args.state}` : 'state   in memory only (pass --state FILE to keep it)',
        'Ctrl-C stops it.',
      ].join('\n'),
    };
  }),
};

export const chainCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'chain <command>',
  describe: 'Run the embedded chain with the RoundLedger (start)',
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(startCommand).demandCommand(1),
  handler: () => undefined,
};
