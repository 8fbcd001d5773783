// `npm run experiments -- NAME [flags]`: runs experiments/definitions/NAME.json through `medfl experiment`.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'definitions');
const available = readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5)).sort();
const [name, ...flags] = process.argv.slice(2);
const usage = `npm run experiments -- <${available.join('|')}> [--fresh] [--report-only]`;
if (!name) {
  process.stderr.write(`medfl: USAGE: name the experiment to run: ${usage}\n`);
  process.exit(2);
}
if (!existsSync(join(dir, `${name}.json`))) {
  process.stderr.write(`medfl: FILE_NOT_FOUND: there is no experiment ${name} in experiments/definitions; ${usage}\n`);
  process.exit(3);
}
// cli/main.ts parses process.argv when it is imported, so the definition's path is put there first.
process.argv = [process.argv[0]!, process.argv[1]!, 'experiment', join(dir, `${name}.json`), ...flags];
await import('../cli/main.ts');
