import { describe, expect, it } from 'vitest';
import type { Consortium } from '../../../common/kit/Consortium.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../../common/wire/contributionsRoot.ts';
import type { AggregateHeader } from '../../../common/wire/protocolTypes.ts';
import { checkAggregateBytes, checkAggregateHeader, checkLeafExamples, checkReceiptHonoured } from '../../../participant/node/checkAggregate.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const address = (n: number) => `0x${String(n).padStart(40, '0')}`;
const consortium = { sites: [{ id: 'site-a', address: address(1) }, { id: 'site-b', address: address(2) }] } as unknown as Consortium;
const chunks = [{ index: 0, data: new Uint8Array([1, 2]) }, { index: 1, data: new Uint8Array([3]) }];
// Signatures and fingerprints are checkAggregateSum's to verify; these checks read the Merkle leaf fields only.
const signed = { maskedFingerprint: new Uint8Array(32), envelopeSignature: new Uint8Array(64) };
const leaves = [
  { site: 'site-a', address: address(1), examples: 4, digest: `0x${'a'.repeat(64)}` as const, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, ...signed },
  { site: 'site-b', address: address(2), examples: 6, digest: `0x${'b'.repeat(64)}` as const, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, ...signed },
];
const header: AggregateHeader = {
  runId: 'r', round: 1, attempt: 0, codecId: 'c', aggregateDigest: chunksDigest(chunks.map((c) => c.data)), contributions: leaves,
  totalExamples: 10, contributionsRoot: contributionsRoot(leaves), chunkCount: 2, prevModelHash: `0x${'0'.repeat(64)}`, decryptors: [], setHash: '', decryptionShares: [],
};

describe('checkLeafExamples', () => {
  it("accepts leaves at or under the plan's cap and refuses one over it with EXAMPLES_OVER_CAP, naming site, claim and cap", () => {
    expect(() => checkLeafExamples(header, 6)).not.toThrow();
    expect(() => checkLeafExamples(header, 5)).toThrow(expect.objectContaining({
      code: 'EXAMPLES_OVER_CAP', message: "the aggregate's leaf for site-b claims 6 examples; the plan caps a site at 5", details: { site: 'site-b', examples: 6, cap: 5 },
    }));
  });
});

describe('checkAggregateHeader', () => {
  it('accepts a header whose leaves and root agree, carrying this site\'s update', () => {
    expect(() => checkAggregateHeader(header, consortium, { site: 'site-a', digest: leaves[0]!.digest, examples: 4 })).not.toThrow();
  });

  it('refuses a site listed twice, whose one signed update would then count twice', () => {
    const twice = [...leaves, leaves[1]!];
    const doubled = { ...header, contributions: twice, totalExamples: 16, contributionsRoot: contributionsRoot(twice) };
    expect(() => checkAggregateHeader(doubled, consortium)).toThrow(expect.objectContaining({ code: 'ATTESTATION_INVALID', message: 'the contributions list site-b more than once' }));
  });

  it('refuses a foreign address, a wrong total, a wrong root or a dropped update', () => {
    const foreign = { ...header, contributions: [{ ...leaves[0]!, address: address(9) }, leaves[1]!] };
    expect(() => checkAggregateHeader(foreign, consortium)).toThrow(`contribution leaf for site-a (${address(9)}) is not a consortium site's address`);
    expect(() => checkAggregateHeader({ ...header, totalExamples: 11 }, consortium)).toThrow('the contributions hold 10 examples but the header says 11');
    expect(() => checkAggregateHeader({ ...header, contributionsRoot: `0x${'f'.repeat(64)}` }, consortium)).toThrow(/do not hash to the header's root/);
    expect(() => checkAggregateHeader(header, consortium, { site: 'site-a', digest: `0x${'e'.repeat(64)}`, examples: 4 })).toThrow(
      /does not carry site-a's update as submitted/,
    );
  });
});

describe('checkAggregateBytes', () => {
  it('accepts the header\'s chunk count and digest, and refuses altered bytes or a missing chunk', () => {
    expect(() => checkAggregateBytes(header, 2, chunksDigest(chunks.map((c) => c.data)))).not.toThrow();
    const altered = chunksDigest([chunks[0]!.data, new Uint8Array([4])]);
    expect(() => checkAggregateBytes(header, 2, altered)).toThrow(/^the aggregate hashes to 0x[0-9a-f]{64}, not to/);
    expect(() => checkAggregateBytes(header, 1, chunksDigest([chunks[0]!.data]))).toThrow(
      expect.objectContaining({ code: 'AGGREGATE_DIGEST_MISMATCH', message: 'the aggregate arrived as 1 chunks, not the 2 its header names' }),
    );
  });
});

describe('checkReceiptHonoured', () => {
  const receipt = { runId: '1', round: 1, attempt: 0, site: address(1), digest: leaves[0]!.digest, signature: `0x${'5'.repeat(130)}` };
  const omitted = (digest: string, examples: number) =>
    `the aggregate of round 1 attempt 0 leaves out site-a's update ${digest} (${examples} examples), although the coordinator signed a receipt for it; ` +
    'keep receipts/round-1-attempt-0.json as evidence';

  it('accepts a header carrying the receipted update with its digest and example count', () => {
    expect(() => checkReceiptHonoured(header, 'site-a', { receipt, examples: 4 })).not.toThrow();
  });

  it('refuses as UPDATE_OMITTED a header without the acknowledged leaf, with another digest in it, or another example count', () => {
    const withoutA = { ...header, contributions: [leaves[1]!], totalExamples: 6, contributionsRoot: contributionsRoot([leaves[1]!]) };
    expect(() => checkReceiptHonoured(withoutA, 'site-a', { receipt, examples: 4 })).toThrow(expect.objectContaining({ code: 'UPDATE_OMITTED', message: omitted(receipt.digest, 4) }));
    const other = `0x${'e'.repeat(64)}` as const;
    expect(() => checkReceiptHonoured(header, 'site-a', { receipt: { ...receipt, digest: other }, examples: 4 })).toThrow(
      expect.objectContaining({ code: 'UPDATE_OMITTED', message: omitted(other, 4) }),
    );
    expect(() => checkReceiptHonoured(header, 'site-a', { receipt, examples: 5 })).toThrow(expect.objectContaining({ code: 'UPDATE_OMITTED', message: omitted(receipt.digest, 5) }));
  });
});
