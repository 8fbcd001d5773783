import { describe, expect, it } from 'vitest';
import type { Consortium } from '../../../common/kit/Consortium.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../../common/wire/contributionsRoot.ts';
import type { AggregateHeader } from '../../../common/wire/protocolTypes.ts';
import { checkAggregate } from '../../../participant/node/checkAggregate.ts';

const address = (n: number) => `0x${String(n).padStart(40, '0')}`;
const consortium = { sites: [{ id: 'site-a', address: address(1) }, { id: 'site-b', address: address(2) }] } as unknown as Consortium;
const chunks = [{ index: 0, data: new Uint8Array([1, 2]) }, { index: 1, data: new Uint8Array([3]) }];
const leaves = [
  { site: 'site-a', address: address(1), examples: 4, digest: `0x${'a'.repeat(64)}` as const },
  { site: 'site-b', address: address(2), examples: 6, digest: `0x${'b'.repeat(64)}` as const },
];
const header: AggregateHeader = {
  runId: 'r', round: 1, attempt: 0, codecId: 'c', aggregateDigest: chunksDigest(chunks.map((c) => c.data)), contributions: leaves,
  totalExamples: 10, contributionsRoot: contributionsRoot(leaves), chunkCount: 2, prevModelHash: `0x${'0'.repeat(64)}`,
};

describe('checkAggregate', () => {
  it('accepts an aggregate whose bytes, leaves and root agree, carrying this site\'s update', () => {
    expect(() => checkAggregate(header, chunks, consortium, { site: 'site-a', digest: leaves[0]!.digest, examples: 4 })).not.toThrow();
  });

  it('refuses altered bytes, a missing chunk, a foreign address, a wrong total, a wrong root or a dropped update', () => {
    const altered = [chunks[0]!, { index: 1, data: new Uint8Array([4]) }];
    expect(() => checkAggregate(header, altered, consortium)).toThrow(/^the aggregate hashes to 0x[0-9a-f]{64}, not to/);
    expect(() => checkAggregate(header, chunks.slice(0, 1), consortium)).toThrow(expect.objectContaining({ code: 'AGGREGATE_DIGEST_MISMATCH' }));
    const foreign = { ...header, contributions: [{ ...leaves[0]!, address: address(9) }, leaves[1]!] };
    expect(() => checkAggregate(foreign, chunks, consortium)).toThrow(`contribution leaf for site-a (${address(9)}) is not a consortium site's address`);
    expect(() => checkAggregate({ ...header, totalExamples: 11 }, chunks, consortium)).toThrow('the contributions hold 10 examples but the header says 11');
    expect(() => checkAggregate({ ...header, contributionsRoot: `0x${'f'.repeat(64)}` }, chunks, consortium)).toThrow(/do not hash to the header's root/);
    expect(() => checkAggregate(header, chunks, consortium, { site: 'site-a', digest: `0x${'e'.repeat(64)}`, examples: 4 })).toThrow(
      /does not carry site-a's update as submitted/,
    );
  });
});
