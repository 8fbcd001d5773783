// The checks writeModelCard makes before it reads the chain: no RPC answers here, so reaching it would fail otherwise.
// A card written from a real chain is test/cli/card.test.ts's.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeModelCard } from '../../../consortium/card/writeModelCard.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-write-card-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dead = { rpcUrl: 'http://127.0.0.1:1', ledgerAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };

describe('writeModelCard', () => {
  it("refuses a --metrics path without a site's metrics.jsonl, naming it, and writes nothing", async () => {
    const empty = join(dir, 'site-without-metrics');
    mkdirSync(empty);
    const out = join(dir, 'card');
    await expect(writeModelCard(join(dir, 'model'), { ...dead, outDir: out, metricsPaths: [empty] })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND', message: `--metrics ${empty}: no metrics.jsonl there; name a site's folder or its metrics.jsonl`,
    });
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a taken --out, and leaves it as it was', async () => {
    const taken = join(dir, 'taken');
    mkdirSync(taken);
    writeFileSync(join(taken, 'model-card.md'), 'an older card');
    await expect(writeModelCard(join(dir, 'model'), { ...dead, outDir: taken })).rejects.toMatchObject({ code: 'USAGE' });
    expect(readdirSync(taken)).toEqual(['model-card.md']);
  });

  it('refuses a plan file that is not there before reading the chain', async () => {
    await expect(writeModelCard(join(dir, 'model'), { ...dead, outDir: join(dir, 'card-2'), planFile: join(dir, 'no-plan.json') })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
