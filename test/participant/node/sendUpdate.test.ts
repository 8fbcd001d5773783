import { describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import type { UpdateEnvelope, UpdateReceipt } from '../../../common/wire/protocolTypes.ts';
import { sendUpdate, type UpdateUploader } from '../../../participant/node/sendUpdate.ts';

const envelope = { runId: '1', round: 2, attempt: 0, digest: `0x${'a'.repeat(64)}` } as UpdateEnvelope;
const chunks = [1, 2, 3, 4].map((value) => new Uint8Array([value]));
const receipt = { round: 2 } as UpdateReceipt;

/** A coordinator that holds `held` chunks of the update and refuses the first resume with `refusal`, if given. */
function coordinator(held: number, refusal?: MedflError) {
  const sent: { from: number; values: number[] }[] = [];
  const client: UpdateUploader = {
    uploadOffset: async (request) => (request.digest === envelope.digest ? held : 0),
    submitUpdate: async (_envelope, streamed, from = 0) => {
      sent.push({ from, values: (streamed as readonly Uint8Array[]).map((chunk) => chunk[0]!) });
      if (from > 0 && refusal) throw refusal;
      return receipt;
    },
  };
  return { client, sent };
}

describe('sendUpdate', () => {
  it('sends the whole update when the coordinator holds none of it, and only the rest after a broken-off upload', async () => {
    const fresh = coordinator(0);
    expect(await sendUpdate(fresh.client, envelope, chunks)).toBe(receipt);
    expect(fresh.sent).toEqual([{ from: 0, values: [1, 2, 3, 4] }]);
    const resumed = coordinator(3);
    expect(await sendUpdate(resumed.client, envelope, chunks)).toBe(receipt);
    expect(resumed.sent).toEqual([{ from: 3, values: [4] }]);
  });

  it('falls back to the whole update when the kept chunks expired in between, and passes other refusals on', async () => {
    const expired = coordinator(2, new MedflError('UPLOAD_RESUME_MISMATCH', 'expired'));
    expect(await sendUpdate(expired.client, envelope, chunks)).toBe(receipt);
    expect(expired.sent).toEqual([{ from: 2, values: [3, 4] }, { from: 0, values: [1, 2, 3, 4] }]);
    const closed = coordinator(2, new MedflError('ROUND_CLOSED', 'round 2 closed while the update was streaming'));
    await expect(sendUpdate(closed.client, envelope, chunks)).rejects.toMatchObject({ code: 'ROUND_CLOSED' });
  });
});
