// The dishonest parties exist only in tests: no git-tracked TypeScript outside test/adversarial (library, CLI or
// other tests) imports anything inside it, so no attack ships with medfl.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImports } from '../architecture/readImports.ts';
import { resolveImport } from '../architecture/resolveImport.ts';

const ADVERSARIAL = 'test/adversarial/';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
const known = new Set(tracked);

/** `importer → imported` for each import of `sources` (path → text) that lands in test/adversarial from outside it. */
function importsIntoAdversarial(sources: ReadonlyMap<string, string>): string[] {
  return [...sources].filter(([file]) => !file.startsWith(ADVERSARIAL)).flatMap(([file, text]) =>
    readImports(file, text)
      .map((specifier) => resolveImport(file, specifier, known))
      .filter((target): target is string => typeof target === 'string' && target.startsWith(ADVERSARIAL))
      .map((target) => `${file} → ${target}`));
}

describe('the adversarial parties are test-only', () => {
  it('no tracked file outside test/adversarial imports from it', () => {
    const files = tracked.filter((file) => file.endsWith('.ts'));
    expect(importsIntoAdversarial(new Map(files.map((file) => [file, readFileSync(join(repoRoot, file), 'utf8')])))).toEqual([]);
  });

  it('control: an import of the dishonest coordinator from coordinator/ is found', () => {
    const sources = new Map([['coordinator/wiring.ts', "import '../test/adversarial/parties/dishonestCoordinator.ts';"]]);
    expect(importsIntoAdversarial(sources)).toEqual(['coordinator/wiring.ts → test/adversarial/parties/dishonestCoordinator.ts']);
  });
});
