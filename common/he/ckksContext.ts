// The SEAL objects both sides of the codec build from CkksParameters: context, evaluator, the first level's parms_id
// bytes and the prime. Holds no key; `dispose()` frees the wasm memory.
import { MedflError } from '../MedflError.ts';
import type { CkksParameters } from './ckksParameters.ts';
import { assertCkksParameters } from './ckksParameters.ts';
import { splitPrime, type Prime } from './coefficientPacking.ts';
import { loadSeal, type Context, type Evaluator, type SEALLibrary } from './loadSeal.ts';

export interface CkksContext {
  readonly seal: SEALLibrary;
  readonly params: CkksParameters;
  readonly context: Context;
  readonly evaluator: Evaluator;
  readonly parmsId: Uint8Array;
  readonly prime: Prime;
  readonly scale: number;
  dispose(): void;
}

function buildContext(seal: SEALLibrary, params: CkksParameters): Context {
  const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
  const moduli = seal.CoeffModulus.Create(params.polyModulusDegree, Int32Array.from([params.primeBits]));
  try {
    parms.setPolyModulusDegree(params.polyModulusDegree);
    parms.setCoeffModulus(moduli);
    const context = seal.Context(parms, true, seal.SecurityLevel.tc128);
    if (!context.parametersSet()) {
      context.delete();
      throw new MedflError('CODEC_PARAMETERS', `SEAL refuses N=${params.polyModulusDegree} with a ${params.primeBits}-bit prime at 128-bit security`);
    }
    return context;
  } finally {
    moduli.delete();
    parms.delete();
  }
}

export async function openCkksContext(params: CkksParameters): Promise<CkksContext> {
  assertCkksParameters(params);
  const seal = await loadSeal();
  const context = buildContext(seal, params);
  const first = context.firstContextData;
  const firstParms = first.parms;
  const parmsIdHandle = context.firstParmsId;
  const prime = firstParms.coeffModulus[0] ?? 0n;
  const words = parmsIdHandle.values;
  const parmsId = new Uint8Array(words.buffer, words.byteOffset, words.byteLength).slice();
  parmsIdHandle.delete();
  firstParms.delete();
  first.delete();
  const evaluator = seal.Evaluator(context);
  return {
    seal, params, context, evaluator, parmsId, prime: splitPrime(prime), scale: 2 ** params.scaleBits,
    dispose() {
      evaluator.delete();
      context.delete();
    },
  };
}
