// SubmitKeyShares and FetchKeyShares: the coordinator relays sealed key shares between sites (issue 15). It checks
// who sent what to whom and keeps it durably; it holds no box key, so it never reads a share.
import type { ServerReadableStream, ServerWritableStream } from '@grpc/grpc-js';
import { MedflError } from '../../common/MedflError.ts';
import { fromWireFetchKeySharesRequest, fromWireKeyShareEntry, toWireKeyShareEntry, toWireKeySharesReceipt } from '../../common/wire/wireCodec.ts';
import { checkKeyShareRun, type KeyShareContext } from '../keyShares/checkKeyShare.ts';
import { KeyShareSubmission } from '../keyShares/KeyShareSubmission.ts';
import type { RunEngine } from '../rounds/RunEngine.ts';
import { peerSite } from './peerSite.ts';
import { withIdleTimeout } from './withIdleTimeout.ts';
import { writeWithBackpressure } from './writeWithBackpressure.ts';

type KeyShareEngine = Pick<RunEngine, 'runId' | 'options' | 'store' | 'keySharesStored'>;

const contextOf = (engine: KeyShareEngine): KeyShareContext => ({
  consortium: engine.options.consortium, runId: engine.runId, codecId: engine.options.aggregation.codecId,
});

/** Reads the caller's entries (each checked as it arrives) and stores them whole; the reply is the receipt. */
export async function receiveKeyShares(engine: KeyShareEngine, call: ServerReadableStream<unknown, unknown>, idleMs: number): Promise<object> {
  const submission = new KeyShareSubmission(peerSite(call, engine.options.consortium), contextOf(engine));
  const idle = () => new MedflError('KEY_SHARES_INCOMPLETE', `the submission sent nothing for ${idleMs / 1000} s and was dropped; send the key shares again`);
  for await (const message of withIdleTimeout(call, idleMs, idle)) submission.add(fromWireKeyShareEntry(message));
  const receipt = await submission.finish(engine.store);
  await engine.keySharesStored();
  return toWireKeySharesReceipt(receipt);
}

/** Streams the entries addressed to the caller, in consortium order of their senders, from every sender so far. */
export async function sendKeyShares(engine: KeyShareEngine, call: ServerWritableStream<unknown, unknown>): Promise<void> {
  const { consortium } = engine.options;
  const caller = peerSite(call, consortium);
  const context = contextOf(engine);
  checkKeyShareRun(fromWireFetchKeySharesRequest(call.request), context);
  for (const sender of consortium.sites) {
    const entry = engine.store.keyShare(context.runId, sender.id, caller.id);
    if (entry && !(await writeWithBackpressure(call, toWireKeyShareEntry(entry)))) return;
  }
  call.end();
}
