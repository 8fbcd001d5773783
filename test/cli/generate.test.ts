import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../datasets/synthetic/manifest.ts';
import { runCli } from '../helpers/runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-cli-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('medfl generate', () => {
  it('writes one NDJSON folder per hospital and a manifest, and prints it', async () => {
    const out = join(dir, 'g');
    const run = await runCli(['generate', '--out', out, '--hospitals', '2', '--patients', '15', '--seed', '3', '--json']);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { out: string; manifest: unknown };
    expect(printed).toEqual({ out, manifest: readManifest(out) });
    expect(readdirSync(join(out, 'hospital-2')).sort()).toEqual(['Consent.ndjson', 'Device.ndjson', 'Encounter.ndjson', 'Observation.ndjson', 'Patient.ndjson']);
  });

  it('refuses a hospital count it cannot make, with the usage exit code', async () => {
    const run = await runCli(['generate', '--out', join(dir, 'bad'), '--hospitals', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('USAGE: hospitals must be an integer in 1..64 (got 0)');
  });

  it('refuses an --out that already holds a consortium, leaving it untouched', async () => {
    const out = join(dir, 'twice');
    expect((await runCli(['generate', '--out', out, '--hospitals', '3', '--patients', '5'])).code).toBe(0);
    const run = await runCli(['generate', '--out', out, '--hospitals', '2', '--patients', '5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`USAGE: --out ${out} already exists and is not empty; name a new folder or delete it first`);
    expect(readManifest(out).hospitals).toHaveLength(3);
    expect(readdirSync(out).sort()).toEqual(['hospital-1', 'hospital-2', 'hospital-3', 'manifest.json']);
  });
});
