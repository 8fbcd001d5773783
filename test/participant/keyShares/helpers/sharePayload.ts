// Seeded stand-ins for the share payloads the threshold scheme will make: opaque bytes, distinct per sender, recipient and variant.
import { seededRandom } from '../../../../common/seededRandom.ts';

export const PAYLOAD_BYTES = 96;

export function sharePayload(from: string, to: string, variant = 'first', length = PAYLOAD_BYTES): Uint8Array {
  const random = seededRandom(15, 'key share', from, to, variant);
  return Uint8Array.from({ length }, () => random.int(256));
}
