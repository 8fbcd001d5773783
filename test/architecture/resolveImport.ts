// Turns a relative module specifier into the repository file it names, the way tsx and NodeNext do for
// this project: written with its .ts extension, or as .js standing for .ts, or as a folder's index.ts.
import { posix } from 'node:path';

/**
 * The repository path `specifier` names from `importer`, `undefined` for a package (not a repository
 * file), or `null` when it is relative but no known file answers to it.
 */
export function resolveImport(importer: string, specifier: string, known: ReadonlySet<string>): string | null | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(importer), specifier));
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`];
  return candidates.find((candidate) => known.has(candidate)) ?? null;
}
