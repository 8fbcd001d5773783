// Threshold CKKS as the coordinator sees it: the contributors' c0s and the decryptors' shares are both folded by the
// keyless polynomial sum (crs chunks); the aggregate is opened only by the sites, from the two folds.
import type { CkksParameters } from '../common/he/ckksParameters.ts';
import { openCkksContext } from '../common/he/ckksContext.ts';
import { joinPrime } from '../common/he/coefficientPacking.ts';
import { decodeFingerprint } from '../common/he/fingerprintBytes.ts';
import { createPolynomialSum, type PolynomialSum } from '../common/he/threshold/createPolynomialSum.ts';
import { MedflError } from '../common/MedflError.ts';
import type { Aggregation, EncryptedSum, ShareSum } from './ports.ts';

/** The codec's prime q, read once from a SEAL context opened for it. */
async function primeOf(params: CkksParameters): Promise<bigint> {
  const ckks = await openCkksContext(params);
  try {
    return joinPrime(ckks.prime);
  } finally {
    ckks.dispose();
  }
}

/** The c0 fold behind the round loop's EncryptedSum: the same checks, on crs chunks instead of seeded ciphertexts. */
function updateSum(sum: PolynomialSum, q: bigint): EncryptedSum {
  return {
    codecId: sum.codecId,
    chunkCount: sum.chunkCount,
    get updates() {
      return sum.count;
    },
    validateChunk: (index, bytes) => sum.validateChunk(index, bytes),
    foldUpdate: (chunks) => sum.fold(chunks),
    checkFingerprint: (bytes) => void decodeFingerprint(bytes, q, 'the envelope\'s masked fingerprint', 'UPDATE_INVALID'),
    aggregateChunk: (index) => sum.chunk(index),
    serialize: () => sum.serialize(),
    // Plain JS arrays: nothing to free.
    dispose: () => undefined,
  };
}

function shareSum(sum: PolynomialSum, q: bigint): ShareSum {
  return {
    validateChunk: (index, bytes) => sum.validateChunk(index, bytes),
    checkFingerprint: (bytes) => void decodeFingerprint(bytes, q, 'the share envelope\'s masked fingerprint', 'SHARE_INVALID'),
    fold: (chunks) => sum.fold(chunks),
    serialize: () => sum.serialize(),
  };
}

export function thresholdAggregation(params: CkksParameters): Aggregation {
  const { threshold } = params;
  if (params.encryption !== 'threshold-crs' || threshold === undefined) {
    throw new MedflError('CODEC_MISMATCH', `codec ${params.codecId} is ${params.encryption}, not threshold-crs`);
  }
  let prime: Promise<bigint> | undefined;
  const q = () => (prime ??= primeOf(params));
  return {
    codecId: params.codecId,
    chunkCount: params.chunkCount,
    createSum: async () => updateSum(await createPolynomialSum(params), await q()),
    decryption: {
      threshold,
      createShareSum: async () => shareSum(await createPolynomialSum(params, threshold), await q()),
    },
  };
}
