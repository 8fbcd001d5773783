import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachSegment } from '../../../datasets/feeds/forEachSegment.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'medfl-segments-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function segments(content: string | Buffer): Promise<[string, number][]> {
  const file = join(dir, 'f.hl7');
  writeFileSync(file, content);
  const seen: [string, number][] = [];
  await forEachSegment(file, 'f.hl7', (text, line) => seen.push([text, line]));
  return seen;
}

describe('forEachSegment', () => {
  it('ends segments at CR, LF or CRLF (one line each) and drops MLLP framing bytes and blank segments', async () => {
    expect(await segments('\x0bMSH|a\rPID|b\r\x1c\rMSH|c\nOBX|d\r\n\r\nOBX|e')).toEqual([
      ['MSH|a', 1],
      ['PID|b', 2],
      ['MSH|c', 4],
      ['OBX|d', 5],
      ['OBX|e', 7],
    ]);
  });

  it('a CRLF split across two 1 MiB read chunks is still one segment end', async () => {
    const first = `MSH|${'x'.repeat((1 << 20) - 5)}`; // 1 MiB - 1 bytes, so CR is the chunk's last byte
    const seen = await segments(`${first}\r\nOBX|y\r\n`);
    expect(seen.map(([text, line]) => [text.length, line])).toEqual([
      [first.length, 1],
      [5, 2],
    ]);
  });
});
