// Structured logging: JSON lines on stderr when it is not a terminal, short readable lines when it is.
import { Writable } from 'node:stream';
import { destination, pino, type Logger } from 'pino';

export type { Logger };

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** Renders one pino JSON line as `level  msg  key=value ...` for people at a terminal. */
function humanLine(line: string): string {
  const record = JSON.parse(line) as Record<string, unknown>;
  const { level, msg, ...fields0 } = record;
  const rest = Object.fromEntries(Object.entries(fields0).filter(([key]) => !['time', 'pid', 'hostname'].includes(key)));
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const name = LEVEL_NAMES[Number(level)] ?? String(level);
  return `${name.padEnd(5)} ${String(msg ?? '')}${fields ? `  ${fields}` : ''}\n`;
}

function terminalStream(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) process.stderr.write(humanLine(line));
      callback();
    },
  });
}

let root: Logger | undefined;

/** The process-wide logger (stderr); MEDFL_LOG_LEVEL sets the level (default info, silent under vitest). */
export function logger(): Logger {
  if (root) return root;
  const level = process.env.MEDFL_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  const sink = process.stderr.isTTY ? terminalStream() : destination({ fd: 2, sync: true });
  root = pino({ level, base: { pid: process.pid } }, sink);
  return root;
}

/** A child logger for one part of the system, e.g. `childLogger('coordinator')`. */
export function childLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return logger().child({ component, ...bindings });
}
