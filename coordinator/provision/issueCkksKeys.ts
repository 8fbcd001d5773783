// Generates a run's CKKS secret key and seals one copy to each site's X25519 key; nobody else ever holds it.
// Run by the consortium's key custodian at provisioning time, never inside the coordinator process.
import { join } from 'node:path';
import { findSite } from '../../common/kit/Consortium.ts';
import { loadKit } from '../../common/kit/loadKit.ts';
import { KIT_FILES } from '../../common/kit/kitFiles.ts';
import { generateCkksSecretKey } from '../../common/he/ckksSecretKey.ts';
import { sealSecretKeyForSite } from '../../common/he/sealSecretKey.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import { writeCkksKeyFile } from '../../participant/ckksKeyFile.ts';

/** Writes `ckks.sealed` into every site kit for the plan's codec; returns the codecId. */
export async function issueCkksKeys(plan: Plan, kitDirs: Readonly<Record<string, string>>, siteIds: readonly string[]): Promise<string> {
  const params = runCodecParameters(plan);
  if (!('scheme' in params) || params.scheme !== 'ckks') {
    throw new MedflError('USAGE', `plan ${plan.name} uses ${plan.privacy.encryption} updates; a CKKS key is only issued for encryption "ckks"`);
  }
  const secretKey = await generateCkksSecretKey(params);
  try {
    for (const id of siteIds) {
      const dir = kitDirs[id];
      if (!dir) throw new MedflError('KIT_INVALID', `no kit for site ${id}`);
      const kit = loadKit(dir);
      const site = findSite(kit.consortium, id);
      if (!site || kit.role !== 'site') throw new MedflError('KIT_INVALID', `kit ${dir} is not the kit of site ${id}`);
      const sealed = sealSecretKeyForSite(secretKey, new Uint8Array(Buffer.from(site.boxPublicKey, 'base64')), params.codecId);
      writeCkksKeyFile(join(dir, KIT_FILES.ckksSealed), sealed);
    }
  } finally {
    secretKey.fill(0);
  }
  return params.codecId;
}
