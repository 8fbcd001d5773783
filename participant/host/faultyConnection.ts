// A site's coordinator connection with a fault drill applied where it hurts most: around the upload and the attestation.
// Every other call goes through unchanged.
import { MedflError } from '../../common/MedflError.ts';
import type { SiteAttestation, UpdateEnvelope } from '../../common/wire/protocolTypes.ts';
import type { CoordinatorClient } from '../node/CoordinatorClient.ts';
import type { SiteConnection } from '../node/SiteNode.ts';
import type { SiteFault, SiteFaultKind } from './siteFaults.ts';

export interface FaultActions {
  /** This site's fault of `round` among `kinds`, at most once: the upload sent again after a drop is not dropped again. */
  take(round: number, kinds: readonly SiteFaultKind[]): SiteFault | undefined;
  /** Stops this site's node now and starts it again from its out folder after `afterMs` (it must not be awaited here). */
  restart(afterMs: number): void;
}

/**
 * The first half of an update's `total` chunks, streamed as they come (a large update is never gathered), then the
 * channel closes under the stream as a dropped connection would. The large-model bench drops its uploads with it too.
 */
export async function* dropHalfway(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, total: number, drop: () => void): AsyncGenerator<Uint8Array> {
  const half = Math.floor(total / 2);
  let sent = 0;
  for await (const chunk of chunks) {
    if (sent === half) break;
    yield chunk;
    sent += 1;
  }
  drop();
  throw new MedflError('TRANSPORT_UNAVAILABLE', `fault drill: the connection dropped after ${half} of ${total} chunks`);
}

export function faultyConnection(client: CoordinatorClient, actions: FaultActions): SiteConnection {
  return {
    fetchAggregate: (round) => client.fetchAggregate(round),
    getContributions: (round) => client.getContributions(round),
    submitKeyShares: (entries) => client.submitKeyShares(entries),
    fetchKeyShares: (request) => client.fetchKeyShares(request),
    submitDecryptionShare: (envelope, chunks) => client.submitDecryptionShare(envelope, chunks),
    uploadOffset: (request) => client.uploadOffset(request),
    async submitUpdate(envelope: UpdateEnvelope, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) {
      const fault = actions.take(envelope.round, ['slow-site', 'upload-dropped', 'site-restart']);
      if (fault?.kind === 'slow-site') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.kind === 'upload-dropped') return client.submitUpdate(envelope, dropHalfway(chunks, envelope.chunkCount, () => client.close()));
      const receipt = await client.submitUpdate(envelope, chunks);
      if (fault?.kind === 'site-restart') actions.restart(fault.delayMs);
      return receipt;
    },
    async submitAttestation(attestation: SiteAttestation) {
      // Taken before the call: the attestation may be refused (the round committed with others'), and the site leaves anyway.
      const fault = actions.take(attestation.round + 1, ['late-join']);
      try {
        return await client.submitAttestation(attestation);
      } finally {
        if (fault) actions.restart(fault.delayMs);
      }
    },
  };
}
