// `npm run bench -- NAME...`: runs experiments/benchmarks/NAME.ts (each writes experiments/results/bench-NAME.json, or
// the file its run() returns), then draws its plot beside it (same name, .png).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '../common/errorCodes.ts';
import { MedflError } from '../common/MedflError.ts';
import { RESULTS_DIR, plotResultFile } from './plots/plotResults.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'benchmarks');
const available = readdirSync(dir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0 || wanted.length === 0) {
  process.stderr.write(
    `${unknown.length ? `unknown benchmark: ${unknown.join(', ')}\n` : ''}usage: npm run bench -- <${available.join('|')}>...\n`,
  );
  process.exit(2);
}
for (const name of wanted) {
  const bench = (await import(join(dir, `${name}.ts`))) as { run: () => Promise<string | void> };
  let file: string | void;
  try {
    file = await bench.run();
  } catch (error) {
    // A bad setting (a SOAK_* variable) is one line with its code, not a stack trace.
    if (!(error instanceof MedflError)) throw error;
    process.stderr.write(`medfl: ${error.code}: ${error.message}\n`);
    process.exit(ERROR_CODES[error.code].exit);
  }
  const plot = await plotResultFile(file || join(RESULTS_DIR, `bench-${name}.json`));
  if (plot) process.stdout.write(`wrote ${plot}\n`);
}
