// A site's side of SubmitKeyShares: seals each other site's share payload to that site's box key and signs it, so the
// coordinator relays what it can neither read nor alter, then checks the coordinator's receipt.
import { createHash, createHmac } from 'node:crypto';
import nacl from 'tweetnacl';
import { canonicalJson } from '../../common/canonicalJson.ts';
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { signKeyShare } from '../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry, KeySharesReceipt } from '../../common/wire/protocolTypes.ts';
import type { CoordinatorClient } from '../node/CoordinatorClient.ts';
import type { KeyShareRun } from './KeyShareRun.ts';

/** The site's identity keys; a coordinator kit has none. */
export function siteKeys(kit: Kit): { signingSecretKey: Uint8Array; boxSecretKey: Uint8Array } {
  const { signingSecretKey, boxSecretKey } = kit;
  if (!signingSecretKey || !boxSecretKey) throw new MedflError('KIT_INVALID', `kit ${kit.dir} holds no site keys; key shares are sent and opened by sites`);
  return { signingSecretKey, boxSecretKey };
}

/**
 * The nonce is derived, not drawn: a keyed hash (a key only this site derives from its box secret) of the recipient, run
 * and payload. A site retrying after a lost reply thus sends byte-identical entries, which the coordinator acknowledges
 * again instead of refusing them as a change; a different payload gets a different nonce, so no nonce is reused.
 */
function shareNonce(boxSecretKey: Uint8Array, context: string, payload: Uint8Array): Uint8Array {
  const key = createHash('sha256').update('medfl/v1/KeyShareNonce').update(boxSecretKey).digest();
  return new Uint8Array(createHmac('sha256', key).update(context).update(payload).digest().subarray(0, nacl.box.nonceLength));
}

function sealFor(kit: Kit, run: KeyShareRun, recipient: ConsortiumSite, payload: Uint8Array): KeyShareEntry {
  const { signingSecretKey, boxSecretKey } = siteKeys(kit);
  const fields = { runId: run.runId, codecId: run.codecId, fromSite: kit.id, toSite: recipient.id, threshold: run.threshold };
  const nonce = shareNonce(boxSecretKey, canonicalJson(fields), payload);
  const payloadSealed = nacl.box(payload, nonce, new Uint8Array(Buffer.from(recipient.boxPublicKey, 'base64')), boxSecretKey);
  return signKeyShare({ ...fields, payloadSealed, nonce }, signingSecretKey);
}

/**
 * Sends this site's share for every other site of the consortium (`payloadFor(siteId)`, the same bytes on a retry) in
 * one submission; resolves with the coordinator's receipt once it holds them all durably.
 */
export async function submitKeyShares(
  client: Pick<CoordinatorClient, 'submitKeyShares'>,
  kit: Kit,
  run: KeyShareRun,
  payloadFor: (toSite: string) => Uint8Array,
): Promise<KeySharesReceipt> {
  const { sites } = kit.consortium;
  if (!Number.isInteger(run.threshold) || run.threshold < 1 || run.threshold > sites.length) {
    throw new MedflError('USAGE', `threshold ${run.threshold} is not between 1 and the consortium's ${sites.length} sites`);
  }
  const entries = sites.filter((site) => site.id !== kit.id).map((site) => sealFor(kit, run, site, payloadFor(site.id)));
  const receipt = await client.submitKeyShares(entries);
  const expected: KeySharesReceipt = { runId: run.runId, codecId: run.codecId, fromSite: kit.id, entries: entries.length };
  if (canonicalJson(receipt) !== canonicalJson(expected)) {
    throw new MedflError('RECEIPT_INVALID', `the coordinator acknowledged ${canonicalJson(receipt)} for key shares ${canonicalJson(expected)}`);
  }
  return receipt;
}
