// A site sending again the very update this attempt already holds (its reply was lost): it gets the receipt signed
// when the update was accepted, not an error it would have to ignore.
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { envelopeSigningBytes } from '../../common/wire/envelopeSigning.ts';
import type { UpdateEnvelope } from '../../common/wire/protocolTypes.ts';
import type { SignedUpdateReceipt } from '../../common/wire/updateReceipt.ts';
import type { RoundAttempt } from './RoundAttempt.ts';

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/**
 * The original receipt when `envelope` is, field for field and signature too, the one `peer` had accepted in
 * `attempt`; undefined otherwise (another update for the same attempt stays UPDATE_DUPLICATE).
 */
export function replayedReceipt(envelope: UpdateEnvelope, peer: ConsortiumSite, attempt: RoundAttempt): SignedUpdateReceipt | undefined {
  const accepted = attempt.accepted.get(peer.id);
  if (envelope.site !== peer.id || !accepted) return undefined;
  const same = sameBytes(envelopeSigningBytes(accepted), envelopeSigningBytes(envelope)) && sameBytes(accepted.signature, envelope.signature);
  return same ? attempt.receipts.get(peer.id) : undefined;
}
