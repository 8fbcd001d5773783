// Sends a signed update to the coordinator, or, when an earlier upload of it broke off (a dropped connection, a
// coordinator stall), only the chunks the coordinator does not hold yet: a 1.6 GB upload is not restarted for a blip.
import { MedflError } from '../../common/MedflError.ts';
import type { UpdateEnvelope, UpdateReceipt } from '../../common/wire/protocolTypes.ts';
import type { CoordinatorClient } from './CoordinatorClient.ts';
import type { UpdateChunks } from './UpdateChunks.ts';

export type UpdateUploader = Pick<CoordinatorClient, 'submitUpdate' | 'uploadOffset'>;

/** `chunks` is read as it is sent (from the site's file for a large update), under gRPC flow control. */
export async function sendUpdate(client: UpdateUploader, envelope: UpdateEnvelope, chunks: UpdateChunks): Promise<UpdateReceipt> {
  const { runId, round, attempt, digest } = envelope;
  const from = await client.uploadOffset({ runId, round, attempt, digest });
  if (from === 0 || from >= chunks.length) return client.submitUpdate(envelope, chunks);
  try {
    return await client.submitUpdate(envelope, chunks.slice(from), from);
  } catch (thrown) {
    // The broken-off upload expired, or moved on, between the two calls: the whole update goes instead.
    if (!(thrown instanceof MedflError && thrown.code === 'UPLOAD_RESUME_MISMATCH')) throw thrown;
    return client.submitUpdate(envelope, chunks);
  }
}
