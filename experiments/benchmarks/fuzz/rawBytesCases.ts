// Category `bytes`: request bytes that are not a well-formed protobuf message of the method's type (random bytes, a
// valid message cut short or with bits flipped, a field with an impossible wire type, a message past the 4 MiB limit),
// sent to any method. Only the server's deserializer stands between them and the handlers.
import type { SeededRandom } from '../../../common/seededRandom.ts';
import { MESSAGE_LIMIT_BYTES } from '../../../common/wire/loadProtos.ts';
import type { CoordinatorMethod } from './FuzzClient.ts';
import { encode, randomBytes, signedEnvelope, updateStream, type CaseMaker, type FuzzMaterial } from './fuzzMessages.ts';

/** Every method a site may call except WatchRun, whose stream stays open for the run's life rather than answering. */
const METHODS: readonly CoordinatorMethod[] = [
  'GetRunStatus', 'GetPlan', 'SubmitUpdate', 'FetchAggregate', 'SubmitDecryptionShare', 'SubmitAttestation', 'GetContributions', 'SubmitKeyShares', 'FetchKeyShares',
];

const pick = <T>(random: SeededRandom, items: readonly T[]): T => items[random.int(items.length)]!;

/** A valid SubmitUpdate envelope message: the richest message to bend into an invalid one. */
const validEnvelopeMessage = (material: FuzzMaterial): Buffer => updateStream(signedEnvelope(material, material.chunks), [])[0]!;

/** Cut inside the message, so a length-delimited field or a varint runs past the end. */
function truncated(random: SeededRandom, message: Buffer): Buffer {
  return message.subarray(0, 1 + random.int(message.length - 1));
}

function bitFlipped(random: SeededRandom, message: Buffer): Buffer {
  const copy = Buffer.from(message);
  for (let flips = 1 + random.int(8); flips > 0; flips -= 1) {
    const at = random.int(copy.length);
    copy[at]! ^= 1 << random.int(8);
  }
  return copy;
}

/** A tag with wire type 6 or 7, which protobuf does not define. */
function badWireType(random: SeededRandom): Buffer {
  return Buffer.concat([Buffer.from([((1 + random.int(15)) << 3) | (6 + random.int(2))]), randomBytes(random, random.int(16))]);
}

/** A length prefix that promises more bytes than follow (field 1, length-delimited). */
function overlongLength(random: SeededRandom): Buffer {
  return Buffer.concat([Buffer.from([0x0a, 0x80 + random.int(128), 0x01 + random.int(127)]), randomBytes(random, random.int(32))]);
}

/** One protobuf-valid SubmitUpdate chunk whose bytes field alone is just past the receive limit. */
function oversized(): Buffer {
  return encode('SubmitUpdate', { chunk: { index: 0, data: Buffer.alloc(MESSAGE_LIMIT_BYTES + 1) } });
}

export const RAW_BYTES_CASES: Record<string, CaseMaker> = {
  'random bytes': (random) => ({ method: pick(random, METHODS), messages: [randomBytes(random, 1 + random.int(2048))] }),
  'truncated message': (random, material) => ({ method: pick(random, METHODS), messages: [truncated(random, validEnvelopeMessage(material))] }),
  'bit-flipped message': (random, material) => ({ method: 'SubmitUpdate', messages: [bitFlipped(random, validEnvelopeMessage(material))] }),
  'undefined wire type': (random) => ({ method: pick(random, METHODS), messages: [badWireType(random)] }),
  'length past the end': (random) => ({ method: pick(random, METHODS), messages: [overlongLength(random)] }),
  'garbage after a valid envelope': (random, material) => ({ method: 'SubmitUpdate', messages: [validEnvelopeMessage(material), randomBytes(random, 1 + random.int(512))] }),
  'message over 4 MiB': () => ({ method: 'SubmitUpdate', messages: [oversized()] }),
};
