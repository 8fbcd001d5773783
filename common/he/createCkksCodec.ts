// The key holder's CKKS codec: coefficient-packs an example-weighted update, encrypts it chunk by chunk with the
// consortium's secret key (symmetric, seeded: c1 travels as a 64-byte seed; c0 bit-packed at primeBits per
// coefficient, see wireCiphertext.ts), decrypts the aggregate, and checks it is the sum it claims to be (createSumCheck.ts).
import { openCkksContext } from './ckksContext.ts';
import { VALUE_HEADROOM, type CkksParameters } from './ckksParameters.ts';
import { loadCkksSecretKey } from './ckksSecretKey.ts';
import { assertChunkCount } from './chunkCount.ts';
import { checkTotalExamples, checkUpdate } from './checkUpdate.ts';
import { packCoefficients, unpackCoefficients } from './coefficientPacking.ts';
import { MedflError } from '../MedflError.ts';
import { carrierBatches, nttTransform } from './nttTransform.ts';
import { CARRIER_POLYNOMIALS, ciphertextSeed, nttPlaintext, plaintextPolynomial, polynomialAt } from './sealLayout.ts';
import { readAggregate, type UpdateCodec } from './UpdateCodec.ts';
import { createSumCheck } from './createSumCheck.ts';
import { loadCiphertext } from './validateCiphertext.ts';
import { encodeCiphertext } from './wireCiphertext.ts';

export async function createCkksCodec(params: CkksParameters, secretKey: Uint8Array): Promise<UpdateCodec> {
  if (params.encryption !== 'symmetric-seeded') throw new MedflError('CODEC_MISMATCH', `codec ${params.codecId} is ${params.encryption}: open it with createThresholdCodec, not the single-key codec`);
  const ckks = await openCkksContext(params);
  const { seal, context } = ckks;
  const degree = params.polyModulusDegree;
  let key;
  try {
    key = loadCkksSecretKey(ckks, secretKey);
  } catch (error) {
    ckks.dispose();
    throw error;
  }
  const generator = seal.KeyGenerator(context, key);
  const publicKey = generator.createPublicKey(); // node-seal's Encryptor wants one even for symmetric use
  const encryptor = seal.Encryptor(context, publicKey, key);
  const decryptor = seal.Decryptor(context, key);
  const none = seal.ComprModeType.none;

  /** Encrypts one coefficient-packed chunk, already in NTT form, into its wire bytes. */
  function encryptPolynomial(polynomial: Uint8Array): Uint8Array {
    const plaintext = seal.PlainText();
    try {
      plaintext.loadArray(context, nttPlaintext(ckks.parmsId, degree, ckks.scale, polynomial));
      const serializable = encryptor.encryptSymmetricSerializable(plaintext);
      const sealBytes = serializable.saveArray(none);
      serializable.delete();
      const seed = ciphertextSeed(sealBytes, degree);
      if (!seed) throw new MedflError('INTERNAL', `SEAL produced a ${sealBytes.length}-byte seeded ciphertext with another PRNG than medfl's wire format fixes`);
      return encodeCiphertext(params, 'seeded', polynomialAt(sealBytes, degree, 0), seed);
    } finally {
      plaintext.delete();
    }
  }

  /** Decrypts one aggregate chunk to its plaintext polynomial, still in NTT form. */
  function decryptPolynomial(bytes: Uint8Array, index: number): Uint8Array {
    const ciphertext = loadCiphertext(ckks, `aggregate ciphertext ${index}`, bytes, 'full');
    const plaintext = seal.PlainText();
    try {
      decryptor.decrypt(ciphertext, plaintext);
      return plaintextPolynomial(plaintext.saveArray(none), degree);
    } finally {
      plaintext.delete();
      ciphertext.delete();
    }
  }

  const codec: UpdateCodec = {
    codecId: params.codecId,
    chunkCount: params.chunkCount,
    *encryptUpdate(update, examples) {
      checkUpdate(update, examples, { ...params, maxAbsValue: params.clipNorm * VALUE_HEADROOM });
      // One batch (at most CARRIER_POLYNOMIALS chunks) in memory at a time; ciphertexts still leave one by one.
      for (const batch of carrierBatches(params.chunkCount)) {
        const packed = batch.map((chunk) => packCoefficients(update, chunk * degree, examples * ckks.scale, degree, ckks.prime));
        for (const polynomial of nttTransform(ckks, packed, true)) yield encryptPolynomial(polynomial);
      }
    },
    decryptAggregate(chunks, totalExamples) {
      return readAggregate(codec.openAggregate(totalExamples), chunks);
    },
    openAggregate(totalExamples) {
      checkTotalExamples(totalExamples, params.maxSites * params.maxExamples);
      const mean = new Float64Array(params.parameterCount);
      let received = 0;
      // Decrypted polynomials (NTT form) of the current carrier batch: chunks [received - pending.length, received).
      let pending: Uint8Array[] = [];
      const flush = () => {
        const first = received - pending.length;
        nttTransform(ckks, pending, false).forEach((coefficients, i) => {
          const start = (first + i) * degree;
          unpackCoefficients(coefficients, ckks.prime, ckks.scale * totalExamples, mean, start, Math.min(degree, mean.length - start));
        });
        pending = [];
      };
      return {
        add(bytes) {
          if (received === params.chunkCount) assertChunkCount('the aggregate', received + 1, params.chunkCount);
          pending.push(decryptPolynomial(bytes, received));
          received += 1;
          if (pending.length === CARRIER_POLYNOMIALS || received === params.chunkCount) flush();
        },
        finish() {
          assertChunkCount('the aggregate', received, params.chunkCount);
          return Float32Array.from(mean);
        },
      };
    },
    sumCheck: createSumCheck(ckks, secretKey),
    dispose() {
      for (const object of [decryptor, encryptor, publicKey, generator, key]) object.delete();
      ckks.dispose();
    },
  };
  return codec;
}
