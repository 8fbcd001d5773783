// The seeded stream of fuzz cases: the categories in turn (so any prefix covers all four evenly), and within a
// category a kind drawn from `seed`, so a run's cases are the same on every machine for the same round material.
import { seededRandom } from '../../../common/seededRandom.ts';
import { CIPHERTEXT_CASES } from './ciphertextCases.ts';
import { ENVELOPE_CASES } from './envelopeCases.ts';
import { FIELD_CASES } from './fieldCases.ts';
import { FUZZ_CATEGORIES, type CaseMaker, type FuzzCase, type FuzzCategory, type FuzzMaterial } from './fuzzMessages.ts';
import { RAW_BYTES_CASES } from './rawBytesCases.ts';

export const CASES_BY_CATEGORY: Readonly<Record<FuzzCategory, Record<string, CaseMaker>>> = {
  bytes: RAW_BYTES_CASES,
  fields: FIELD_CASES,
  ciphertext: CIPHERTEXT_CASES,
  envelope: ENVELOPE_CASES,
};

export function* fuzzCases(material: FuzzMaterial, seed: number, count: number): Generator<FuzzCase> {
  const random = seededRandom(seed, 'fuzz');
  for (let i = 0; i < count; i += 1) {
    const category = FUZZ_CATEGORIES[i % FUZZ_CATEGORIES.length]!;
    const kinds = Object.entries(CASES_BY_CATEGORY[category]);
    const [kind, make] = kinds[random.int(kinds.length)]!;
    yield { category, kind, ...make(random, material) };
  }
}
