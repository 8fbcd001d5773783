import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKit } from '../../../common/kit/loadKit.ts';
import { provisionConsortium } from '../../../provision/provisionConsortium.ts';

const out = mkdtempSync(join(tmpdir(), 'medfl-kit-'));
beforeAll(async () => {
  await provisionConsortium({ consortium: 'k', sites: ['a', 'b'], outDir: join(out, 'one') });
  await provisionConsortium({ consortium: 'k', sites: ['a'], outDir: join(out, 'two') });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function copyKit(from: string, name: string): string {
  const dir = join(out, name);
  cpSync(from, dir, { recursive: true });
  return dir;
}

describe('loadKit', () => {
  it('rejects a missing kit and a kit with a missing file, naming them', () => {
    expect(() => loadKit(join(out, 'nope'))).toThrow(`no kit at ${join(out, 'nope')}`);
    const dir = copyKit(join(out, 'one', 'a'), 'missing');
    unlinkSync(join(dir, 'tls.key'));
    expect(() => loadKit(dir)).toThrow(`kit ${dir} has no tls.key`);
  });

  it('rejects a certificate that consortium.json does not list for the party', () => {
    const dir = copyKit(join(out, 'one', 'a'), 'swapped');
    writeFileSync(join(dir, 'tls.crt'), readFileSync(join(out, 'two', 'a', 'tls.crt')));
    expect(() => loadKit(dir)).toThrow('tls.crt is not the certificate consortium.json lists for a');
  });

  it('rejects a malformed consortium.json with the failing field', () => {
    const dir = copyKit(join(out, 'one', 'b'), 'malformed');
    const consortium = JSON.parse(readFileSync(join(dir, 'consortium.json'), 'utf8')) as { sites: { address: string }[] };
    consortium.sites[0]!.address = 'not-an-address';
    writeFileSync(join(dir, 'consortium.json'), JSON.stringify(consortium));
    expect(() => loadKit(dir)).toThrow('sites.0.address: an Ethereum address');
  });
});
