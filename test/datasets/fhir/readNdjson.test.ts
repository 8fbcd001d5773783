import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachLine, MAX_LINE_BYTES, parseResourceLine } from '../../../datasets/fhir/readNdjson.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-ndjson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lines(content: string | Buffer): Promise<[string, number][]> {
  const file = join(dir, 'f.ndjson');
  writeFileSync(file, content);
  const seen: [string, number][] = [];
  await forEachLine(file, (text, line) => seen.push([text, line]));
  return seen;
}

describe('forEachLine', () => {
  it('numbers lines from 1, strips CRLF, and keeps a last line without newline', async () => {
    expect(await lines('a\r\nb\n\nc')).toEqual([['a', 1], ['b', 2], ['', 3], ['c', 4]]);
  });

  it('joins a line that spans several 1 MiB chunks, multi-byte characters included', async () => {
    const long = `{"text":"${'é'.repeat(1_500_000)}"}`;
    const seen = await lines(`x\n${long}\ny\n`);
    expect(seen.map(([, n]) => n)).toEqual([1, 2, 3]);
    expect(seen[1]?.[0]).toBe(long);
    expect(seen[2]?.[0]).toBe('y');
  });

  it('refuses a file whose "line" outgrows MAX_LINE_BYTES (no newlines) instead of holding it all', async () => {
    const file = join(dir, 'no-newlines.ndjson');
    writeFileSync(file, Buffer.concat([Buffer.from('ok\n'), Buffer.alloc(MAX_LINE_BYTES + 2 * 2 ** 20, 0x61)]));
    await expect(forEachLine(file, () => undefined)).rejects.toThrow(`${file}:2: a line longer than ${MAX_LINE_BYTES} bytes`);
  });
});

describe('parseResourceLine', () => {
  it('returns the resource, or what is wrong with the line', () => {
    expect(parseResourceLine('{"resourceType":"Patient","id":"a"}')).toEqual({ resourceType: 'Patient', id: 'a' });
    expect(parseResourceLine('[1,2]')).toBe('not a JSON object');
    expect(parseResourceLine('{"id":"a"}')).toBe('no resourceType: not a FHIR resource');
    expect(parseResourceLine('{"resourceType":"Observaton"}')).toBe('unknown resourceType "Observaton": not a FHIR R4 resource type');
    expect(parseResourceLine('{"resourceType":"Pat')).toMatch(/^invalid JSON \(.+\); is the line truncated\?$/);
  });
});
