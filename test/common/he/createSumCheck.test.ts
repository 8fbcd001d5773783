import { describe, expect, it } from 'vitest';
import { joinPrime, splitPrime } from '../../../common/he/coefficientPacking.ts';
import { decodeCiphertext, encodeCiphertext } from '../../../common/he/wireCiphertext.ts';
import type { CkksContext } from '../../../common/he/ckksContext.ts';
import type { FingerprintedUpload } from '../../../common/he/UpdateCodec.ts';
import { attempt, params, useSumCheckFixture, type SumCheckFixture } from './helpers/sumCheckFixture.ts';

let fixture: SumCheckFixture;
let ckks: CkksContext;
useSumCheckFixture((built, context) => ([fixture, ckks] = [built, context]));

function check(chunks: readonly Uint8Array[], uploads: readonly FingerprintedUpload[] = fixture.uploads, at = attempt): void {
  const sum = fixture.codec.sumCheck!.openAggregateCheck(at, uploads);
  for (const bytes of chunks) sum.add(bytes);
  sum.finish();
}

const forged = expect.objectContaining({ code: 'AGGREGATE_FORGED' });
const asBytes = (words: Uint32Array) => new Uint8Array(words.buffer, words.byteOffset, words.byteLength);

/** The chunks with `edit` applied to chunk `index`'s decoded (c0, c1) words, re-encoded as a valid full ciphertext. */
function edited(chunks: readonly Uint8Array[], index: number, edit: (c0: Uint32Array, c1: Uint32Array) => void): Uint8Array[] {
  return chunks.map((bytes, i) => {
    if (i !== index) return bytes;
    const { c0, c1 } = decodeCiphertext(params, ckks.prime, 'test', bytes, 'full');
    edit(c0, c1!);
    return encodeCiphertext(params, 'full', asBytes(c0), asBytes(c1!));
  });
}

describe('createSumCheck (real SEAL ciphertexts of three sites)', () => {
  it('passes the honest aggregate: the keyless fold of exactly the listed updates', async () => {
    check(await fixture.fold([0, 1, 2]));
    // Leaf order does not matter: the check is a sum.
    check(await fixture.fold([2, 0, 1]), [...fixture.uploads].reverse());
  });

  it('refuses a trivial ciphertext (c1 = 0, c0 = anything) that decrypts to whatever the coordinator likes', async () => {
    const honest = await fixture.fold([0, 1, 2]);
    const trivial = honest.map((_, i) => edited(honest, i, (_c0, c1) => c1.fill(0))[i]!);
    expect(() => check(trivial)).toThrow(forged);
    expect(() => check(trivial)).toThrow(/^the aggregate is not the sum of the 3 signed updates its header lists \(site-a, site-b, site-c\): challenge 1, 2, 3, 4 of 4 disagrees/);
  });

  it('refuses an aggregate that drops one listed site\'s ciphertext or counts one twice', async () => {
    const dropped = await fixture.fold([0, 2]);
    const twice = await fixture.fold([0, 1, 1, 2]);
    expect(() => check(dropped)).toThrow(forged);
    expect(() => check(twice)).toThrow(forged);
    // Listing only what was folded makes the same bytes pass: the check is against the leaves, not a guess.
    check(dropped, [fixture.uploads[0]!, fixture.uploads[2]!]);
  });

  it('refuses an aggregate with missing or extra chunks', async () => {
    const honest = await fixture.fold([0, 1, 2]);
    expect(() => check(honest.slice(1))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
    expect(() => check([...honest, honest[0]!])).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
  });

  it('refuses an aggregate with every coefficient right but one, in c0 or in c1', async () => {
    const honest = await fixture.fold([0, 1, 2]);
    const q = joinPrime(ckks.prime);
    const bump = (words: Uint32Array, k: number) => {
      const value = ((BigInt(words[2 * k + 1]!) << 32n) | BigInt(words[2 * k]!)) + 1n;
      const { lo, hi } = splitPrime(value % q);
      words[2 * k] = lo;
      words[2 * k + 1] = hi;
    };
    expect(() => check(edited(honest, 1, (_c0, c1) => bump(c1, 1234)))).toThrow(forged);
    expect(() => check(edited(honest, params.chunkCount - 1, (c0) => bump(c0, params.polyModulusDegree - 1)))).toThrow(forged);
  });

  it('refuses a leaf whose masked fingerprint changed, and the honest aggregate checked for another attempt', async () => {
    const honest = await fixture.fold([0, 1, 2]);
    const [a, ...rest] = fixture.uploads as [FingerprintedUpload, ...FingerprintedUpload[]];
    const changed = Uint8Array.from(a.maskedFingerprint);
    changed[8] = changed[8]! ^ 1; // challenge 2's value, well below the prime either way
    expect(() => check(honest, [{ ...a, maskedFingerprint: changed }, ...rest])).toThrow(/challenge 2 of 4 disagrees/);
    expect(() => check(honest, fixture.uploads, { ...attempt, attempt: 2 })).toThrow(forged);
  });

  it('names a leaf whose masked fingerprint is malformed before reading any chunk', () => {
    const [a, ...rest] = fixture.uploads as [FingerprintedUpload, ...FingerprintedUpload[]];
    const open = (maskedFingerprint: Uint8Array) => () => fixture.codec.sumCheck!.openAggregateCheck(attempt, [{ ...a, maskedFingerprint }, ...rest]);
    expect(open(new Uint8Array(31))).toThrow(expect.objectContaining({ code: 'ATTESTATION_INVALID', message: "site-a's masked fingerprint is 31 bytes; a masked fingerprint is 4 values of 8 bytes (32)" }));
    expect(open(new Uint8Array(32).fill(0xff))).toThrow("site-a's masked fingerprint has value 0 at or above the prime");
  });
});
