// The arguments of RoundLedger.commitRound from a commit request: the run's site list (the contract checks its hash),
// contributions by site index in multiproof order, and each signature in EIP-2098 compact form with its signer's index
// (recovered here exactly as the contract recovers it, so the index can be checked on chain with no storage read).
import { Signature } from 'ethers';
import { MedflError } from '../common/MedflError.ts';
import type { RoundAttestation } from '../common/wire/roundAttestation.ts';
import { recoverAttester, type LedgerDomain } from './attestation.ts';
import { buildContributionsTree } from '../common/wire/contributionsTree.ts';
import type { CommitRoundRequest } from './CommitRoundRequest.ts';

export interface CommitArguments {
  readonly attestation: RoundAttestation;
  readonly sites: string[];
  readonly contributions: { siteIndex: number; examples: number; digest: string; epsilonMicros: number; consentRoot: string }[];
  readonly signatures: { siteIndex: number; r: string; vs: string }[];
}

export function commitArguments(request: CommitRoundRequest, sites: readonly string[], domain: LedgerDomain): CommitArguments {
  const { contributions, signatures, ...attestation } = request;
  const indexOf = new Map(sites.map((site, index) => [site.toLowerCase(), index]));
  const ordered = buildContributionsTree(contributions).orderedLeaves.map((leaf) => {
    const siteIndex = indexOf.get(leaf.address.toLowerCase());
    if (siteIndex === undefined) {
      throw new MedflError('LEDGER_INPUT_INVALID', `contributor ${leaf.address} is not a site of run ${request.runId}; its sites are ${sites.join(', ')}`);
    }
    return { siteIndex, examples: leaf.examples, digest: leaf.digest, epsilonMicros: leaf.epsilonMicros, consentRoot: leaf.consentRoot };
  });
  const compact = signatures.map((signature) => {
    const signer = recoverAttester(domain, attestation, signature);
    const parsed = Signature.from(signature);
    // A signer outside the list gets an index past its end: the contract then names it (RoundLedgerSignerNotSite).
    return { siteIndex: indexOf.get(signer.toLowerCase()) ?? sites.length, r: parsed.r, vs: parsed.yParityAndS };
  });
  return { attestation, sites: [...sites], contributions: ordered, signatures: compact };
}
