// ed25519 signatures over a key-share entry's canonical digest: the sender vouches for who it is for, under which run,
// codec and threshold, and for the exact sealed bytes, so neither the coordinator nor another site can alter or re-address it.
import nacl from 'tweetnacl';
import { canonicalHash, sha256Hex, type Hash32 } from '../canonicalJson.ts';
import type { KeyShareEntry, KeyShareFields } from './protocolTypes.ts';
import { verifyEd25519 } from './verifyEd25519.ts';

// A domain tag keeps a key-share signature from being valid for any other message a site key signs.
const DOMAIN = 'medfl/v1/KeyShareEntry';

/**
 * sha256 of the canonical JSON of the tagged fields, the sealed bytes as sha256(nonce ‖ payloadSealed) (the nonce has
 * a fixed length, so the split is unambiguous). Two entries with the same digest are the same entry.
 */
export function keyShareDigest(fields: KeyShareFields): Hash32 {
  const { runId, codecId, fromSite, toSite, threshold } = fields;
  const sealed = sha256Hex(fields.nonce, fields.payloadSealed);
  return canonicalHash({ domain: DOMAIN, runId, codecId, fromSite, toSite, threshold, sealed });
}

const digestBytes = (fields: KeyShareFields): Uint8Array => new Uint8Array(Buffer.from(keyShareDigest(fields).slice(2), 'hex'));

export function signKeyShare(fields: KeyShareFields, signingSecretKey: Uint8Array): KeyShareEntry {
  const { runId, codecId, fromSite, toSite, threshold, payloadSealed, nonce } = fields;
  const signature = nacl.sign.detached(digestBytes(fields), signingSecretKey);
  return { runId, codecId, fromSite, toSite, threshold, payloadSealed, nonce, signature };
}

/** True when `entry.signature` is the ed25519 signature of its digest by `signingPublicKey` (32 bytes). */
export function isKeyShareSignatureValid(entry: KeyShareEntry, signingPublicKey: Uint8Array): boolean {
  return verifyEd25519(digestBytes(entry), entry.signature, signingPublicKey);
}
