// medfl's own CKKS update codec (coefficient packing, one prime chosen from the plan, symmetric seeded encryption)
// and its encrypted sum, as the he bench drives them.
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { BENCH_PLAN, type BenchCodec } from './BenchCodec.ts';

export async function medflCodec(parameterCount: number): Promise<BenchCodec> {
  const params = chooseCkksParameters({ parameterCount, ...BENCH_PLAN });
  const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
  const sum = await createEncryptedSum(params);
  return {
    label: `medfl N=${params.polyModulusDegree} q=${params.primeBits}b scale=2^${params.scaleBits} coeff-packed seeded, ${params.primeBits}-bit wire`,
    encrypt: (update, examples) => codec.encryptUpdate(update, examples),
    fold: (chunks) => sum.foldUpdate(chunks),
    decrypt: (total) => codec.decryptAggregate(sum.serialize(), total),
    dispose: () => (sum.dispose(), codec.dispose()),
  };
}
