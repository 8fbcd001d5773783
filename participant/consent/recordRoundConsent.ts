// Step 1b on a site: the consent root it signs into its update, from the patients whose rows it trains on this round.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { consentOpening, consentPseudonym } from '../../common/consent/consentPseudonym.ts';
import { ConsentTree, NO_CONSENT_ROOT } from '../../common/consent/consentTree.ts';
import type { RoundTask } from '../../common/wire/protocolTypes.ts';
import { writeConsentRecord } from './consentRecord.ts';
import { siteConsentKey } from './siteConsentKey.ts';

export interface RoundConsentSite {
  readonly kitDir: string;
  readonly outDir: string;
  readonly site: string;
}

/**
 * Builds the round's consent tree over the pseudonyms of `trainPatients`, records it durably and returns its root;
 * NO_CONSENT_ROOT, with no record, for data without patient identities (undefined `trainPatients`).
 */
export function recordRoundConsent(site: RoundConsentSite, task: Pick<RoundTask, 'runId' | 'round'>, trainPatients: readonly string[] | undefined): Hash32 {
  if (trainPatients === undefined) return NO_CONSENT_ROOT;
  const key = siteConsentKey(site.kitDir, { create: true });
  const tree = new ConsentTree(trainPatients.map((patient) => consentPseudonym(patient, consentOpening(key, task.runId, patient))));
  writeConsentRecord(site.outDir, { runId: task.runId, round: task.round, site: site.site, consentRoot: tree.root, pseudonyms: [...tree.pseudonyms] });
  return tree.root;
}
