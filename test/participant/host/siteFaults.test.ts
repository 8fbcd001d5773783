import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSiteFaults } from '../../../participant/host/siteFaults.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-site-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readSiteFaults', () => {
  it('reads a drill file', () => {
    const file = join(dir, 'ok.json');
    const faults = [{ round: 2, kind: 'late-join', site: 'hospital-3', delayMs: 1500 }];
    writeFileSync(file, JSON.stringify(faults));
    expect(readSiteFaults(file)).toEqual(faults);
  });

  it('refuses an unknown kind or a missing field in one line naming the file and the field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ round: 2, kind: 'meteor', site: 'hospital-3', delayMs: 1500 }]));
    expect(() => readSiteFaults(file)).toThrow(expect.objectContaining({ code: 'FAULTS_INVALID', message: expect.stringMatching(new RegExp(`^fault drill file ${file} is invalid: .*kind`)) }));
    writeFileSync(file, JSON.stringify([{ round: 0, kind: 'slow-site', site: 'hospital-3' }]));
    expect(() => readSiteFaults(file)).toThrow(expect.objectContaining({ code: 'FAULTS_INVALID', message: expect.stringMatching(/round.*delayMs|delayMs.*round/s) }));
  });
});
