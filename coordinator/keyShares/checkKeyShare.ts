// What a key-share entry must be before the coordinator relays it: the caller's own, signed by it, for this run and
// codec, addressed to another listed site. The coordinator checks only what it can see; the payload stays sealed.
import type { Consortium, ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { isKeyShareSignatureValid } from '../../common/wire/keyShareSigning.ts';
import type { FetchKeySharesRequest, KeyShareEntry } from '../../common/wire/protocolTypes.ts';

/** The run key shares are exchanged for: the coordinator's current run and the run's codec. */
export interface KeyShareContext {
  readonly consortium: Consortium;
  readonly runId: string;
  readonly codecId: string;
}

/** A submitted entry or a fetch names this run and codec, or it is refused (RUN_MISMATCH, CODEC_ID_MISMATCH). */
export function checkKeyShareRun(named: FetchKeySharesRequest, { runId, codecId }: KeyShareContext): void {
  if (named.runId !== runId) throw new MedflError('RUN_MISMATCH', `key shares for run ${named.runId}, but this coordinator runs run ${runId}`);
  if (named.codecId !== codecId) {
    throw new MedflError('CODEC_ID_MISMATCH', `key shares for codec ${named.codecId}, but the run uses ${codecId}`, { details: { expected: codecId, actual: named.codecId } });
  }
}

/** Identity first (who may speak), then the signature, then which run, then whom it is for. */
export function checkKeyShareEntry(entry: KeyShareEntry, caller: ConsortiumSite, context: KeyShareContext): void {
  if (entry.fromSite !== caller.id) {
    throw new MedflError('IDENTITY_MISMATCH', `the key-share entry names sender ${entry.fromSite} but the TLS client certificate is ${caller.id}`);
  }
  if (!isKeyShareSignatureValid(entry, new Uint8Array(Buffer.from(caller.signingPublicKey, 'base64')))) {
    throw new MedflError('SIGNATURE_INVALID', `the key-share entry for ${entry.toSite} does not verify with ${caller.id}'s signing key`);
  }
  checkKeyShareRun(entry, context);
  const { sites } = context.consortium;
  const invalid = (why: string) => new MedflError('KEY_SHARE_INVALID', `${caller.id}'s key-share entry ${why}`, { details: { from: caller.id, to: entry.toSite } });
  if (entry.toSite === caller.id) throw invalid('is addressed to itself; a site sends one to every other site');
  if (!sites.some((site) => site.id === entry.toSite)) throw invalid(`is addressed to ${entry.toSite}, which consortium.json does not list`);
  if (entry.threshold > sites.length) throw invalid(`asks for threshold ${entry.threshold}, more than the consortium's ${sites.length} sites`);
}
