import { describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { contributionsRoot } from '../../../common/wire/contributionsRoot.ts';
import type { LineageRound } from '../../../contracts/lineage/Lineage.ts';
import { lineageProblems } from '../../../contracts/lineage/lineageProblems.ts';
import { hashOf } from './committedModels.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const SITES = ['0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222'];

/** A sound round as the ledger would report it; tests then break one field at a time. */
function round(number: number, prevModelHash: Hash32): LineageRound {
  const contributions = SITES.map((site, i) => ({ site, examples: 10 + i, digest: hashOf(`${number}/${i}`), epsilonMicros: 700_000 * number + i, consentRoot: NO_CONSENT_ROOT }));
  return {
    round: number,
    prevModelHash,
    modelHash: hashOf(`model ${number}`),
    aggregateDigest: hashOf(`aggregate ${number}`),
    contributionsRoot: contributionsRoot(contributions.map((c) => ({ ...c, address: c.site }))),
    totalExamples: 21,
    blockNumber: number + 1,
    committedAt: '2026-01-01T00:00:00.000Z',
    txHash: hashOf(`tx ${number}`),
    attesters: SITES,
    signers: [SITES[1]!.toUpperCase().replace('0X', '0x'), SITES[0]!],
    contributions,
  };
}

const genesis = hashOf('genesis');
const sound = (): LineageRound[] => [round(1, genesis), round(2, hashOf('model 1'))];

describe('lineageProblems', () => {
  it('finds nothing wrong in a linked lineage whose events match the committed roots', () => {
    expect(lineageProblems(genesis, sound())).toEqual([]);
  });

  it('names a round whose events name other attesters than the signatures in its commit transaction recover to', () => {
    const rounds = sound();
    rounds[0] = { ...rounds[0]!, signers: [SITES[0]!] };
    expect(lineageProblems(genesis, rounds)).toEqual([
      `round 1: its commit transaction's signatures recover to ${SITES[0]}, not to the attesters its RoundCommitted event names (${SITES.join(', ')})`,
    ]);
  });

  it('names a round that does not start from the model before it', () => {
    const rounds = sound();
    rounds[1] = { ...rounds[1]!, prevModelHash: hashOf('elsewhere') };
    expect(lineageProblems(genesis, rounds)).toEqual([`round 2 starts from ${hashOf('elsewhere')}, not from ${hashOf('model 1')}`]);
  });

  it('names a round whose contribution events do not hash to its root, or do not add up', () => {
    const rounds = sound();
    rounds[0] = { ...rounds[0]!, contributions: rounds[0]!.contributions.slice(1) };
    const problems = lineageProblems(genesis, rounds);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^round 1: its ContributionRecorded events hash to 0x[0-9a-f]{64}, not to the committed root 0x[0-9a-f]{64}$/);
    expect(problems[1]).toBe('round 1: contributions add up to 11 examples, not 21');
  });

  it('names a round whose events report another ε spent than the committed leaves hold', () => {
    const rounds = sound();
    rounds[1] = { ...rounds[1]!, contributions: rounds[1]!.contributions.map((c, i) => (i === 0 ? { ...c, epsilonMicros: 0 } : c)) };
    expect(lineageProblems(genesis, rounds)).toEqual([
      expect.stringMatching(/^round 2: its ContributionRecorded events hash to 0x[0-9a-f]{64}, not to the committed root 0x[0-9a-f]{64}$/),
    ]);
  });

  it('names a gap in the rounds', () => {
    const rounds = [round(1, genesis), round(3, hashOf('model 1'))];
    expect(lineageProblems(genesis, rounds)).toEqual(['round 2 is missing from the lineage (found round 3 in its place)']);
  });
});
