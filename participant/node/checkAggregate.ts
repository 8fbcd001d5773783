// Step 5's checks before decrypting: the bytes are the ones the header names, and the contributions add up.
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import type { AggregateHeader, CiphertextChunk } from '../../common/wire/protocolTypes.ts';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';

export interface OwnContribution {
  readonly site: string;
  readonly digest: string;
  readonly examples: number;
}

/** Throws unless the chunks hash to the header's digest and every leaf is a known site with its own address. */
export function checkAggregate(header: AggregateHeader, chunks: readonly CiphertextChunk[], consortium: Consortium, own?: OwnContribution): void {
  if (chunks.length !== header.chunkCount || chunks.some((chunk, index) => chunk.index !== index)) {
    throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `the aggregate arrived as ${chunks.length} chunks, not the ${header.chunkCount} its header names, in order`);
  }
  const digest = chunksDigest(chunks.map((chunk) => chunk.data));
  if (digest !== header.aggregateDigest) {
    throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `the aggregate hashes to ${digest}, not to ${header.aggregateDigest} as its header says`);
  }
  for (const leaf of header.contributions) {
    const site = consortium.sites.find((entry) => entry.id === leaf.site);
    if (!site || site.address.toLowerCase() !== leaf.address.toLowerCase()) {
      throw new MedflError('ATTESTATION_INVALID', `contribution leaf for ${leaf.site} (${leaf.address}) is not a consortium site's address`);
    }
  }
  const total = header.contributions.reduce((sum, leaf) => sum + leaf.examples, 0);
  if (total !== header.totalExamples) throw new MedflError('ATTESTATION_INVALID', `the contributions hold ${total} examples but the header says ${header.totalExamples}`);
  if (contributionsRoot(header.contributions) !== header.contributionsRoot) {
    throw new MedflError('ATTESTATION_INVALID', `the contributions do not hash to the header's root ${header.contributionsRoot}`);
  }
  const mine = own && header.contributions.find((leaf) => leaf.site === own.site);
  if (own && (!mine || mine.digest !== own.digest || mine.examples !== own.examples)) {
    throw new MedflError('ATTESTATION_INVALID', `the aggregate does not carry ${own.site}'s update as submitted (digest ${own.digest})`);
  }
}
