// The consortium's CKKS secret key as bytes: generated once, loaded by each key holder with a size check first
// (SEAL aborts on short buffers), and never given to the coordinator.
import type { SecretKey } from './loadSeal.ts';
import { MedflError } from '../MedflError.ts';
import type { CkksContext } from './ckksContext.ts';
import { openCkksContext } from './ckksContext.ts';
import type { CkksParameters } from './ckksParameters.ts';
import { dynArrayPrefix, readSealHeader, SEAL_MAGIC } from './sealLayout.ts';

/** A secret key is one NTT-form plaintext: SEAL header, parms_id, count, scale, the N-word array. */
const secretKeyBytes = (degree: number) => 64 + dynArrayPrefix(0).length + 8 * degree;

export async function generateCkksSecretKey(params: CkksParameters): Promise<Uint8Array> {
  const ckks = await openCkksContext(params);
  const generator = ckks.seal.KeyGenerator(ckks.context);
  const key = generator.secretKey();
  try {
    return key.saveArray(ckks.seal.ComprModeType.none);
  } finally {
    key.delete();
    generator.delete();
    ckks.dispose();
  }
}

export function loadCkksSecretKey(ckks: CkksContext, bytes: Uint8Array): SecretKey {
  const n = ckks.params.polyModulusDegree;
  const expected = secretKeyBytes(n);
  const header = bytes.length >= 16 ? readSealHeader(bytes) : undefined;
  const prefix = dynArrayPrefix(n);
  const prefixOk = prefix.every((byte, i) => bytes[64 + i] === byte);
  if (bytes.length !== expected || header?.magic !== SEAL_MAGIC || header.size !== expected || !prefixOk) {
    throw new MedflError('KEY_INVALID', `the CKKS secret key is ${bytes.length} bytes but not a SEAL key for N=${n} (expected ${expected} bytes)`);
  }
  const key = ckks.seal.SecretKey();
  try {
    key.loadArray(ckks.context, bytes);
  } catch (cause) {
    key.delete();
    throw new MedflError('KEY_INVALID', `the CKKS secret key does not belong to codec ${ckks.params.codecId}`, { cause });
  }
  return key;
}
