import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../../datasets/synthetic/manifest.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readManifest', () => {
  it('names the file and the field of a damaged manifest (DATASET_MALFORMED), and the file of one that is not JSON', () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'medfl-synthetic-iomt', hospitals: [{ site: 'h1' }] }));
    expect(() => readManifest(dir)).toThrow(expect.objectContaining({
      code: 'DATASET_MALFORMED',
      message: expect.stringMatching(/^consortium manifest .*manifest\.json is invalid: hospitals\.0\.folder: .*; a medfl consortium manifest has format/),
    }));
    writeFileSync(join(dir, 'manifest.json'), '{"format":');
    expect(() => readManifest(dir)).toThrow(expect.objectContaining({ code: 'DATASET_MALFORMED', message: expect.stringMatching(/^consortium manifest .*manifest\.json is not JSON: /) }));
  });
});
