// `medfl errors`: the table of error codes with their exit codes, for scripts that branch on them.
import type { CommandModule } from 'yargs';
import { ERROR_CODES, EXIT } from '../../common/errorCodes.ts';
import { action, table, type GlobalArgs } from '../output.ts';

export const errorsCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'errors',
  describe: 'List every error code with its CLI exit code and gRPC status',
  handler: action(async () => {
    const rows = Object.entries(ERROR_CODES).map(([code, { exit, grpc }]) => ({ code, exit, grpc }));
    const exits = Object.entries(EXIT).map(([name, exit]) => `${exit} ${name}`).join(', ');
    return {
      json: { exitCodes: EXIT, codes: rows },
      text: `${table(['code', 'exit', 'grpc'], rows.map((r) => [r.code, r.exit, r.grpc]))}\n\nexit codes: ${exits}`,
    };
  }),
};
