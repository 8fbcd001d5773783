import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateConsortium } from '../../../datasets/synthetic/generateConsortium.ts';
import { readManifest } from '../../../datasets/synthetic/manifest.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** sha256 of every file under `dir`, by relative path. */
function digests(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex')];
    }),
  );
}

const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('generateConsortium', () => {
  const options = { hospitals: 3, patients: 30, seed: 7 };
  const a = join(root, 'a');
  const manifest = generateConsortium({ out: a, ...options });

  it('writes byte-identical files for the same seed, and different ones for another seed', () => {
    generateConsortium({ out: join(root, 'b'), ...options });
    generateConsortium({ out: join(root, 'c'), ...options, seed: 8 });
    const first = digests(a);
    expect(Object.keys(first)).toHaveLength(1 + 3 * 5);
    expect(digests(join(root, 'b'))).toEqual(first);
    expect(digests(join(root, 'c'))['hospital-1/Observation.ndjson']).not.toBe(first['hospital-1/Observation.ndjson']);
  });

  it('writes a manifest naming each hospital folder, and hospitals that differ', () => {
    expect(readManifest(a)).toEqual(manifest);
    expect(manifest.hospitals.map((h) => h.site)).toEqual(['hospital-1', 'hospital-2', 'hospital-3']);
    expect(new Set(manifest.hospitals.map((h) => h.profile.vendor)).size).toBe(3);
    expect(new Set(manifest.hospitals.map((h) => h.patients)).size).toBe(3);
  });

  it('gives every patient a Consent, counts the ICU admissions, and references devices and patients that exist', () => {
    for (const hospital of manifest.hospitals) {
      const dir = join(a, hospital.folder);
      const patients = new Set(lines(join(dir, 'Patient.ndjson')).map((p) => `Patient/${String(p.id)}`));
      const devices = new Set(lines(join(dir, 'Device.ndjson')).map((d) => `Device/${String(d.id)}`));
      const consents = lines(join(dir, 'Consent.ndjson')) as { patient: { reference: string }; provision: { type: string } }[];
      expect(patients.size).toBe(hospital.patients);
      expect(new Set(consents.map((c) => c.patient.reference))).toEqual(patients);
      expect(consents.filter((c) => c.provision.type === 'deny')).toHaveLength(hospital.consentDenied);
      const icu = lines(join(dir, 'Encounter.ndjson')).filter((e) => e.type !== undefined);
      expect(icu).toHaveLength(hospital.deteriorating);
      const observations = lines(join(dir, 'Observation.ndjson')) as { subject: { reference: string }; device: { reference: string } }[];
      expect(observations).toHaveLength(hospital.observations);
      expect(observations.every((o) => patients.has(o.subject.reference) && devices.has(o.device.reference))).toBe(true);
    }
  });

  it('refuses a non-empty out folder and leaves it as it was (no stale hospitals under a new manifest)', () => {
    const before = digests(a);
    expect(() => generateConsortium({ out: a, hospitals: 2, patients: 10, seed: 1 })).toThrow(
      expect.objectContaining({ code: 'USAGE', message: `--out ${a} already exists and is not empty; name a new folder or delete it first` }),
    );
    expect(digests(a)).toEqual(before);
  });

  it('refuses sizes it cannot make', () => {
    expect(() => generateConsortium({ out: join(root, 'd'), hospitals: 0, patients: 10, seed: 1 })).toThrow(
      expect.objectContaining({ code: 'USAGE', message: 'hospitals must be an integer in 1..64 (got 0)' }),
    );
    expect(() => generateConsortium({ out: join(root, 'd'), hospitals: 2, patients: 2.5, seed: 1 })).toThrow(
      expect.objectContaining({ code: 'USAGE', message: 'patients must be an integer in 1..1000000 (got 2.5)' }),
    );
  });
});
