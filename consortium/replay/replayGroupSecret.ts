// The sites-only group secret G of a round attempt, as a reviewer holding one site's kit rebuilds it from the
// coordinator's store alone: every other key holder's g_j from the key shares sealed to this site, and this site's own
// g_i from a share it sealed to another site (a nacl box opens from either end), so no out folder and no seed is needed.
import nacl from 'tweetnacl';
import { findSite } from '../../common/kit/Consortium.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { isKeyShareSignatureValid } from '../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry } from '../../common/wire/protocolTypes.ts';
import type { RoundStore } from '../../coordinator/store/RoundStore.ts';
import type { ExpectedKeyShares } from '../../participant/keyShares/KeyShareRun.ts';
import { openKeyShare } from '../../participant/keyShares/openKeyShare.ts';
import { siteKeys } from '../../participant/keyShares/submitKeyShares.ts';
import { groupSecret } from '../../participant/threshold/groupSecrets.ts';
import { decodeSharePayload } from '../../participant/threshold/sharePayload.ts';

export interface GroupSecretSource {
  readonly kit: Kit;
  readonly store: Pick<RoundStore, 'keyShare'>;
  readonly expected: ExpectedKeyShares;
  /** N: residues per key share, to split a payload into its share and its g. */
  readonly degree: number;
}

const notOfRun = (kit: Kit, runId: string, why: string): MedflError =>
  new MedflError('RUN_MISMATCH', `kit ${kit.dir} (${kit.id}) cannot replay run ${runId}: ${why}; use a kit of one of the run's sites`);

/** This site's own g as it sent it: the first of its sealed entries to another site that verifies and opens. */
function ownContribution(source: GroupSecretSource): Uint8Array {
  const { kit, store, expected, degree } = source;
  const { boxSecretKey } = siteKeys(kit);
  const self = findSite(kit.consortium, kit.id)!;
  const selfKey = new Uint8Array(Buffer.from(self.signingPublicKey, 'base64'));
  for (const recipient of kit.consortium.sites.filter((site) => site.id !== kit.id)) {
    const entry: KeyShareEntry | undefined = store.keyShare(expected.runId, kit.id, recipient.id);
    if (!entry || !isKeyShareSignatureValid(entry, selfKey)) continue;
    const payload = nacl.box.open(entry.payloadSealed, entry.nonce, new Uint8Array(Buffer.from(recipient.boxPublicKey, 'base64')), boxSecretKey);
    if (payload?.length === expected.payloadBytes) return decodeSharePayload(payload, degree, kit.id).groupContribution;
  }
  throw notOfRun(kit, expected.runId, `the store holds no key share ${kit.id} sealed with this kit's keys`);
}

/** G for an attempt with `keyHolders`; RUN_MISMATCH when the kit is not one of them or its shares do not open. */
export function replayGroupSecret(source: GroupSecretSource, keyHolders: readonly string[]): Uint8Array {
  const { kit, store, expected, degree } = source;
  if (!keyHolders.includes(kit.id)) throw notOfRun(kit, expected.runId, `${kit.id} is not among the attempt's key holders (${keyHolders.join(', ')})`);
  const contributions = new Map<string, Uint8Array>([[kit.id, ownContribution(source)]]);
  for (const holder of keyHolders.filter((site) => site !== kit.id)) {
    const entry = store.keyShare(expected.runId, holder, kit.id);
    if (!entry) throw notOfRun(kit, expected.runId, `the store holds no key share from ${holder} to ${kit.id}`);
    let payload: Uint8Array;
    try {
      payload = openKeyShare(kit, entry, expected);
    } catch (thrown) {
      if (thrown instanceof MedflError && thrown.code === 'KEY_SHARE_INVALID') throw notOfRun(kit, expected.runId, thrown.message);
      throw thrown;
    }
    contributions.set(holder, decodeSharePayload(payload, degree, holder).groupContribution);
  }
  return groupSecret(kit.consortium, keyHolders, contributions);
}
