// The key-share payload one site sends another: its Shamir share for the recipient's point (N little-endian uint64
// residues) followed by its 32-byte contribution to the sites' group secret.
import { MedflError } from '../../common/MedflError.ts';

export const GROUP_CONTRIBUTION_BYTES = 32;

export interface SharePayload {
  readonly share: BigUint64Array;
  readonly groupContribution: Uint8Array;
}

export const sharePayloadBytes = (degree: number): number => 8 * degree + GROUP_CONTRIBUTION_BYTES;

export function encodeSharePayload({ share, groupContribution }: SharePayload): Uint8Array {
  const bytes = new Uint8Array(sharePayloadBytes(share.length));
  const view = new DataView(bytes.buffer);
  share.forEach((value, i) => view.setBigUint64(8 * i, value, true));
  bytes.set(groupContribution, 8 * share.length);
  return bytes;
}

/** The payload's parts; KEY_SHARE_INVALID naming `from` when it is not of this codec's length. */
export function decodeSharePayload(bytes: Uint8Array, degree: number, from: string): SharePayload {
  if (bytes.length !== sharePayloadBytes(degree)) {
    throw new MedflError('KEY_SHARE_INVALID', `the key share from ${from} holds ${bytes.length} bytes, not ${sharePayloadBytes(degree)}`, { details: { from } });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const share = BigUint64Array.from({ length: degree }, (_, i) => view.getBigUint64(8 * i, true));
  return { share, groupContribution: bytes.slice(8 * degree) };
}
