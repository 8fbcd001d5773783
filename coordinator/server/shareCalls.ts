// SubmitDecryptionShare (threshold CKKS): a decryptor's signed share, streamed envelope first, checked and staged
// chunk by chunk, durable before the receipt. Same idle-timeout discipline as an update upload.
import type { ServerReadableStream } from '@grpc/grpc-js';
import { MedflError } from '../../common/MedflError.ts';
import { fromWireDecryptionSharePart, toWireDecryptionShareReceipt } from '../../common/wire/wireCodec.ts';
import type { RunEngine } from '../rounds/RunEngine.ts';
import { peerSite } from './peerSite.ts';
import { withIdleTimeout } from './withIdleTimeout.ts';

export async function receiveDecryptionShare(engine: RunEngine, call: ServerReadableStream<unknown, unknown>, idleMs: number): Promise<object> {
  const intake = engine.beginShare(peerSite(call, engine.options.consortium));
  const idle = () => new MedflError('SHARE_INVALID', `the share upload sent nothing for ${idleMs / 1000} s and was dropped; send the share again`);
  try {
    let first = true;
    for await (const message of withIdleTimeout(call, idleMs, idle)) {
      const part = fromWireDecryptionSharePart(message);
      if (first !== 'envelope' in part) throw new MedflError('SHARE_INVALID', first ? 'the share stream must start with its envelope' : 'the share stream carries a second envelope');
      if ('envelope' in part) intake.open(part.envelope);
      else intake.chunk(part.chunk);
      first = false;
    }
    if (first) throw new MedflError('SHARE_INVALID', 'the share stream carried no envelope');
    return toWireDecryptionShareReceipt(await intake.finish());
  } catch (thrown) {
    await intake.abort();
    throw thrown;
  }
}
