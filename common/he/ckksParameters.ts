// CKKS parameters chosen from a plan: the smallest secure ring and a single prime so that the encrypted sum of
// every site's example-weighted update cannot wrap around and its decoding error stays below a stated bound.
import { canonicalHash } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';
import { wireCiphertextBytes, type WireKind } from './wireCiphertext.ts';

/** Largest total coefficient-modulus bits at 128-bit classical security (HE standard table; SEAL enforces it). */
export const MAX_BITS_128: Readonly<Record<number, number>> = { 2048: 54, 4096: 109, 8192: 218 };
/** SEAL's centred-binomial noise is bounded by 21 per coefficient; +0.5 for rounding each encoded value. */
export const NOISE_PER_UPDATE = 21.5;
/**
 * Headroom over the clip bound per coordinate; encryptUpdate refuses more. DP-SGD's noise is added inside training
 * and the update is clipped after it, so no noise needs room here.
 */
export const VALUE_HEADROOM = 4;
/** Threshold decryptors' smudging noise is clamped at this many σ, so the noise budget can count its worst case. */
export const SMUDGE_SIGMAS = 6;
/**
 * The default σ of each decryptor's smudging noise (in units of the last coefficient bit) is this many times the HE
 * standard's RLWE σ = 3.2, times √t. The t decryptors of one attempt reveal t samples a·s_U + E_j of one secret; their
 * average has σ/√t, which this keeps at 4 × 3.2 (docs/threat-model.md, "Collusion").
 */
export const SMUDGING_PER_ROOT_DECRYPTOR = 4 * 3.2;

/** The default smudging σ for `threshold` decryptors. */
export function defaultSmudgingSigma(threshold: number): number {
  return Math.ceil(SMUDGING_PER_ROOT_DECRYPTOR * Math.sqrt(threshold));
}

const MAX_PRIME_BITS = 60; // CoeffModulus.Create's limit for one prime
const MIN_PRIME_BITS = 30;

export interface CkksParameterInput {
  readonly parameterCount: number;
  readonly maxSites: number;
  readonly clipNorm: number;
  readonly maxExamples: number;
  /** Largest absolute error of each coordinate of the decrypted sum, relative to clipNorm (default 1e-6). */
  readonly errorBound?: number;
  /** Threshold CKKS (threshold/): any `threshold` sites decrypt together; absent, one key held by every site. */
  readonly threshold?: number;
  /** σ of each decryptor's smudging noise (threshold only; default defaultSmudgingSigma(threshold)). */
  readonly smudgingSigma?: number;
}

type ThresholdFields = 'threshold' | 'smudgingSigma';

export interface CkksParameters extends Required<Omit<CkksParameterInput, ThresholdFields>>, Pick<CkksParameterInput, ThresholdFields> {
  readonly scheme: 'ckks';
  /** One value per polynomial coefficient (N values per ciphertext, twice the N/2 complex slots' real parts). */
  readonly packing: 'coefficient';
  /** `threshold-crs`: each site encrypts under its own key against a common random polynomial (threshold/). */
  readonly encryption: 'symmetric-seeded' | 'threshold-crs';
  /** Coefficients travel bit-packed at primeBits each, in medfl's ciphertext format (wireCiphertext.ts). */
  readonly wire: 'medfl-packed-v1';
  readonly securityBits: 128;
  readonly polyModulusDegree: number;
  readonly primeBits: number;
  readonly scaleBits: number;
  readonly chunkCount: number;
  /** Largest absolute coordinate of Σ nᵢ·Δᵢ the prime leaves room for. */
  readonly maxAbsSum: number;
  /** 0x-hex sha256 of the canonical JSON of every other field. */
  readonly codecId: string;
}

function positive(name: string, value: number, integer: boolean): void {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new MedflError('CODEC_PARAMETERS', `${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}

/** The ring degree that sends the fewest bytes for this many parameters, among those secure for `bits`. */
function bestDegree(parameterCount: number, bits: number, kind: WireKind): number {
  const secure = Object.keys(MAX_BITS_128).map(Number).filter((n) => (MAX_BITS_128[n] ?? 0) >= bits);
  const cost = (n: number) => Math.ceil(parameterCount / n) * wireCiphertextBytes({ polyModulusDegree: n, primeBits: bits }, kind);
  return secure.reduce((best, n) => (cost(n) < cost(best) ? n : best));
}

/** The threshold fields, present only when the plan asks for threshold decryption, so other codecIds stay as they were. */
function thresholdFields(input: CkksParameterInput): { threshold: number; smudgingSigma: number } | undefined {
  const { threshold, smudgingSigma, maxSites } = input;
  if (threshold === undefined) {
    if (smudgingSigma !== undefined) throw new MedflError('CODEC_PARAMETERS', 'smudgingSigma applies to threshold decryption only; set threshold too');
    return undefined;
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > maxSites) {
    throw new MedflError('CODEC_PARAMETERS', `threshold must be an integer in 1..${maxSites} (maxSites), got ${threshold}`);
  }
  const sigma = smudgingSigma ?? defaultSmudgingSigma(threshold);
  positive('smudgingSigma', sigma, false);
  return { threshold, smudgingSigma: sigma };
}

export function chooseCkksParameters(input: CkksParameterInput): CkksParameters {
  const { parameterCount, maxSites, clipNorm, maxExamples, errorBound = 1e-6 } = input;
  positive('parameterCount', parameterCount, true);
  positive('maxSites', maxSites, true);
  positive('clipNorm', clipNorm, false);
  positive('maxExamples', maxExamples, true);
  positive('errorBound', errorBound, false);
  const threshold = thresholdFields(input);
  // Each folded update adds at most NOISE_PER_UPDATE/scale to every decoded coordinate, each decryptor's clamped
  // smudging noise at most SMUDGE_SIGMAS·σ/scale.
  const noise = NOISE_PER_UPDATE * maxSites + (threshold ? threshold.threshold * SMUDGE_SIGMAS * threshold.smudgingSigma : 0);
  const scaleBits = Math.ceil(Math.log2(noise / (errorBound * clipNorm)));
  const maxAbsSum = maxSites * maxExamples * clipNorm * VALUE_HEADROOM;
  // Centred decoding needs |sum·scale + noise| < q/2; one more bit keeps the prime (just below 2^bits) clear of it.
  const primeBits = Math.max(MIN_PRIME_BITS, Math.ceil(Math.log2(maxAbsSum * 2 ** scaleBits + noise)) + 2);
  if (primeBits > MAX_PRIME_BITS || scaleBits < 1) {
    throw new MedflError(
      'CODEC_PARAMETERS',
      `no single-prime CKKS setting holds ${maxSites} sites × ${maxExamples} examples × clip ${clipNorm} at error ${errorBound}: it needs a ${primeBits}-bit prime (at most ${MAX_PRIME_BITS}); loosen errorBound or lower maxExamples`,
      { details: { primeBits, scaleBits } },
    );
  }
  const polyModulusDegree = bestDegree(parameterCount, primeBits, threshold ? 'crs' : 'seeded');
  const fields = {
    scheme: 'ckks' as const, packing: 'coefficient' as const,
    encryption: threshold ? ('threshold-crs' as const) : ('symmetric-seeded' as const), wire: 'medfl-packed-v1' as const,
    securityBits: 128 as const, parameterCount, maxSites, clipNorm, maxExamples, errorBound,
    polyModulusDegree, primeBits, scaleBits, chunkCount: Math.ceil(parameterCount / polyModulusDegree), maxAbsSum, ...threshold,
  };
  return { ...fields, codecId: canonicalHash(fields) };
}

/** Refuses a parameter object whose codecId does not match its fields (edited or corrupted plans). */
export function assertCkksParameters(params: CkksParameters): void {
  const { codecId, ...fields } = params;
  if (params.scheme !== 'ckks' || canonicalHash(fields) !== codecId) {
    throw new MedflError('CODEC_MISMATCH', `CKKS parameters do not hash to their codecId ${codecId}`);
  }
  if (!(params.polyModulusDegree in MAX_BITS_128) || params.primeBits > (MAX_BITS_128[params.polyModulusDegree] ?? 0)) {
    throw new MedflError('CODEC_PARAMETERS', `N=${params.polyModulusDegree} with a ${params.primeBits}-bit prime is not 128-bit secure`);
  }
}
