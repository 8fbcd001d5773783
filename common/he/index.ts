// The HE codec's public surface: parameters, key handling, the key holder's codec and the coordinator's sum.
export { chooseCkksParameters, type CkksParameterInput, type CkksParameters } from './ckksParameters.ts';
export { generateCkksSecretKey } from './ckksSecretKey.ts';
export { createCkksCodec } from './createCkksCodec.ts';
export { createCkksAggregation, createEncryptedSum, type CkksAggregation } from './createEncryptedSum.ts';
export { choosePlaintextParameters, createPlaintextCodec, createPlaintextSum, type PlaintextParameters } from './createPlaintextCodec.ts';
export { openSealedSecretKey, sealSecretKeyForSite, type SealedSecretKey } from './sealSecretKey.ts';
export type { EncryptedSum, UpdateCodec } from './UpdateCodec.ts';
