import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProofOffChain } from '../../../contracts/checkConsentProof.ts';
import { consentRecordFile } from '../../../participant/consent/consentRecord.ts';
import { proveConsent } from '../../../participant/consent/proveConsent.ts';
import { recordRoundConsent } from '../../../participant/consent/recordRoundConsent.ts';
import { provisionConsortium } from '../../../provision/provisionConsortium.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-prove-consent-'));
const siteDir = join(dir, 'site-out');
let kitDir: string;
const PATIENTS = ['p-01', 'p-02', 'p-03', 'p-04', 'p-05'];

beforeAll(async () => {
  const { kitDirs } = await provisionConsortium({ consortium: 'consent', sites: ['site-a'], outDir: join(dir, 'kits') });
  kitDir = kitDirs['site-a']!;
  recordRoundConsent({ kitDir, outDir: siteDir, site: 'site-a' }, { runId: '4', round: 1 }, PATIENTS);
  recordRoundConsent({ kitDir, outDir: siteDir, site: 'site-a' }, { runId: '4', round: 2 }, PATIENTS.filter((patient) => patient !== 'p-03'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('proveConsent', () => {
  it('proves a patient in the round they trained in and out of the round after their withdrawal, with one opening', () => {
    const included = proveConsent({ kitDir, siteDir, patient: 'p-03', round: 1 });
    const excluded = proveConsent({ kitDir, siteDir, patient: 'p-03', round: 2 });
    expect(included).toMatchObject({ kind: 'inclusion', runId: '4', round: 1, site: 'site-a', leafCount: 5 });
    expect(excluded).toMatchObject({ kind: 'exclusion', round: 2, leafCount: 4 });
    expect(excluded.opening).toBe(included.opening);
    expect(excluded.consentRoot).not.toBe(included.consentRoot);
    expect(() => checkProofOffChain('round-1', included)).not.toThrow();
    expect(() => checkProofOffChain('round-2', excluded)).not.toThrow();
  });

  it('reveals no patient id but the one asked about: the other leaves are pseudonyms', () => {
    const proof = JSON.stringify(proveConsent({ kitDir, siteDir, patient: 'p-03', round: 2 }));
    for (const other of PATIENTS.filter((patient) => patient !== 'p-03')) expect(proof).not.toContain(other);
  });

  it('refuses a proof whose pseudonym is not the patient\'s under its opening', () => {
    const proof = proveConsent({ kitDir, siteDir, patient: 'p-01', round: 1 });
    expect(() => checkProofOffChain('renamed', { ...proof, patient: 'p-02' })).toThrow(expect.objectContaining({ code: 'CONSENT_PROOF_INVALID', message: "renamed: the pseudonym is not patient p-02's under the proof's opening" }));
  });

  it('names a round without a record, and refuses a record that does not hash to its root', () => {
    expect(() => proveConsent({ kitDir, siteDir, patient: 'p-01', round: 3 })).toThrow(expect.objectContaining({ code: 'CONSENT_RECORD_MISSING', message: expect.stringContaining('round-3.json does not exist: the site in') }));
    const file = consentRecordFile(siteDir, 2);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { pseudonyms: string[] };
    writeFileSync(file, JSON.stringify({ ...record, pseudonyms: record.pseudonyms.slice(1) }));
    expect(() => proveConsent({ kitDir, siteDir, patient: 'p-01', round: 2 })).toThrow(expect.objectContaining({ code: 'CONSENT_PROOF_INVALID', message: expect.stringContaining('does not hash to the root it names') }));
  });
});
