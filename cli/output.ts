// How every command reports: one JSON object on stdout with --json, readable text otherwise; errors map to exit codes.
import { asMedflError } from '../common/MedflError.ts';
import { writeInternalErrorLog } from './internalErrorLog.ts';

export interface CommandResult {
  /** The machine-readable result (printed with --json). */
  json: unknown;
  /** The human-readable result (printed without --json). */
  text: string;
  /** Non-zero when the command ran but its answer is negative (e.g. "not verified"). */
  exitCode?: number;
}

export interface GlobalArgs {
  json: boolean;
}

/** A message's first line: an unforeseen error's text (a library's multi-line dump) must not flood the terminal. */
const firstLine = (message: string): string => message.split('\n', 1)[0]!.trim();

/** Wraps a command body: prints its result, or its error, and sets the process exit code. */
export function action<A extends GlobalArgs>(body: (args: A) => Promise<CommandResult>): (args: A) => Promise<void> {
  return async (args: A) => {
    try {
      const result = await body(args);
      process.stdout.write(args.json ? `${JSON.stringify(result.json)}\n` : `${result.text.replace(/\n?$/, '\n')}`);
      process.exitCode = result.exitCode ?? 0;
    } catch (thrown) {
      const error = asMedflError(thrown);
      const log = error.code === 'INTERNAL' ? writeInternalErrorLog(thrown, process.argv.slice(2)) : undefined;
      if (args.json) process.stdout.write(`${JSON.stringify({ error: { ...error.toJSON(), ...(log ? { log } : {}) } })}\n`);
      process.stderr.write(`medfl: ${error.code}: ${log ? `${firstLine(error.message)} (details in ${log})` : error.message}\n`);
      process.exitCode = error.exitCode;
    }
  };
}

/** Formats rows as an aligned plain-text table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(cells[0] ?? []), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}
