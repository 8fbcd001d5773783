// Checks a site's attestation against the closed round it claims to attest, and finds a quorum of matching ones.
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateHeader, SiteAttestation } from '../../common/wire/protocolTypes.ts';

/** Same run, round, attempt, parent model, aggregate, contributions and examples as the coordinator's header. */
export function verifyAttestation(attestation: SiteAttestation, peer: ConsortiumSite, header: AggregateHeader, signer: string): void {
  if (attestation.site !== peer.id) {
    throw new MedflError('IDENTITY_MISMATCH', `the attestation names site ${attestation.site} but the TLS client certificate is ${peer.id}`);
  }
  if (attestation.runId !== header.runId || attestation.round !== header.round || attestation.attempt !== header.attempt) {
    throw new MedflError('ROUND_MISMATCH', `the attestation is for round ${attestation.round} attempt ${attestation.attempt}, but round ${header.round} attempt ${header.attempt} is attesting`);
  }
  const fields = ['prevModelHash', 'aggregateDigest', 'contributionsRoot', 'totalExamples'] as const;
  const wrong = fields.filter((field) => attestation[field] !== header[field]);
  if (wrong.length > 0) {
    throw new MedflError('ATTESTATION_INVALID', `the attestation's ${wrong.join(', ')} differ from the closed round's aggregate`, {
      details: { fields: wrong },
    });
  }
  if (signer.toLowerCase() !== peer.address.toLowerCase()) {
    throw new MedflError('SIGNATURE_INVALID', `the attestation is signed by ${signer}, not by ${peer.id}'s address ${peer.address}`);
  }
}

/** The first modelHash that `quorum` attestations agree on, with those attestations in site order. */
export function matchingQuorum(attestations: Iterable<SiteAttestation>, quorum: number): SiteAttestation[] | undefined {
  const byModel = new Map<string, SiteAttestation[]>();
  for (const attestation of attestations) byModel.set(attestation.modelHash, [...(byModel.get(attestation.modelHash) ?? []), attestation]);
  for (const group of byModel.values()) {
    if (group.length >= quorum) return [...group].sort((a, b) => a.site.localeCompare(b.site));
  }
  return undefined;
}
