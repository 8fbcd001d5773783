// A bench site's upload broken off half-way (the channel closed under the stream, as faultyConnection.ts drills it)
// and resumed: the site asks the coordinator where it stands (UploadOffset) and streams only the rest.
import { MedflError } from '../../../common/MedflError.ts';
import type { UpdateEnvelope } from '../../../common/wire/protocolTypes.ts';
import { dropHalfway } from '../../../participant/host/faultyConnection.ts';
import type { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { sendUpdate, type UpdateUploader } from '../../../participant/node/sendUpdate.ts';
import type { UpdateChunks } from '../../../participant/node/UpdateChunks.ts';

export interface ResumedUpload {
  /** The chunk the coordinator said it had up to (UploadOffset), where the second stream started. */
  readonly resumedFrom: number;
  /** Chunks the second stream carried: exactly the rest. */
  readonly resent: number;
}

/** The coordinator pauses a broken-off upload once it sees the stream fail; until then UploadOffset says 0. */
async function pausedOffset(client: CoordinatorClient, envelope: UpdateEnvelope): Promise<number> {
  const { runId, round, attempt, digest } = envelope;
  for (const start = Date.now(); Date.now() - start < 60_000;) {
    const offset = await client.uploadOffset({ runId, round, attempt, digest });
    if (offset > 0) return offset;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new MedflError('INTERNAL', 'the coordinator kept nothing of the dropped upload to resume from');
}

export async function resumedUpload(connect: () => CoordinatorClient, envelope: UpdateEnvelope, chunks: UpdateChunks): Promise<ResumedUpload> {
  const dropped = connect();
  const accepted = await dropped.submitUpdate(envelope, dropHalfway(chunks, chunks.length, () => dropped.close())).then(() => true, () => false);
  if (accepted) throw new MedflError('INTERNAL', 'the upload meant to drop half-way was accepted whole');
  const client = connect();
  try {
    await pausedOffset(client, envelope);
    let resumedFrom = 0;
    let resent = 0;
    async function* counted(rest: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
      for await (const chunk of rest) {
        resent += 1;
        yield chunk;
      }
    }
    const counting: UpdateUploader = {
      uploadOffset: async (request) => (resumedFrom = await client.uploadOffset(request)),
      submitUpdate: (sent, rest, from) => client.submitUpdate(sent, counted(rest), from),
    };
    await sendUpdate(counting, envelope, chunks);
    if (resumedFrom === 0 || resent !== chunks.length - resumedFrom) {
      throw new MedflError('INTERNAL', `the resumed upload sent ${resent} chunks from ${resumedFrom} of ${chunks.length}, not only the rest`);
    }
    return { resumedFrom, resent };
  } finally {
    client.close();
  }
}
