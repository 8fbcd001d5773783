import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IncomingChunks } from '../../../coordinator/store/IncomingChunks.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-incoming-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const chunk = (fill: number) => new Uint8Array(16).fill(fill);
const all = (chunks: Iterable<Uint8Array> | undefined) => (chunks ? [...chunks].map((c) => c[0]) : undefined);

describe('IncomingChunks', () => {
  it('gives an upload\'s chunks back in order only once it holds them all, and starts afresh at chunk 0', () => {
    const incoming = new IncomingChunks(join(root, 'a'));
    [1, 2, 3].forEach((fill, index) => incoming.put(1, 0, 'site-a', index, chunk(fill)));
    expect(all(incoming.read(1, 0, 'site-a', 3))).toEqual([1, 2, 3]);
    expect(incoming.read(1, 0, 'site-a', 4)).toBeUndefined();
    expect(incoming.read(1, 0, 'site-b', 3)).toBeUndefined();
    // A new upload of the same update (after a refusal) rewrites it from the start.
    [7, 8].forEach((fill, index) => incoming.put(1, 0, 'site-a', index, chunk(fill)));
    expect(all(incoming.read(1, 0, 'site-a', 2))).toEqual([7, 8]);
  });

  it('continues a resumed upload in place, takes chunks of any size, and forgets a released upload', () => {
    const incoming = new IncomingChunks(join(root, 'b'));
    incoming.put(2, 1, 'site/odd', 0, chunk(4));
    incoming.put(2, 1, 'site/odd', 1, chunk(5));
    incoming.put(2, 1, 'site/odd', 1, chunk(6));
    incoming.put(2, 1, 'site/odd', 2, new Uint8Array(5).fill(7));
    expect([...incoming.read(2, 1, 'site/odd', 3)!].map((c) => [c[0], c.byteLength])).toEqual([[4, 16], [6, 16], [7, 5]]);
    expect(() => incoming.put(2, 1, 'site/odd', 5, chunk(1))).toThrow(/chunk 5 of site\/odd's upload came after 3 chunks/);
    incoming.release(2, 1, 'site/odd');
    expect(incoming.read(2, 1, 'site/odd', 3)).toBeUndefined();
    expect(readdirSync(join(root, 'b'))).toEqual([]);
  });

  it('starts empty: files left by an earlier process are never read (they were not synced)', () => {
    const dir = join(root, 'c');
    mkdirSync(dir);
    writeFileSync(join(dir, 'round-1-attempt-0-site-a.chunks'), new Uint8Array(48));
    const incoming = new IncomingChunks(dir);
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    expect(incoming.read(1, 0, 'site-a', 3)).toBeUndefined();
  });
});
