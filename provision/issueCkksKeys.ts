// Generates a run's CKKS secret key and seals one copy to each site's X25519 key; nobody else ever holds it.
// Run by the consortium's key custodian at provisioning time, never inside the coordinator process.
import { join } from 'node:path';
import { findSite } from '../common/kit/Consortium.ts';
import { loadKit } from '../common/kit/loadKit.ts';
import { KIT_FILES } from '../common/kit/kitFiles.ts';
import { MedflError } from '../common/MedflError.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { sealCkksKeyForSites } from './ckksKeyCustody.ts';

/** Writes `ckks.sealed` into every site kit for the plan's codec (central provisioning); returns the codecId. */
export async function issueCkksKeys(plan: Plan, kitDirs: Readonly<Record<string, string>>, siteIds: readonly string[]): Promise<string> {
  const sites = siteIds.map((id) => {
    const dir = kitDirs[id];
    if (!dir) throw new MedflError('KIT_INVALID', `no kit for site ${id}`);
    const kit = loadKit(dir);
    const site = findSite(kit.consortium, id);
    if (!site || kit.role !== 'site') throw new MedflError('KIT_INVALID', `kit ${dir} is not the kit of site ${id}`);
    return site;
  });
  return sealCkksKeyForSites(plan, sites, (id) => join(kitDirs[id]!, KIT_FILES.ckksSealed));
}
