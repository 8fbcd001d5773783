// Step 5's checks on the aggregate: its header before any chunk is read (the contributions add up to known sites,
// including ours as submitted and any update the coordinator signed a receipt for), then the streamed bytes against
// the header's digest.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateHeader } from '../../common/wire/protocolTypes.ts';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';
import type { HeldReceipt } from './SiteState.ts';

export interface OwnContribution {
  readonly site: string;
  readonly digest: string;
  readonly examples: number;
}

/** Throws unless every leaf is a known site (once) with its own address, the totals and root agree, and ours is there. */
export function checkAggregateHeader(header: AggregateHeader, consortium: Consortium, own?: OwnContribution): void {
  const seen = new Set<string>();
  for (const leaf of header.contributions) {
    // Listed twice, one signed update would count twice in the sum and in the sum check alike.
    if (seen.has(leaf.site)) throw new MedflError('ATTESTATION_INVALID', `the contributions list ${leaf.site} more than once`);
    seen.add(leaf.site);
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

/**
 * Throws unless every leaf claims at most the plan's per-site cap: a larger weight takes more than a site's share of
 * the mean, and the codec's prime has room for no more (the sum would wrap).
 */
export function checkLeafExamples(header: AggregateHeader, exampleCap: number): void {
  for (const leaf of header.contributions) {
    if (leaf.examples > exampleCap) {
      throw new MedflError('EXAMPLES_OVER_CAP', `the aggregate's leaf for ${leaf.site} claims ${leaf.examples} examples; the plan caps a site at ${exampleCap}`, {
        details: { site: leaf.site, examples: leaf.examples, cap: exampleCap },
      });
    }
  }
}

/** Throws UPDATE_OMITTED unless `site`'s leaf carries the receipted update: its digest and its example count. */
export function checkReceiptHonoured(header: AggregateHeader, site: string, { receipt, examples }: HeldReceipt): void {
  const leaf = header.contributions.find((entry) => entry.site === site);
  if (leaf?.digest === receipt.digest && leaf.examples === examples) return;
  throw new MedflError(
    'UPDATE_OMITTED',
    `the aggregate of round ${header.round} attempt ${header.attempt} leaves out ${site}'s update ${receipt.digest} (${examples} examples), ` +
      `although the coordinator signed a receipt for it; keep receipts/round-${receipt.round}-attempt-${receipt.attempt}.json as evidence`,
  );
}

/** Throws unless exactly the header's number of chunks arrived and they hash (ChunksDigest) to its digest. */
export function checkAggregateBytes(header: AggregateHeader, chunkCount: number, digest: Hash32): void {
  if (chunkCount !== header.chunkCount) {
    throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `the aggregate arrived as ${chunkCount} chunks, not the ${header.chunkCount} its header names`);
  }
  if (digest !== header.aggregateDigest) {
    throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `the aggregate hashes to ${digest}, not to ${header.aggregateDigest} as its header says`);
  }
}
