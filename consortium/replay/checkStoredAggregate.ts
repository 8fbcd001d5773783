// A replay's check of a round's stored aggregate: its header against the chain, every listed update against the
// envelope its site signed, and the aggregate's chunks against the fold of those updates, so an altered chunk is named.
import type { CkksParameters } from '../../common/he/ckksParameters.ts';
import { createPolynomialSum } from '../../common/he/threshold/createPolynomialSum.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';
import type { RoundRecord } from '../../contracts/readRound.ts';
import { checkLeafSignatures } from '../../participant/node/checkAggregateSum.ts';
import { changedChunk } from './changedChunk.ts';
import type { StoredAttempt } from './storedAttempt.ts';

/** AGGREGATE_DIGEST_MISMATCH or ATTESTATION_INVALID when the stored header is not the one the chain committed. */
function checkHeaderAgainstChain({ header }: StoredAttempt, chain: RoundRecord): void {
  const { round } = chain;
  if (header.aggregateDigest !== chain.aggregateDigest) {
    throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `the stored header of round ${round} names aggregate digest ${header.aggregateDigest}; the chain committed ${chain.aggregateDigest}`);
  }
  const root = contributionsRoot(header.contributions);
  if (root !== chain.contributionsRoot || header.totalExamples !== chain.totalExamples) {
    throw new MedflError('ATTESTATION_INVALID', `the stored contributions of round ${round} (root ${root}, ${header.totalExamples} examples) are not those the chain committed (root ${chain.contributionsRoot}, ${chain.totalExamples} examples)`);
  }
}

/** The signed updates' chunks, each checked against its leaf's digest; UPDATE_INVALID naming an altered one. */
function signedUpdates(stored: StoredAttempt): Uint8Array[][] {
  const { header } = stored;
  return header.contributions.map((leaf) => {
    const update = stored.updates.find((entry) => entry.envelope.site === leaf.site);
    const digest = update && chunksDigest(update.chunks);
    if (!update || update.chunks.length !== header.chunkCount || digest !== leaf.digest) {
      throw new MedflError('UPDATE_INVALID', `the stored update of ${leaf.site} in round ${header.round} is altered or lost: its chunks hash to ${digest ?? 'nothing'}, not to the digest ${leaf.digest} ${leaf.site} signed`, {
        details: { site: leaf.site },
      });
    }
    return [...update.chunks];
  });
}

/** Throws, naming the first thing altered, unless the stored aggregate is the committed fold of the signed updates. */
export async function checkStoredAggregate(stored: StoredAttempt, chain: RoundRecord, consortium: Consortium, params: CkksParameters): Promise<void> {
  checkHeaderAgainstChain(stored, chain);
  checkLeafSignatures(stored.header, consortium);
  const sum = await createPolynomialSum(params);
  for (const chunks of signedUpdates(stored)) sum.fold(chunks);
  const expected = sum.serialize();
  const chunk = changedChunk(stored.aggregateChunks, expected);
  if (chunk !== undefined) {
    throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `stored aggregate chunk ${chunk} of round ${chain.round} is altered: it is not the fold of the signed updates (the stored chunks hash to ${chunksDigest(stored.aggregateChunks)}, the chain committed ${chain.aggregateDigest})`, {
      details: { chunk },
    });
  }
  if (chunksDigest(expected) !== chain.aggregateDigest) {
    throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `the signed updates of round ${chain.round} fold to digest ${chunksDigest(expected)}, not to the ${chain.aggregateDigest} the chain committed`);
  }
}
