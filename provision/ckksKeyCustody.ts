// The run's CKKS key without the administrator: one key-holding site generates it (`medfl key issue`) and seals a
// copy to every site listed in its consortium.json; each site checks its copy opens for the plan's codec before
// placing it in its kit (`medfl key import`). The coordinator never handles it.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CkksParameters } from '../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../common/he/ckksSecretKey.ts';
import { sealSecretKeyForSite } from '../common/he/sealSecretKey.ts';
import type { ConsortiumSite } from '../common/kit/Consortium.ts';
import { KIT_FILES } from '../common/kit/kitFiles.ts';
import type { Kit } from '../common/kit/loadKit.ts';
import { MedflError } from '../common/MedflError.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { runCodecParameters } from '../common/wire/runCodecParameters.ts';
import { readCkksKeyFile, writeCkksKeyFile } from './ckksKeyFile.ts';

/**
 * The plan's single-key CKKS parameters; USAGE for any other plan. Under "ckks" (threshold CKKS) no party may hold the
 * whole key: each site makes its own secret on its machine (participant/threshold/siteSeed.ts), so none is issued.
 */
export function sharedKeyParameters(plan: Plan): CkksParameters {
  const params = runCodecParameters(plan);
  if (params.scheme !== 'ckks' || params.encryption === 'threshold-crs') {
    throw new MedflError('USAGE', `plan ${plan.name} uses ${plan.privacy.encryption} updates; a CKKS key is only issued for encryption "ckks-shared-key" (under threshold "ckks" each site makes its own secret)`);
  }
  return params;
}

/** Generates the plan's CKKS key and writes one copy sealed to each of `sites` at `pathFor(site.id)`; returns the codecId. */
export async function sealCkksKeyForSites(plan: Plan, sites: readonly ConsortiumSite[], pathFor: (siteId: string) => string): Promise<string> {
  const params = sharedKeyParameters(plan);
  const { codecId } = params;
  const secretKey = await generateCkksSecretKey(params);
  try {
    for (const site of sites) {
      writeCkksKeyFile(pathFor(site.id), sealSecretKeyForSite(secretKey, new Uint8Array(Buffer.from(site.boxPublicKey, 'base64')), codecId));
    }
  } finally {
    secretKey.fill(0);
  }
  return codecId;
}

/** Places a sealed key file in a site's kit once it opens with the kit's box key for the plan's codec. */
export function importCkksKeyFile(kit: Kit, file: string, plan: Plan): string {
  if (kit.role !== 'site' || !kit.boxSecretKey) throw new MedflError('KIT_INVALID', `kit ${kit.dir} is not a site kit; only sites hold the CKKS key`);
  readCkksKeyFile(file, kit.boxSecretKey, sharedKeyParameters(plan).codecId).fill(0);
  const target = join(kit.dir, KIT_FILES.ckksSealed);
  copyFileSync(file, target);
  return target;
}
