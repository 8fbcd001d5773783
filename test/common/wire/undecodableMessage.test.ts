// Bytes that are not protobuf become a value the decoders refuse with a medfl code, never a throw inside grpc-js.
import { describe, expect, it } from 'vitest';
import { markUndecodable, refuseUndecodable, UndecodableMessage } from '../../../common/wire/undecodableMessage.ts';

const strictDecode = (bytes: Buffer): { first: number } => {
  if (bytes[0] !== 0x08) throw new Error('index out of range: 3 + 1 > 3');
  return { first: bytes[1] ?? 0 };
};

describe('undecodableMessage', () => {
  it('passes decodable bytes through and marks the others with their method, length and reason', () => {
    const decode = markUndecodable('SubmitUpdate', strictDecode);
    expect(decode(Buffer.from([0x08, 0x05]))).toEqual({ first: 5 });
    expect(decode(Buffer.from([0xff, 0xff, 0xff]))).toEqual(new UndecodableMessage('SubmitUpdate', 3, 'index out of range: 3 + 1 > 3'));
  });

  it('refuses a marked message with WIRE_INVALID, or the code its decoder uses, and lets anything else by', () => {
    const marked = new UndecodableMessage('GetPlan', 3, 'index out of range: 3 + 1 > 3');
    expect(() => refuseUndecodable(marked)).toThrow(expect.objectContaining({ code: 'WIRE_INVALID', message: 'the 3 bytes sent are not a protobuf GetPlan request (index out of range: 3 + 1 > 3)' }));
    expect(() => refuseUndecodable(marked, 'UPDATE_INVALID')).toThrow(expect.objectContaining({ code: 'UPDATE_INVALID' }));
    expect(() => refuseUndecodable({ body: 'chunk' })).not.toThrow();
    expect(() => refuseUndecodable(undefined)).not.toThrow();
  });
});
