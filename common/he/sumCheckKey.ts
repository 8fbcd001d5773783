// The per-attempt secret of the aggregate sum check: every site derives it from a secret the coordinator never holds
// (the consortium's CKKS secret key, or under threshold CKKS the key holders' group secret G), so the challenge vectors
// and fingerprint masks it seeds are hidden from it.
import { createHmac, hkdfSync } from 'node:crypto';
import { canonicalJson, type Hash32 } from '../canonicalJson.ts';
import { CHALLENGES } from './challengeVectors.ts';

const DOMAIN = 'medfl/v1/aggregate-check';

/** The round attempt an aggregate check is for: a fresh key for each, so nothing one attempt reveals carries over. */
export interface CheckedAttempt {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
}

export interface SumCheckKey {
  /** AES-256 key of the challenge vectors (challengeVectors.ts). */
  readonly challengeKey: Uint8Array;
  /** HMAC-SHA256 key of the fingerprint masks. */
  readonly maskKey: Uint8Array;
}

/** K = HKDF-SHA256(sites' secret: key bytes or G, salt = domain, info = the attempt and codec), then one subkey per use of K. */
export function deriveSumCheckKey(secretKey: Uint8Array, codecId: string, { runId, round, attempt }: CheckedAttempt): SumCheckKey {
  const info = canonicalJson({ domain: DOMAIN, runId, round, attempt, codecId });
  const key = new Uint8Array(hkdfSync('sha256', secretKey, DOMAIN, info, 32));
  const subkey = (label: string) => new Uint8Array(hkdfSync('sha256', key, '', `${DOMAIN}/${label}`, 32));
  return { challengeKey: subkey('challenges'), maskKey: subkey('masks') };
}

/**
 * The CHALLENGES mask values a site adds to its fingerprint, uniform mod q (256 PRF bits reduced: bias < 2^-190).
 * Keyed by the upload's digest as well as the site: a site that encrypts and signs a second upload for the same
 * attempt (a lost acknowledgement, a restart) masks it afresh, because two fingerprints under one mask would hand the
 * coordinator <r, c - c'> for ciphertexts it knows, and two such values let it build a difference the check cannot see.
 */
export function fingerprintMask(key: SumCheckKey, site: string, digest: Hash32, q: bigint): bigint[] {
  return Array.from({ length: CHALLENGES }, (_, challenge) => {
    const mac = createHmac('sha256', key.maskKey).update(canonicalJson({ site, digest, challenge })).digest('hex');
    return BigInt(`0x${mac}`) % q;
  });
}
