// A patient's pseudonym in a site's consent tree: public on a proof, useless to anyone without the opening.
import { createHmac, createHash } from 'node:crypto';
import type { Hash32 } from '../canonicalJson.ts';

// Domain tags keep these hashes from colliding with any other sha256 or HMAC medfl computes.
const OPENING_TAG = 'medfl/v1/consent-opening';
const PSEUDONYM_TAG = 'medfl/v1/consent-pseudonym';

/**
 * The per-patient, per-run secret the site reveals only in that patient's proof: HMAC-SHA256 under the site's
 * 32-byte consent key, so one opening says nothing about the key or about any other patient's opening.
 */
export function consentOpening(consentKey: Uint8Array, runId: string, patientId: string): Hash32 {
  const mac = createHmac('sha256', consentKey);
  mac.update(lengthPrefixed(OPENING_TAG)).update(lengthPrefixed(runId)).update(lengthPrefixed(patientId));
  return `0x${mac.digest('hex')}`;
}

/**
 * sha256(tag ‖ patientId ‖ opening): anyone holding a proof recomputes it from the patient id and the opening, while
 * the neighbouring pseudonyms a proof shows cannot be brute-forced from patient ids without their 256-bit openings.
 */
export function consentPseudonym(patientId: string, opening: Hash32): Hash32 {
  const hash = createHash('sha256');
  hash.update(lengthPrefixed(PSEUDONYM_TAG)).update(lengthPrefixed(patientId)).update(Buffer.from(opening.slice(2), 'hex'));
  return `0x${hash.digest('hex')}`;
}

// Length prefixes so ('ab','c') and ('a','bc') never hash alike.
function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.byteLength);
  return Buffer.concat([length, bytes]);
}
