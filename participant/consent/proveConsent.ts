// `medfl consent prove` as a library call: from a site's kit (its consent key) and out folder (its round records),
// the proof that a patient's data were or were not in the site's training set that round.
import { consentOpening, consentPseudonym } from '../../common/consent/consentPseudonym.ts';
import { CONSENT_PROOF_FORMAT, type ConsentProof } from '../../common/consent/consentProof.ts';
import { ConsentTree } from '../../common/consent/consentTree.ts';
import { findSite } from '../../common/kit/Consortium.ts';
import { loadKit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { readConsentRecord } from './consentRecord.ts';
import { siteConsentKey } from './siteConsentKey.ts';

export interface ProveConsentOptions {
  readonly kitDir: string;
  /** The participant's --out folder, which holds consent/round-R.json. */
  readonly siteDir: string;
  readonly patient: string;
  readonly round: number;
}

/** CONSENT_RECORD_MISSING without the round's record or the kit's key; CONSENT_PROOF_INVALID when the record is damaged. */
export function proveConsent(options: ProveConsentOptions): ConsentProof {
  const kit = loadKit(options.kitDir);
  const site = findSite(kit.consortium, kit.id);
  if (kit.role !== 'site' || !site) throw new MedflError('KIT_INVALID', `kit ${options.kitDir} is not a site kit`);
  const record = readConsentRecord(options.siteDir, options.round);
  if (record.site !== kit.id) throw new MedflError('CONSENT_RECORD_MISSING', `${options.siteDir} holds site ${record.site}'s records, not ${kit.id}'s`);
  const tree = new ConsentTree(record.pseudonyms);
  if (tree.root !== record.consentRoot) {
    throw new MedflError('CONSENT_PROOF_INVALID', `the consent record of round ${options.round} in ${options.siteDir} does not hash to the root it names; restore it from the site's backup`);
  }
  const opening = consentOpening(siteConsentKey(options.kitDir, { create: false }), record.runId, options.patient);
  const pseudonym = consentPseudonym(options.patient, opening);
  const { kind, leafCount, branches } = tree.membership(pseudonym);
  return {
    format: CONSENT_PROOF_FORMAT, runId: record.runId, round: record.round, site: kit.id, siteAddress: site.address,
    patient: options.patient, opening, pseudonym, consentRoot: tree.root, kind, leafCount, branches: branches.map((branch) => ({ ...branch, siblings: [...branch.siblings] })),
  };
}
