// What a site checks before it keeps a key share another site sent through the coordinator: addressed to it, for the
// expected run, codec and threshold, signed by a listed site, sealed by that site to this one, of the expected size.
import nacl from 'tweetnacl';
import { findSite } from '../../common/kit/Consortium.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { isKeyShareSignatureValid } from '../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry } from '../../common/wire/protocolTypes.ts';
import type { ExpectedKeyShares } from './KeyShareRun.ts';
import { siteKeys } from './submitKeyShares.ts';

/** KEY_SHARE_INVALID naming the sender (in the message and as `details.from`). */
export function invalidShare(from: string, why: string): MedflError {
  return new MedflError('KEY_SHARE_INVALID', `the key share from ${from} ${why}`, { details: { from } });
}

/** The entry's share payload, opened; KEY_SHARE_INVALID naming the sender for anything else. */
export function openKeyShare(kit: Kit, entry: KeyShareEntry, expected: ExpectedKeyShares): Uint8Array {
  const { fromSite: from } = entry;
  if (entry.toSite !== kit.id) throw invalidShare(from, `is addressed to ${entry.toSite}, not to this site ${kit.id}`);
  const sender = findSite(kit.consortium, from);
  if (!sender || from === kit.id) throw invalidShare(from, 'comes from no other site of consortium.json');
  if (!isKeyShareSignatureValid(entry, new Uint8Array(Buffer.from(sender.signingPublicKey, 'base64')))) {
    throw invalidShare(from, `does not verify with ${from}'s signing key`);
  }
  for (const field of ['runId', 'codecId', 'threshold'] as const) {
    if (entry[field] !== expected[field]) throw invalidShare(from, `is for ${field} ${entry[field]}, not ${expected[field]}`);
  }
  const payload = nacl.box.open(entry.payloadSealed, entry.nonce, new Uint8Array(Buffer.from(sender.boxPublicKey, 'base64')), siteKeys(kit).boxSecretKey);
  if (!payload) throw invalidShare(from, `does not open with ${from}'s box key and this site's`);
  if (payload.length !== expected.payloadBytes) throw invalidShare(from, `holds ${payload.length} bytes, not ${expected.payloadBytes}`);
  return payload;
}
