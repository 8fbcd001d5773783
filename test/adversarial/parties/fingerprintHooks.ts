// Where the dishonest site meets the aggregate sum check: the masked fingerprint its signed envelope carries (one
// little-endian 8-byte value mod q per challenge, copied into its ContributionLeaf), replaced by a random one.
import { randomBytes } from 'node:crypto';
import type { UpdateEnvelopeFields } from '../../../common/wire/protocolTypes.ts';

/** Below the smallest prime any plan's codec uses (2^30), so the coordinator's shape check still takes it. */
const BELOW_ANY_PRIME = 2 ** 29;

/** The envelope fields with each masked fingerprint value replaced by a random value of a valid shape. */
export function withRandomFingerprint(fields: UpdateEnvelopeFields): UpdateEnvelopeFields {
  const scrambled = new Uint8Array(fields.maskedFingerprint.length);
  const view = new DataView(scrambled.buffer);
  for (let offset = 0; offset < scrambled.length; offset += 8) view.setUint32(offset, randomBytes(4).readUInt32LE() % BELOW_ANY_PRIME, true);
  return { ...fields, maskedFingerprint: scrambled };
}
