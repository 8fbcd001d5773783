// `npm run experiments -- NAME [flags]`: runs experiments/definitions/NAME.json through `medfl experiment`.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'definitions');
const available = readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5)).sort();
const [name, ...flags] = process.argv.slice(2);
if (!name || !existsSync(join(dir, `${name}.json`))) {
  process.stderr.write(`${name ? `unknown experiment: ${name}\n` : ''}usage: npm run experiments -- <${available.join('|')}> [--fresh] [--report-only]\n`);
  process.exit(2);
}
// cli/main.ts parses process.argv when it is imported, so the definition's path is put there first.
process.argv = [process.argv[0]!, process.argv[1]!, 'experiment', join(dir, `${name}.json`), ...flags];
await import('../cli/main.ts');
