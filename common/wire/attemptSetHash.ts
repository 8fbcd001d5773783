// The hash of a closed round attempt's sets (contributions U, decryptors T) that the coordinator records on chain
// (RoundLedger.closeAttempt): a site releases its decryption share only for the sets that hash to the recorded value.
import { canonicalHash, type Hash32 } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';

/** One accepted update of the attempt: the contributing site and the digest of its ciphertexts. */
export interface AttemptContribution {
  readonly site: string;
  readonly digest: Hash32;
}

export interface AttemptSets {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  readonly contributions: readonly AttemptContribution[];
  /** Site ids of the decryptors. */
  readonly decryptors: readonly string[];
}

/** By UTF-16 code units, as RFC 8785 orders keys: the same on every machine, unlike localeCompare. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortedDistinct<T>(items: readonly T[], site: (item: T) => string, what: string): T[] {
  const sorted = [...items].sort((a, b) => byCodeUnits(site(a), site(b)));
  sorted.forEach((item, index) => {
    if (index > 0 && site(sorted[index - 1]!) === site(item)) throw new MedflError('WIRE_INVALID', `site ${site(item)} is listed twice among the attempt's ${what}`);
  });
  return sorted;
}

/**
 * sha256 of the canonical JSON of the sets, each sorted by site id (so the order they arrive in does not matter) and
 * tagged with their kind, so the hash cannot be mistaken for another canonical hash medfl records. A site listed
 * twice is refused: the two entries could not both be meant.
 */
export function attemptSetHash(sets: AttemptSets): Hash32 {
  const contributions = sortedDistinct(sets.contributions, (c) => c.site, 'contributions').map(({ site, digest }) => ({ site, digest }));
  const decryptors = sortedDistinct(sets.decryptors, (site) => site, 'decryptors');
  return canonicalHash({ kind: 'medfl.attemptSets.v1', runId: sets.runId, round: sets.round, attempt: sets.attempt, contributions, decryptors });
}
