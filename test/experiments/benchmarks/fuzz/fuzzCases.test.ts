// The fuzz cases are a seeded stream over the four categories, and none of them is the honest upload they bend.
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { CASES_BY_CATEGORY, fuzzCases } from '../../../../experiments/benchmarks/fuzz/fuzzCases.ts';
import { FUZZ_CATEGORIES, signedEnvelope, updateStream, type FuzzMaterial } from '../../../../experiments/benchmarks/fuzz/fuzzMessages.ts';

const material: FuzzMaterial = {
  task: {
    runId: '7', round: 1, attempt: 0, planHash: `0x${'a'.repeat(64)}`, prevModelHash: `0x${'b'.repeat(64)}`, deadlineUnixMs: 0, minUpdates: 3, codecId: `0x${'c'.repeat(64)}`,
    chunkCount: 2, expectedSites: ['cleveland', 'switzerland'], proximalMu: 0, keyHolders: [],
  },
  site: 'switzerland',
  signingSecretKey: nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(5)).secretKey,
  otherSite: 'cleveland',
  chunks: [Uint8Array.from({ length: 96 }, (_, i) => i), Uint8Array.from({ length: 96 }, (_, i) => 255 - i)],
  maskedFingerprint: new Uint8Array(16).fill(9),
  examples: 100,
};

/** Enough cases to reach every kind of every category with seed 17; built once, since each costs a signature or two. */
const cases = [...fuzzCases(material, 17, 600)];

describe('fuzzCases', () => {
  it('is the same stream for the same seed and another for another seed', () => {
    const kinds = (seed: number) => [...fuzzCases(material, seed, 100)].map((c) => `${c.category}/${c.kind}`);
    expect(kinds(17)).toEqual(kinds(17));
    expect(kinds(18)).not.toEqual(kinds(17));
  });

  it('takes the categories in turn and reaches every kind of each over a few hundred cases', () => {
    expect(cases.slice(0, 8).map((c) => c.category)).toEqual([...FUZZ_CATEGORIES, ...FUZZ_CATEGORIES]);
    for (const category of FUZZ_CATEGORIES) {
      const seen = new Set(cases.filter((c) => c.category === category).map((c) => c.kind));
      expect([...seen].sort(), category).toEqual(Object.keys(CASES_BY_CATEGORY[category]).sort());
    }
  });

  it('never sends the honest upload itself, which the coordinator would rightly accept', () => {
    const honest = updateStream(signedEnvelope(material, material.chunks), material.chunks).map((bytes) => bytes.toString('hex')).join();
    for (const fuzzCase of cases) {
      expect(fuzzCase.messages.map((bytes) => bytes.toString('hex')).join(), `${fuzzCase.category}/${fuzzCase.kind}`).not.toBe(honest);
    }
  });
});
