// A site's threshold CKKS codec: encrypts its update under its own secret s_i against the attempt's common random
// polynomials (only c0 = pt + e − a·s_i travels), gives a decryption share from its Shamir share of Σ_U s_i, and opens
// the aggregate from the coordinator's two folds. No party ever holds the whole key (issue 15; the scheme follows
// Mouchet et al., "Multiparty homomorphic encryption from ring-learning-with-errors", PETS 2021, with Shamir shares
// as in Boneh et al., "Threshold cryptosystems from threshold fully homomorphic encryption", CRYPTO 2018).
import { MedflError } from '../../MedflError.ts';
import { openCkksContext, type CkksContext } from '../ckksContext.ts';
import { VALUE_HEADROOM, type CkksParameters } from '../ckksParameters.ts';
import { checkUpdate } from '../checkUpdate.ts';
import { joinPrime, packCoefficients } from '../coefficientPacking.ts';
import { carrierBatches, nttTransform } from '../nttTransform.ts';
import { loadCkksSecretKey } from '../ckksSecretKey.ts';
import { fullCiphertext, nttPlaintext, plaintextPolynomial } from '../sealLayout.ts';
import type { CheckedAttempt } from '../sumCheckKey.ts';
import { encodeCiphertext } from '../wireCiphertext.ts';
import type { SEALLibrary, SecretKey } from '../loadSeal.ts';
import { crsPolynomial } from './crsPolynomial.ts';
import { deriveSiteSecret, residueKeyBytes } from './deriveSiteSecret.ts';
import { maskPolynomial } from './maskPolynomial.ts';
import { addInto, bytesOf, wordsOf } from './modularPolynomials.ts';
import { openThresholdAggregate, type OpenRequest } from './openThresholdAggregate.ts';
import { lagrangeAtZero, scaleShare, shareSecret } from './shamir.ts';
import { smudgingPolynomial } from './smudgingPolynomial.ts';
import { checkSession, maskerOf, sessionInfo, type ThresholdSession } from './thresholdSession.ts';

export interface ShareRequest {
  readonly session: ThresholdSession;
  /** This site's Shamir point; it must be one of session.decryptors. */
  readonly point: number;
  /** Σ_{i∈U} [s_i]_point: the sum of the key shares this site received from the contributors (itself included). */
  readonly keyShareSum: BigUint64Array;
  /** The sites-only secret the masker's share is masked with. */
  readonly maskKey: Uint8Array;
}

export interface ThresholdCodec {
  readonly codecId: string;
  readonly chunkCount: number;
  /** q: the modulus key shares are summed in (shamir.ts addShares). */
  readonly prime: bigint;
  /** This site's Shamir shares of its own secret for each point (setup: share `points[j]` goes to that site alone). */
  shareKey(points: readonly number[]): BigUint64Array[];
  /**
   * Wire chunks (kind crs) of c0 = pt + e − a_k·s_i for `update · examples`, one at a time. a_k is the same for every
   * encryption in one attempt, so the caller must never upload two different encryptions for one attempt: their
   * difference is the difference of the plaintexts. A retry resends the bytes it sent first.
   */
  encryptUpdate(update: Float32Array, examples: number, attempt: CheckedAttempt): Iterable<Uint8Array>;
  /**
   * Wire chunks (kind crs) of λ·Σ_U[s_i]·a_k + E_k (+ M_k for the masker); the same request gives the same bytes.
   * The caller answers at most one (U, T) per attempt, durably, and refuses a U smaller than the plan allows: the
   * aggregate of a lone contributor is its update, and shares for two contributor sets of one attempt let the
   * coordinator combine them (for the same T, all but the masker's share difference come unmasked).
   */
  decryptionShare(request: ShareRequest): Iterable<Uint8Array>;
  /** The example-weighted mean update from the folded c0s and the folded shares. */
  openAggregate(request: OpenRequest): Float32Array;
  dispose(): void;
}

type Decryptor = ReturnType<SEALLibrary['Decryptor']>;

function withSealObjects<T>(objects: { delete(): void }[], body: () => T): T {
  try {
    return body();
  } finally {
    for (const object of objects) object.delete();
  }
}

/** c0 + c1·s of the carrier (c0, c1) under `decryptor`'s key: SEAL's dot product does the ring multiplication. */
function decryptCarrier(ckks: CkksContext, decryptor: Decryptor, c0: Uint8Array, c1: Uint8Array): Uint8Array {
  const { seal, context, parmsId, scale, params } = ckks;
  const carrier = seal.CipherText();
  const plaintext = seal.PlainText();
  return withSealObjects([carrier, plaintext], () => {
    carrier.loadArray(context, fullCiphertext(parmsId, params.polyModulusDegree, scale, true, c0, c1));
    decryptor.decrypt(carrier, plaintext);
    return plaintextPolynomial(plaintext.saveArray(seal.ComprModeType.none), params.polyModulusDegree).slice();
  });
}

function checkKeyShareSum(ckks: CkksContext, share: BigUint64Array): void {
  const q = joinPrime(ckks.prime);
  if (share.length !== ckks.params.polyModulusDegree || share.some((value) => value >= q)) {
    throw new MedflError('KEY_INVALID', `a key-share sum is ${ckks.params.polyModulusDegree} residues below the prime; got ${share.length} values${share.length === ckks.params.polyModulusDegree ? ', some at or above it' : ''}`);
  }
}

export async function createThresholdCodec(params: CkksParameters, siteSeed: Uint8Array): Promise<ThresholdCodec> {
  if (params.encryption !== 'threshold-crs' || params.threshold === undefined || params.smudgingSigma === undefined) {
    throw new MedflError('CODEC_MISMATCH', `codec ${params.codecId} is ${params.encryption}, not threshold-crs: open it with createCkksCodec`);
  }
  const { threshold, smudgingSigma } = params;
  const ckks = await openCkksContext(params);
  const { seal, context } = ckks;
  const degree = params.polyModulusDegree;
  const q = joinPrime(ckks.prime);
  let secret;
  let key: SecretKey;
  try {
    secret = deriveSiteSecret(ckks, siteSeed);
    key = loadCkksSecretKey(ckks, secret.keyBytes);
    secret.keyBytes.fill(0);
  } catch (error) {
    ckks.dispose();
    throw error;
  }
  const { residues } = secret;
  const generator = seal.KeyGenerator(context, key);
  const publicKey = generator.createPublicKey(); // node-seal's Encryptor wants one even for symmetric use
  const encryptor = seal.Encryptor(context, publicKey, key);
  const decryptor = seal.Decryptor(context, key);

  /** pt + e − a·s_i: SEAL's fresh (pt − a'·s_i + e, a'), minus the carrier (0, a), decrypted under s_i. */
  function encryptPolynomial(polynomial: Uint8Array, crs: Uint8Array): Uint8Array {
    const plaintext = seal.PlainText();
    const ciphertext = seal.CipherText();
    const common = seal.CipherText();
    return withSealObjects([plaintext, ciphertext, common], () => {
      plaintext.loadArray(context, nttPlaintext(ckks.parmsId, degree, ckks.scale, polynomial));
      encryptor.encryptSymmetric(plaintext, ciphertext);
      common.loadArray(context, fullCiphertext(ckks.parmsId, degree, ckks.scale, true, new Uint8Array(8 * degree), crs));
      ckks.evaluator.sub(ciphertext, common, ciphertext);
      decryptor.decrypt(ciphertext, plaintext);
      return encodeCiphertext(params, 'crs', plaintextPolynomial(plaintext.saveArray(seal.ComprModeType.none), degree));
    });
  }

  function* decryptionShare({ session, point, keyShareSum, maskKey }: ShareRequest): Generator<Uint8Array> {
    checkSession(params, session);
    const index = session.decryptors.indexOf(point);
    if (index < 0) throw new MedflError('CODEC_PARAMETERS', `site point ${point} is not among the decryptors [${session.decryptors.join(', ')}]`);
    checkKeyShareSum(ckks, keyShareSum);
    const lambda = lagrangeAtZero(session.decryptors, q)[index] ?? 0n;
    const shareKey = loadCkksSecretKey(ckks, residueKeyBytes(ckks, scaleShare(keyShareSum, lambda, q)));
    const shareDecryptor = seal.Decryptor(context, shareKey);
    const masker = maskerOf(session) === point;
    try {
      for (const batch of carrierBatches(params.chunkCount)) {
        const infos = batch.map((chunk) => sessionInfo(params.codecId, session, chunk));
        const noise = nttTransform(ckks, infos.map((info) => smudgingPolynomial(siteSeed, info, degree, smudgingSigma, ckks.prime)), true);
        for (const [i, chunk] of batch.entries()) {
          const c0 = wordsOf(noise[i]!);
          if (masker) addInto(c0, wordsOf(maskPolynomial(maskKey, infos[i]!, degree, params.primeBits, ckks.prime)), ckks.prime);
          const share = decryptCarrier(ckks, shareDecryptor, bytesOf(c0), crsPolynomial(ckks, session.attempt, chunk));
          yield encodeCiphertext(params, 'crs', share);
        }
      }
    } finally {
      shareDecryptor.delete();
      shareKey.delete();
    }
  }

  return {
    codecId: params.codecId,
    chunkCount: params.chunkCount,
    prime: q,
    shareKey: (points) => shareSecret(residues, q, threshold, points),
    *encryptUpdate(update, examples, attempt) {
      checkUpdate(update, examples, { ...params, maxAbsValue: params.clipNorm * VALUE_HEADROOM });
      for (const batch of carrierBatches(params.chunkCount)) {
        const packed = batch.map((chunk) => packCoefficients(update, chunk * degree, examples * ckks.scale, degree, ckks.prime));
        const transformed = nttTransform(ckks, packed, true);
        for (const [i, chunk] of batch.entries()) yield encryptPolynomial(transformed[i]!, crsPolynomial(ckks, attempt, chunk));
      }
    },
    decryptionShare,
    openAggregate: (request) => openThresholdAggregate(ckks, request),
    dispose() {
      residues.fill(0n);
      for (const object of [decryptor, encryptor, publicKey, generator, key]) object.delete();
      ckks.dispose();
    },
  };
}
