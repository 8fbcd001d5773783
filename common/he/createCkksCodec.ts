// The key holder's CKKS codec: coefficient-packs an example-weighted update, encrypts it chunk by chunk with the
// consortium's secret key (symmetric, seeded: c1 travels as a 64-byte seed; c0 bit-packed at primeBits per
// coefficient, see wireCiphertext.ts), and decrypts the aggregate.
import type { CipherText } from './loadSeal.ts';
import { openCkksContext, type CkksContext } from './ckksContext.ts';
import { valueHeadroom, type CkksParameters } from './ckksParameters.ts';
import { loadCkksSecretKey } from './ckksSecretKey.ts';
import { assertChunkCount } from './chunkCount.ts';
import { checkTotalExamples, checkUpdate } from './checkUpdate.ts';
import { packCoefficients, unpackCoefficients } from './coefficientPacking.ts';
import { MedflError } from '../MedflError.ts';
import { ciphertextSeed, firstPolynomial, nttPlaintext, plaintextPolynomial, polynomialCiphertext } from './sealLayout.ts';
import type { UpdateCodec } from './UpdateCodec.ts';
import { loadCiphertext } from './validateCiphertext.ts';
import { encodeCiphertext } from './wireCiphertext.ts';

/** SEAL has no public coefficient-form CKKS plaintext, so the NTT runs on c0 of a crafted ciphertext. */
function transformed(ckks: CkksContext, polynomial: Uint8Array, toNtt: boolean): Uint8Array {
  const { seal, context, evaluator, parmsId, scale, params } = ckks;
  const carrier: CipherText = seal.CipherText();
  try {
    carrier.loadArray(context, polynomialCiphertext(parmsId, params.polyModulusDegree, scale, !toNtt, polynomial));
    if (toNtt) evaluator.cipherTransformToNtt(carrier, carrier);
    else evaluator.cipherTransformFromNtt(carrier, carrier);
    return firstPolynomial(carrier.saveArray(seal.ComprModeType.none), params.polyModulusDegree);
  } finally {
    carrier.delete();
  }
}

export async function createCkksCodec(params: CkksParameters, secretKey: Uint8Array): Promise<UpdateCodec> {
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

  function encryptChunk(update: Float32Array, chunk: number, examples: number): Uint8Array {
    const coefficients = packCoefficients(update, chunk * degree, examples * ckks.scale, degree, ckks.prime);
    const plaintext = seal.PlainText();
    try {
      plaintext.loadArray(context, nttPlaintext(ckks.parmsId, degree, ckks.scale, transformed(ckks, coefficients, true)));
      const serializable = encryptor.encryptSymmetricSerializable(plaintext);
      const sealBytes = serializable.saveArray(none);
      serializable.delete();
      const seed = ciphertextSeed(sealBytes, degree);
      if (!seed) throw new MedflError('INTERNAL', `SEAL produced a ${sealBytes.length}-byte seeded ciphertext with another PRNG than medfl's wire format fixes`);
      return encodeCiphertext(params, 'seeded', firstPolynomial(sealBytes, degree), seed);
    } finally {
      plaintext.delete();
    }
  }

  function decryptChunk(bytes: Uint8Array, index: number, divisor: number, out: Float64Array): void {
    const ciphertext = loadCiphertext(ckks, `aggregate ciphertext ${index}`, bytes, 'full');
    const plaintext = seal.PlainText();
    try {
      decryptor.decrypt(ciphertext, plaintext);
      const coefficients = transformed(ckks, plaintextPolynomial(plaintext.saveArray(none), degree), false);
      const start = index * degree;
      unpackCoefficients(coefficients, ckks.prime, divisor, out, start, Math.min(degree, out.length - start));
    } finally {
      plaintext.delete();
      ciphertext.delete();
    }
  }

  return {
    codecId: params.codecId,
    chunkCount: params.chunkCount,
    *encryptUpdate(update, examples) {
      checkUpdate(update, examples, { ...params, maxAbsValue: params.clipNorm * valueHeadroom(params.dpNoiseMultiplier) });
      for (let chunk = 0; chunk < params.chunkCount; chunk++) yield encryptChunk(update, chunk, examples);
    },
    decryptAggregate(chunks, totalExamples) {
      assertChunkCount('the aggregate', chunks.length, params.chunkCount);
      checkTotalExamples(totalExamples, params.maxSites * params.maxExamples);
      const mean = new Float64Array(params.parameterCount);
      chunks.forEach((bytes, index) => decryptChunk(bytes, index, ckks.scale * totalExamples, mean));
      return Float32Array.from(mean);
    },
    dispose() {
      for (const object of [decryptor, encryptor, publicKey, generator, key]) object.delete();
      ckks.dispose();
    },
  };
}
