// The standardisation.json of a site whose node trained before nodes kept one: its train split's means and spreads,
// computed again from its data as the run's plan reads them, so `medfl predict` and `serve` can scale a patient as the
// site trained. The data must be as they were then: a Consent withdrawn or a record added since moves the numbers.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import { loadSiteSplit } from '../loadPlanData.ts';
import { splitStandardisation, STANDARDISATION_FILE, writeStandardisation, type SiteStandardisation } from './standardisationFile.ts';

export interface RebuildOptions {
  readonly planFile: string;
  /** The site's data as `medfl participant --data` took them. */
  readonly data: string;
  readonly site: string;
  /** The site's participant --out folder. */
  readonly outDir: string;
}

/** Everything a wrong flag can get wrong, before any data are read. */
function checkOut(outDir: string): void {
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) {
    throw new MedflError('FILE_NOT_FOUND', `--out ${outDir} is not a folder; name the site's participant --out folder`);
  }
  const file = join(outDir, STANDARDISATION_FILE);
  if (existsSync(file)) {
    throw new MedflError('USAGE', `${file} already exists (the site's node wrote it when it trained, so it is the one to use); delete it first to rebuild it from the data as they are now`);
  }
}

export async function rebuildStandardisation(options: RebuildOptions): Promise<{ readonly file: string; readonly standardisation: SiteStandardisation }> {
  checkOut(options.outDir);
  const plan = loadPlan(options.planFile);
  if (!plan.consortium.sites.includes(options.site)) {
    throw new MedflError('USAGE', `--site ${options.site} is not a site of plan ${plan.name} (its sites: ${plan.consortium.sites.join(', ')})`);
  }
  const split = await loadSiteSplit(plan, options.data, options.site);
  const standardisation = splitStandardisation(options.site, planHash(plan), split);
  if (!standardisation) {
    throw new MedflError('DATASET_UNSUPPORTED', `plan ${plan.name} reads data that are not standardised per site (the UCI heart tables), so there is nothing to rebuild`);
  }
  return { file: writeStandardisation(options.outDir, standardisation), standardisation };
}
