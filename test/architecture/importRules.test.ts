// DESIGN.md's allowed imports, enforced: every git-tracked TypeScript file of the parts is parsed, its
// imports resolved, and each import that breaks a rule or closes a cycle is named with both files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImports } from './checkImports.ts';
import { checkedParts, describeImportRules, importRules } from './importRules.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function trackedFiles(...folders: string[]): string[] {
  const listing = execFileSync('git', ['ls-files', '-z', '--', ...folders], { cwd: repoRoot, encoding: 'utf8' });
  return listing.split('\0').filter(Boolean);
}

function checkRepository(): ReturnType<typeof checkImports> {
  const files = trackedFiles(...checkedParts.map((part) => `${part}/`)).filter((file) => file.endsWith('.ts'));
  const sources = new Map(files.map((file) => [file, readFileSync(join(repoRoot, file), 'utf8')]));
  return checkImports(sources, new Set(trackedFiles()), importRules);
}

describe('the repository keeps to the import rules', () => {
  const found = checkRepository();

  it('has no import a rule forbids', () => {
    expect(found.forbidden).toEqual([]);
  });

  it('has no relative import that names a missing file', () => {
    expect(found.unresolved).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(found.cycles).toEqual([]);
  });
});

describe('the import checker (control: it finds what it is meant to find)', () => {
  const fakeFiles = new Map([
    ['coordinator/rounds/closeRound.ts', `import {\n  type Weights,\n} from '../../participant/train.ts';\n`],
    ['participant/train.ts', `export type Weights = Float32Array;\nexport * from '../common/a.ts';\n`],
    ['common/a.ts', `import type { B } from './b.ts';\nexport type A = B[];\n`],
    ['common/b.ts', `export const load = () => import('./a.ts');\nexport type B = import('./c.js').C;\n`],
    ['common/c.ts', `// import '../cli/main.ts' is only a comment\nexport type C = string;\n`],
    ['contracts/client.ts', `export { signer } from '../provision/keys';\nimport '../common/missing.ts';\n`],
    ['provision/keys.ts', `export const signer = 'ed25519';\n`],
  ]);
  const found = checkImports(fakeFiles, new Set(fakeFiles.keys()), importRules);

  it('names both files and the rule for a multi-line type import and an extensionless re-export', () => {
    expect(found.forbidden).toEqual([
      'contracts/client.ts imports provision/keys.ts: contracts/ imports only common/',
      'coordinator/rounds/closeRound.ts imports participant/train.ts: coordinator/ never imports participant/',
    ]);
  });

  it('reports a cycle made of a type-only import, a dynamic import and an import type', () => {
    expect(found.cycles).toEqual(['common/a.ts -> common/b.ts -> common/a.ts']);
  });

  it('reports a relative import that names no file', () => {
    expect(found.unresolved).toEqual(['contracts/client.ts imports ../common/missing.ts, which is no file in the repository']);
  });

  it('reports every import on a cycle when cycles share files', () => {
    const triangle = new Map([
      ['cli/a.ts', `import './b.ts';\nimport './c.ts';\n`],
      ['cli/b.ts', `import './a.ts';\n`],
      ['cli/c.ts', `import './c.ts';\nimport './a.ts';\n`],
    ]);
    expect(checkImports(triangle, new Set(triangle.keys()), importRules).cycles).toEqual([
      'cli/a.ts -> cli/b.ts -> cli/a.ts',
      'cli/a.ts -> cli/c.ts -> cli/a.ts',
      'cli/c.ts -> cli/c.ts',
    ]);
  });
});

describe('docs/architecture.md and the rules table', () => {
  it('states the allowed imports in the words the table renders', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'architecture.md'), 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(describeImportRules());
  });
});
