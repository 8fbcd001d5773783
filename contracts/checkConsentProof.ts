// `medfl consent check` as a library call: a consent proof file checked against the root its site committed on chain,
// with no site secret. Several proofs of one patient must share one opening, so a site cannot hand out a second
// pseudonym to prove a patient out of a round it trained them in.
import type { Hash32 } from '../common/canonicalJson.ts';
import { checkConsentMembership } from '../common/consent/checkConsentMembership.ts';
import { consentPseudonym } from '../common/consent/consentPseudonym.ts';
import { consentProofSchema, type ConsentProof } from '../common/consent/consentProof.ts';
import { MedflError } from '../common/MedflError.ts';
import { readJsonFile } from '../common/readJsonFile.ts';
import { connectRpc } from './chain/connectRpc.ts';
import { requireLedger } from './chain/requireLedger.ts';
import { readConsentRoot } from './readConsentRoot.ts';

export interface ConsentCheck {
  readonly file: string;
  readonly proof: ConsentProof;
  readonly rootOnChain: Hash32;
  readonly blockNumber: number;
  readonly txHash: string;
}

export function readConsentProof(file: string): ConsentProof {
  return readJsonFile(file, consentProofSchema, 'consent proof', { notJson: 'CONSENT_PROOF_INVALID', invalid: 'CONSENT_PROOF_INVALID' });
}

/** Everything that needs no chain: the pseudonym is the patient's under the opening, and the branches lead to the root. */
export function checkProofOffChain(file: string, proof: ConsentProof): void {
  if (consentPseudonym(proof.patient, proof.opening) !== proof.pseudonym) {
    throw new MedflError('CONSENT_PROOF_INVALID', `${file}: the pseudonym is not patient ${proof.patient}'s under the proof's opening`);
  }
  if (!checkConsentMembership(proof.consentRoot, proof.pseudonym, proof)) {
    throw new MedflError('CONSENT_PROOF_INVALID', `${file}: its Merkle branches do not prove patient ${proof.patient} ${proof.kind === 'inclusion' ? 'in' : 'out of'} the consent root ${proof.consentRoot}`);
  }
}

function checkSameOpening(proofs: readonly { file: string; proof: ConsentProof }[]): void {
  const first = new Map<string, { file: string; proof: ConsentProof }>();
  for (const entry of proofs) {
    const { runId, siteAddress, patient } = entry.proof;
    const key = JSON.stringify([runId, siteAddress.toLowerCase(), patient]);
    const earlier = first.get(key);
    if (earlier && earlier.proof.opening !== entry.proof.opening) {
      throw new MedflError('CONSENT_PROOF_INVALID', `${entry.file} and ${earlier.file} give patient ${patient} two openings in run ${runId}: the site must use one per run`);
    }
    if (!earlier) first.set(key, entry);
  }
}

/** Throws LEDGER_NOT_DEPLOYED, or CONSENT_PROOF_INVALID, CONSENT_ROOT_MISMATCH or CONSENT_RECORD_MISSING on the first proof that fails. */
export async function checkConsentProofs(files: readonly string[], chain: { rpcUrl: string; ledgerAddress: string }): Promise<ConsentCheck[]> {
  const proofs = files.map((file) => ({ file, proof: readConsentProof(file) }));
  for (const { file, proof } of proofs) checkProofOffChain(file, proof);
  checkSameOpening(proofs);
  const provider = await connectRpc(chain.rpcUrl);
  try {
    await requireLedger(provider, chain.ledgerAddress);
    const checks: ConsentCheck[] = [];
    for (const { file, proof } of proofs) {
      const onChain = await readConsentRoot(provider, chain.ledgerAddress, proof);
      if (onChain.consentRoot !== proof.consentRoot) {
        throw new MedflError('CONSENT_ROOT_MISMATCH', `${file}: site ${proof.site} committed consent root ${onChain.consentRoot} for round ${proof.round} of run ${proof.runId}, not the proof's ${proof.consentRoot}`);
      }
      checks.push({ file, proof, rootOnChain: onChain.consentRoot, blockNumber: onChain.blockNumber, txHash: onChain.txHash });
    }
    return checks;
  } finally {
    provider.destroy();
  }
}
