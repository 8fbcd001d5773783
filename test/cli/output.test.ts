import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { action } from '../../cli/output.ts';
import { MedflError } from '../../common/MedflError.ts';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = 0;
});

function captureStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe('action', () => {
  it('prints an unforeseen error as one line with INTERNAL and the file holding its stack', async () => {
    const stderr = captureStderr();
    await action(async () => {
      throw new TypeError('first line of a library dump\n  with more lines');
    })({ json: false });
    expect(process.exitCode).toBe(1);
    expect(stderr).toHaveLength(1);
    const match = /^medfl: INTERNAL: unexpected internal error: first line of a library dump \(details in (\S+)\)\n$/.exec(stderr[0]!);
    expect(match, stderr[0]).not.toBeNull();
    const log = match![1]!;
    expect(readFileSync(log, 'utf8')).toMatch(/TypeError: first line of a library dump[\s\S]*\n\s+at /);
    rmSync(log);
  });

  it('prints a MedflError as its code and message, with no log file', async () => {
    const stderr = captureStderr();
    await action(async () => {
      throw new MedflError('USAGE', '--sites names no site');
    })({ json: false });
    expect(process.exitCode).toBe(2);
    expect(stderr).toEqual(['medfl: USAGE: --sites names no site\n']);
    expect(existsSync(stderr[0]!.split(' ').at(-1)!)).toBe(false);
  });
});
