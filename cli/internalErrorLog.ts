// The CLI's last resort: an error medfl did not foresee is written whole (stack, cause) to a file of its own, and the
// user sees one line with the code and that file's path, never a stack trace.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

/** Writes `thrown` with its stack and causes to a new file in the temp folder; returns its path. */
export function writeInternalErrorLog(thrown: unknown, argv: readonly string[]): string {
  const file = join(tmpdir(), `medfl-internal-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
  const body = [`medfl ${argv.join(' ')}`, `node ${process.version}`, '', inspect(thrown, { depth: 8 })].join('\n');
  writeFileSync(file, `${body}\n`, { mode: 0o600 });
  return file;
}
