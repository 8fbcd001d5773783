// bin/loadTypeScript.js in real Node processes: a TypeScript file runs, its JavaScript is cached under the hash of its
// source and made anew when the source changes, and a stack trace names the .ts line.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TYPESCRIPT_LOADER } from '../../datasets/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-ts-hooks-'));
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const cacheEntry = (file: string) => join(REPO_ROOT, 'node_modules', '.cache', 'medfl-ts', `${sha1(file)}.js`);
const FILES = ['helper.ts', 'main.ts', 'value.ts', 'throws.ts', 'nested.ts', 'caller.ts'].map((name) => join(dir, name));
afterAll(() => {
  for (const file of FILES) rmSync(cacheEntry(file), { force: true });
  rmSync(dir, { recursive: true, force: true });
});
const run = (file: string) => execFileSync(process.execPath, ['--import', TYPESCRIPT_LOADER, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('medfl TypeScript loader (real Node processes)', () => {
  it('runs a .ts file that imports another by its full name, and caches its JavaScript under the source hash', () => {
    const [helper, main] = FILES as [string, string];
    writeFileSync(helper, 'export interface Box { readonly n: number }\nexport const double = (box: Box): number => box.n * 2;\n');
    writeFileSync(main, "import { double, type Box } from './helper.ts';\nconst box: Box = { n: 21 };\nconsole.log(double(box));\n");
    expect(run(main).trim()).toBe('42');
    const source = readFileSync(main, 'utf8');
    const cached = readFileSync(cacheEntry(main), 'utf8');
    expect(cached.startsWith(`// ${sha1(source)}\n`)).toBe(true);
    expect(cached).not.toContain(': Box');
  });

  it('serves the cached JavaScript while the source is unchanged, and makes it anew once the source changes', () => {
    const file = FILES[2]!;
    writeFileSync(file, 'const value: string = "first";\nconsole.log(value);\n');
    expect(run(file).trim()).toBe('first');
    // The entry is what runs: rewritten by hand under the same hash, the rewrite is served.
    const entry = cacheEntry(file);
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('"first"', '"from the cache"'));
    expect(run(file).trim()).toBe('from the cache');
    writeFileSync(file, 'const value: string = "second";\nconsole.log(value);\n');
    expect(run(file).trim()).toBe('second');
  });

  it('names the .ts file and line in a stack trace', () => {
    const file = FILES[3]!;
    writeFileSync(file, 'type Reason = string;\n\n\nconst reason: Reason = "on line five";\nthrow new Error(reason);\n');
    let stderr = '';
    try {
      run(file);
    } catch (error) {
      stderr = String((error as { stderr?: unknown }).stderr);
    }
    expect(stderr).toContain('on line five');
    expect(stderr).toContain(`${file}:5`);
  });

  it('maps each .ts frame of a stack read in the program to its line and column, and leaves Node\'s own frames alone', () => {
    const [nested, caller] = FILES.slice(4) as [string, string];
    writeFileSync(nested, [
      'export class Sorter {',
      '  constructor(private readonly order: number) {}',
      '  async sort(values: readonly number[]): Promise<number[]> {',
      '    await new Promise((resolve) => setTimeout(resolve, 1));',
      '    if (this.order === 0) throw new RangeError(`no order for ${values.length} values`);',
      '    return [...values].sort((a, b) => this.order * (a - b));',
      '  }',
      '}',
      '',
    ].join('\n'));
    writeFileSync(caller, "import { Sorter } from './nested.ts';\n\ntry {\n  await new Sorter(0).sort([3, 1]);\n} catch (error) {\n  console.log((error as Error).stack);\n}\n");
    const stack = run(caller);
    expect(stack.split('\n')[0]).toBe('RangeError: no order for 2 values');
    expect(stack).toContain(`at Sorter.sort (file://${nested}:5:33)`);
    expect(stack).toContain(`file://${caller}:4:3`);
  });
});
