// The threshold session of an aggregate header: its attempt, and its contributors and decryptors as Shamir points
// (1 + each site's index in consortium.json), checked against the attempt's key holders.
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { ThresholdSession } from '../../common/he/threshold/thresholdSession.ts';
import type { AggregateHeader } from '../../common/wire/protocolTypes.ts';

/** ATTESTATION_INVALID naming the first site that is not in consortium.json or not among `keyHolders`. */
export function attemptSession(header: AggregateHeader, consortium: Pick<Consortium, 'sites'>, keyHolders: readonly string[]): ThresholdSession {
  const pointOf = (site: string, role: string): number => {
    const index = consortium.sites.findIndex((entry) => entry.id === site);
    if (index < 0 || !keyHolders.includes(site)) {
      throw new MedflError('ATTESTATION_INVALID', `the aggregate of round ${header.round} attempt ${header.attempt} names ${site} as a ${role}, but ${site} is not one of the attempt's key holders (${keyHolders.join(', ') || 'none'})`, { details: { site } });
    }
    return index + 1;
  };
  return {
    attempt: { runId: header.runId, round: header.round, attempt: header.attempt },
    contributors: header.contributions.map((leaf) => pointOf(leaf.site, 'contributor')),
    decryptors: header.decryptors.map((site) => pointOf(site, 'decryptor')),
  };
}
