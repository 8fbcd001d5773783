// A replay's check of a round's stored decryption shares: each decryptor's leaf signed by it, each stored share the
// bytes it signed, and the stored fold the sum of those shares, so an altered share or fold chunk is named.
import type { CkksParameters } from '../../common/he/ckksParameters.ts';
import { createPolynomialSum } from '../../common/he/threshold/createPolynomialSum.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { checkShareLeaves } from '../../participant/threshold/thresholdOpening.ts';
import { changedChunk } from './changedChunk.ts';
import type { StoredAttempt } from './storedAttempt.ts';

/** Throws SHARE_INVALID naming the first decryptor whose stored share, or the first fold chunk, is not what was signed. */
export async function checkStoredShares(stored: StoredAttempt, consortium: Consortium, params: CkksParameters): Promise<void> {
  const { header } = stored;
  checkShareLeaves(header, consortium);
  const sum = await createPolynomialSum(params, params.threshold);
  for (const leaf of header.decryptionShares) {
    const share = stored.shares.find((entry) => entry.envelope.site === leaf.site);
    const digest = share && chunksDigest(share.chunks);
    if (!share || share.chunks.length !== header.chunkCount || digest !== leaf.digest) {
      throw new MedflError('SHARE_INVALID', `the stored decryption share from ${leaf.site} in round ${header.round} is altered or lost: its chunks hash to ${digest ?? 'nothing'}, not to the digest ${leaf.digest} ${leaf.site} signed`, {
        details: { site: leaf.site },
      });
    }
    sum.fold(share.chunks);
  }
  const chunk = changedChunk(stored.shareSumChunks, sum.serialize());
  if (chunk !== undefined) {
    throw new MedflError('SHARE_INVALID', `stored decryption-share sum chunk ${chunk} of round ${header.round} is altered: it is not the fold of the signed shares`, { details: { chunk } });
  }
}
