// What a reviewer's tool re-checks in a lineage instead of trusting the RPC: links, contribution roots, example totals,
// and that the events name the attesters whose signatures the commit transactions carry.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';
import type { LineageRound } from './Lineage.ts';

const ZERO_HASH = `0x${'0'.repeat(64)}`;

const sameAddresses = (a: readonly string[], b: readonly string[]): boolean => {
  const set = (list: readonly string[]) => [...new Set(list.map((address) => address.toLowerCase()))].sort().join();
  return set(a) === set(b) && a.length === b.length;
};

/** Rounds from round 1 on; returns one sentence per inconsistency, none when the lineage is sound. */
export function lineageProblems(genesisModelHash: Hash32, rounds: readonly LineageRound[]): string[] {
  const problems: string[] = [];
  rounds.forEach((round, index) => {
    const expectedPrev = index === 0 ? genesisModelHash : rounds[index - 1]!.modelHash;
    if (round.round !== index + 1) problems.push(`round ${index + 1} is missing from the lineage (found round ${round.round} in its place)`);
    if (round.prevModelHash !== expectedPrev) problems.push(`round ${round.round} starts from ${round.prevModelHash}, not from ${expectedPrev}`);
    const leaves = round.contributions.map((c) => ({ address: c.site, examples: c.examples, digest: c.digest, epsilonMicros: c.epsilonMicros, consentRoot: c.consentRoot }));
    const root = leaves.length > 0 ? contributionsRoot(leaves) : ZERO_HASH;
    if (root !== round.contributionsRoot) {
      problems.push(`round ${round.round}: its ContributionRecorded events hash to ${root}, not to the committed root ${round.contributionsRoot}`);
    }
    const summed = round.contributions.reduce((sum, c) => sum + c.examples, 0);
    if (summed !== round.totalExamples) problems.push(`round ${round.round}: contributions add up to ${summed} examples, not ${round.totalExamples}`);
    if (!sameAddresses(round.signers, round.attesters)) {
      const named = `the attesters its RoundCommitted event names (${round.attesters.join(', ')})`;
      problems.push(`round ${round.round}: its commit transaction's signatures recover to ${round.signers.join(', ') || 'no one'}, not to ${named}`);
    }
  });
  return problems;
}
