// The coordinator's service definition: every method's request deserializer hands non-protobuf bytes on as an
// UndecodableMessage (which the guard and the decoders refuse by name) instead of throwing into grpc-js's bare INTERNAL.
import { describe, expect, it } from 'vitest';
import { coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import { UndecodableMessage } from '../../../common/wire/undecodableMessage.ts';
import { fromWireUpdatePart } from '../../../common/wire/wireCodec.ts';
import { tolerantDeserializers } from '../../../coordinator/server/tolerantDeserializers.ts';

const garbage = Buffer.from([0xff, 0xff, 0xff]);

describe('tolerantDeserializers', () => {
  it('marks undecodable bytes for every method, where the plain definition throws', () => {
    const plain = coordinatorProtos().service;
    const tolerant = tolerantDeserializers(plain);
    expect(Object.keys(tolerant)).toEqual(Object.keys(plain));
    for (const [method, definition] of Object.entries(tolerant)) {
      expect(() => plain[method]!.requestDeserialize(garbage), method).toThrow();
      expect(definition.requestDeserialize(garbage), method).toBeInstanceOf(UndecodableMessage);
    }
  });

  it('still decodes a valid request, and a streamed undecodable update is refused as UPDATE_INVALID', () => {
    const { SubmitUpdate } = tolerantDeserializers(coordinatorProtos().service);
    const chunk = SubmitUpdate!.requestDeserialize(SubmitUpdate!.requestSerialize({ chunk: { index: 2, data: Buffer.from([1]) } }));
    expect(fromWireUpdatePart(chunk)).toEqual({ chunk: { index: 2, data: Buffer.from([1]) } });
    expect(() => fromWireUpdatePart(SubmitUpdate!.requestDeserialize(garbage))).toThrow(expect.objectContaining({ code: 'UPDATE_INVALID', message: expect.stringMatching(/^the 3 bytes sent are not a protobuf SubmitUpdate request/) }));
  });
});
