// SubmitUpdate and UploadOffset: a site's encrypted update streamed in, envelope first, chunk by chunk into the
// round's intake; an upload that breaks off is kept for a while so the site sends only the chunks still missing.
import type { ServerReadableStream, ServerUnaryCall } from '@grpc/grpc-js';
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { UpdateEnvelope } from '../../common/wire/protocolTypes.ts';
import { fromWireUpdatePart, fromWireUploadOffsetRequest, toWireReceipt, toWireUploadOffset } from '../../common/wire/wireCodec.ts';
import type { RunEngine } from '../rounds/RunEngine.ts';
import type { ResumableUpload } from '../rounds/PausedUploads.ts';
import { peerSite } from './peerSite.ts';
import { withIdleTimeout } from './withIdleTimeout.ts';

/**
 * How long a broken-off upload stays resumable. A site reconnects within seconds (participant/node/runParticipant.ts
 * backs off to at most a minute), and until then its staged chunks cost only disk; five minutes covers a short outage.
 */
export const UPLOAD_RESUME_MS = 5 * 60_000;

/** A dropped connection or a stall, as opposed to a refusal: the chunks taken so far are still good. */
const brokeOff = (thrown: unknown) => !(thrown instanceof MedflError) || thrown.code === 'UPDATE_INCOMPLETE';

/** The intake a stream's first message starts: the site's paused upload when it resumes one, else a new upload. */
async function startIntake(engine: RunEngine, peer: ConsortiumSite, envelope: UpdateEnvelope, resumeFrom: number): Promise<ResumableUpload> {
  const { paused } = engine.current();
  if (resumeFrom > 0) return paused.resume(peer.id, envelope, resumeFrom);
  // A whole upload replaces a broken-off one of this site: its chunks go before the new ones are staged.
  await paused.discard(peer.id);
  const intake = engine.beginUpdate(peer);
  intake.open(envelope);
  return intake;
}

export async function receiveUpdate(engine: RunEngine, call: ServerReadableStream<unknown, unknown>, idleMs: number, resumeMs = UPLOAD_RESUME_MS): Promise<object> {
  const peer = peerSite(call, engine.options.consortium);
  const idle = () => new MedflError('UPDATE_INCOMPLETE', `the upload sent nothing for ${idleMs / 1000} s and was dropped; send the rest of the update again`);
  let intake: ResumableUpload | undefined;
  try {
    for await (const message of withIdleTimeout(call, idleMs, idle)) {
      const part = fromWireUpdatePart(message);
      if (!intake) {
        if (!('envelope' in part)) throw new MedflError('UPDATE_INVALID', 'the update stream must start with its envelope');
        intake = await startIntake(engine, peer, part.envelope, part.resumeFrom ?? 0);
      } else if ('envelope' in part) {
        throw new MedflError('UPDATE_INVALID', 'the update stream carries a second envelope');
      } else {
        intake.chunk(part.chunk);
      }
    }
    if (!intake) throw new MedflError('UPDATE_INVALID', 'the update stream carried no envelope');
    return toWireReceipt(await intake.finish());
  } catch (thrown) {
    if (intake && brokeOff(thrown) && intake.resumable()) engine.current().paused.pause(peer.id, intake, resumeMs);
    else await intake?.abort();
    throw thrown;
  }
}

/** How many chunks of the caller's update (by attempt and signed digest) a broken-off upload left with the coordinator. */
export function uploadOffset(engine: RunEngine, call: ServerUnaryCall<unknown, unknown>): object {
  const peer = peerSite(call, engine.options.consortium);
  const request = fromWireUploadOffsetRequest(call.request);
  const attempt = engine.current();
  const { runId, round, attempt: number } = attempt.task;
  const same = request.runId === runId && request.round === round && request.attempt === number;
  return toWireUploadOffset(same ? attempt.paused.offset(peer.id, request.digest) : 0);
}
