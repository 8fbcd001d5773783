// Module hooks that run medfl's TypeScript on plain Node: a file: URL ending in .ts is read, has its types removed by
// esbuild (the transform tsx also uses) and is served as an ES module; every other module loads as Node loads it.
// medfl's imports name their files in full ('./x.ts'), so Node's own resolution finds them and no resolve hook is
// needed. Each result is kept in node_modules/.cache/medfl-ts, one file per source path headed by the hash of the
// source it came from, and reused while that hash matches. A cache that cannot be written is skipped, not an error.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/medfl-ts/', import.meta.url));
const OPTIONS = { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } } };

const sha1 = (text) => createHash('sha1').update(text).digest('hex');

function readCached(entry, header) {
  try {
    const text = readFileSync(entry, 'utf8');
    return text.startsWith(header) ? text.slice(header.length) : undefined;
  } catch {
    return undefined;
  }
}

function writeCached(entry, text) {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Whole or not at all: processes starting together may write the same entry.
    const partial = `${entry}.${process.pid}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, entry);
  } catch {
    // A read-only install still runs, transforming each time.
  }
}

function javascriptOf(file) {
  const source = readFileSync(file, 'utf8');
  const entry = join(CACHE_DIR, `${sha1(file)}.js`);
  const header = `// ${sha1(source)}\n`;
  const cached = readCached(entry, header);
  if (cached !== undefined) return cached;
  // esbuild is loaded only when a file is not in the cache.
  const { transformSync } = createRequire(import.meta.url)('esbuild');
  const { code } = transformSync(source, { ...OPTIONS, sourcefile: file });
  writeCached(entry, header + code);
  return code;
}

/** The source map of `file`'s JavaScript as load() serves it (from the cache, or made anew), for stack traces. */
export function sourceMapOf(file) {
  const match = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(javascriptOf(file));
  return match ? JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')) : undefined;
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  return { format: 'module', source: javascriptOf(fileURLToPath(url)), shortCircuit: true };
}
