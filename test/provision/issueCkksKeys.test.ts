import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKit } from '../../common/kit/loadKit.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import { issueCkksKeys } from '../../provision/issueCkksKeys.ts';
import { provisionConsortium } from '../../provision/provisionConsortium.ts';
import { readCkksKeyFile } from '../../provision/ckksKeyFile.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';

const out = mkdtempSync(join(tmpdir(), 'medfl-ckks-keys-'));
const REFUSED = 'a CKKS key is only issued for encryption "ckks-shared-key" (under threshold "ckks" each site makes its own secret)';

/** The repository's plan with the single-key codec: the only kind a key is issued for. */
function sharedKeyPlan() {
  const plan = loadPlan(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'));
  return { ...plan, privacy: { ...plan.privacy, encryption: 'ckks-shared-key' as const } };
}
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('issueCkksKeys', () => {
  it('seals the same key to every site, opened only with that site’s box key; the coordinator gets none', async () => {
    const plan = sharedKeyPlan();
    const sites = [...plan.consortium.sites];
    const { kitDirs } = await provisionConsortium({ consortium: 'c', sites, outDir: join(out, 'kits') });
    const codecId = await issueCkksKeys(plan, kitDirs, sites);
    expect(codecId).toBe(runCodecParameters(plan).codecId);
    const keys = sites.map((id) => {
      const kit = loadKit(kitDirs[id]!);
      return Buffer.from(readCkksKeyFile(join(kit.dir, 'ckks.sealed'), kit.boxSecretKey!, codecId)).toString('hex');
    });
    expect(new Set(keys).size).toBe(1);
    const other = loadKit(kitDirs[sites[1]!]!);
    expect(() => readCkksKeyFile(join(kitDirs[sites[0]!]!, 'ckks.sealed'), other.boxSecretKey!, codecId)).toThrow(/KEY|open|seal/i);
    expect(existsSync(join(kitDirs.coordinator!, 'ckks.sealed'))).toBe(false);
  });

  it('refuses to issue a key for a plaintext plan, and for a threshold CKKS plan (no party may hold the whole key)', async () => {
    const plan = loadPlan(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'));
    expect(plan.privacy.encryption).toBe('ckks');
    const plaintext = { ...plan, privacy: { ...plan.privacy, encryption: 'plaintext' as const } };
    await expect(issueCkksKeys(plaintext, {}, [])).rejects.toThrow(`plan ${plan.name} uses plaintext updates; ${REFUSED}`);
    await expect(issueCkksKeys(plan, {}, [])).rejects.toThrow(`plan ${plan.name} uses ckks updates; ${REFUSED}`);
  });
});
