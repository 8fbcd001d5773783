import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { choosePlaintextParameters, createPlaintextCodec } from '../../../common/he/createPlaintextCodec.ts';
import type { Logger } from '../../../common/log.ts';
import { logger } from '../../../common/log.ts';
import type { SignedContributionLeaf } from '../../../common/wire/protocolTypes.ts';
import { checkLeafSignatures, openAggregateSumCheck } from '../../../participant/node/checkAggregateSum.ts';
import { consortium, headerFor, signedLeaves, sumCheckFixture, type SumCheckFixture } from './helpers/signedAggregate.ts';

let fixture: SumCheckFixture;
let leaves: SignedContributionLeaf[];
let honest: Uint8Array[];
beforeAll(async () => {
  fixture = await sumCheckFixture();
  leaves = signedLeaves(fixture);
  honest = await fixture.fold([0, 1, 2]);
});
afterAll(() => fixture.codec.dispose());

const invalid = (site: string) => expect.objectContaining({ code: 'CONTRIBUTION_SIGNATURE_INVALID', message: expect.stringMatching(new RegExp(`^the aggregate's leaf for ${site} is not the update envelope ${site} signed`)) });
const withLeaf = (index: number, change: Partial<SignedContributionLeaf>) => leaves.map((leaf, i) => (i === index ? { ...leaf, ...change } : leaf));

describe('checkAggregateSum (real SEAL ciphertexts, real ed25519 site keys)', () => {
  it('passes an honest aggregate: every leaf signed by its site, the chunks their sum', () => {
    const check = openAggregateSumCheck(headerFor(honest, leaves), { consortium, codec: fixture.codec, log: logger() })!;
    honest.forEach((bytes) => check.add(bytes));
    expect(() => check.finish()).not.toThrow();
  });

  it('refuses, naming the site, a leaf whose signature, masked fingerprint, examples, ε or consent root were changed, or signed by another site', () => {
    const flipped = Uint8Array.from(leaves[1]!.envelopeSignature);
    flipped[5] = flipped[5]! ^ 1;
    const fingerprint = Uint8Array.from(leaves[1]!.maskedFingerprint);
    fingerprint[0] = fingerprint[0]! ^ 1;
    for (const change of [{ envelopeSignature: flipped }, { maskedFingerprint: fingerprint }, { examples: 99 }, { epsilonMicros: 0 }, { epsilonMicros: leaves[1]!.epsilonMicros + 1 }, { consentRoot: `0x${'9'.repeat(64)}` as const }, { envelopeSignature: leaves[0]!.envelopeSignature }]) {
      expect(() => checkLeafSignatures(headerFor(honest, withLeaf(1, change)), consortium)).toThrow(invalid('site-b'));
    }
    expect(() => checkLeafSignatures(headerFor(honest, withLeaf(2, { site: 'site-z' })), consortium)).toThrow(invalid('site-z'));
    // Signed for attempt 1: the same leaf in an attempt-2 header is a replay.
    expect(() => checkLeafSignatures({ ...headerFor(honest, leaves), attempt: 2 }, consortium)).toThrow(invalid('site-a'));
  });

  it('refuses a leaf whose fingerprint changed even if the signature were to pass: the sum check sees it (AGGREGATE_FORGED)', () => {
    const check = fixture.codec.sumCheck!.openAggregateCheck(headerFor(honest, leaves), withLeaf(0, { maskedFingerprint: leaves[1]!.maskedFingerprint }));
    honest.forEach((bytes) => check.add(bytes));
    expect(() => check.finish()).toThrow(expect.objectContaining({ code: 'AGGREGATE_FORGED' }));
  });

  it('under the plaintext codec checks signatures only and says so once (log double)', () => {
    const warn = vi.fn();
    const log = { warn } as unknown as Logger;
    const codec = createPlaintextCodec(choosePlaintextParameters({ parameterCount: 10, maxExamples: 100 }));
    expect(openAggregateSumCheck(headerFor(honest, leaves), { consortium, codec, log })).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith({ round: 3 }, 'plaintext codec: leaf signatures checked, but not that the aggregate is their sum (no shared secret)');
    expect(() => openAggregateSumCheck(headerFor(honest, withLeaf(0, { examples: 1 })), { consortium, codec, log })).toThrow(invalid('site-a'));
  });
});
