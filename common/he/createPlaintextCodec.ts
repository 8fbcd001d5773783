// The plaintext codec: the same interfaces as CKKS with float64 chunks and no encryption, for comparison and tests.
// Its codecId differs from every CKKS one, so a run never falls back to it silently.
import { canonicalHash } from '../canonicalJson.ts';
import { MedflError } from '../MedflError.ts';
import { assertChunkCount, assertChunkIndex } from './chunkCount.ts';
import { checkTotalExamples, checkUpdate } from './checkUpdate.ts';
import { readAggregate, type EncryptedSum, type UpdateCodec } from './UpdateCodec.ts';

export interface PlaintextParameters {
  readonly scheme: 'plaintext';
  readonly parameterCount: number;
  readonly maxExamples: number;
  readonly chunkSize: number;
  readonly chunkCount: number;
  readonly codecId: string;
}

export function choosePlaintextParameters(input: { parameterCount: number; maxExamples: number; chunkSize?: number }): PlaintextParameters {
  const { parameterCount, maxExamples, chunkSize = 4096 } = input;
  for (const [name, value] of Object.entries({ parameterCount, maxExamples, chunkSize })) {
    if (!Number.isInteger(value) || value < 1) throw new MedflError('CODEC_PARAMETERS', `${name} must be a positive integer, got ${value}`);
  }
  const fields = { scheme: 'plaintext' as const, parameterCount, maxExamples, chunkSize, chunkCount: Math.ceil(parameterCount / chunkSize) };
  return { ...fields, codecId: canonicalHash(fields) };
}

const chunkLength = (p: PlaintextParameters, index: number) => Math.min(p.chunkSize, p.parameterCount - index * p.chunkSize);

function readChunk(p: PlaintextParameters, index: number, bytes: Uint8Array): Float64Array {
  assertChunkIndex(index, p.chunkCount);
  const expected = 8 * chunkLength(p, index);
  if (bytes.length > expected) throw new MedflError('CIPHERTEXT_OVERSIZE', `plaintext chunk ${index} is ${bytes.length} bytes, expected ${expected}`);
  if (bytes.length < expected) throw new MedflError('CIPHERTEXT_TRUNCATED', `plaintext chunk ${index} is ${bytes.length} bytes, expected ${expected}`);
  const values = new Float64Array(Uint8Array.from(bytes).buffer);
  if (!values.every(Number.isFinite)) throw new MedflError('CIPHERTEXT_INVALID', `plaintext chunk ${index} holds a non-finite value`);
  return values;
}

export function createPlaintextCodec(p: PlaintextParameters): UpdateCodec {
  const codec: UpdateCodec = {
    codecId: p.codecId,
    chunkCount: p.chunkCount,
    *encryptUpdate(update, examples) {
      checkUpdate(update, examples, { ...p, maxAbsValue: Infinity });
      for (let index = 0; index < p.chunkCount; index++) {
        const start = index * p.chunkSize;
        const values = Float64Array.from(update.subarray(start, start + chunkLength(p, index)), (v) => v * examples);
        yield new Uint8Array(values.buffer);
      }
    },
    decryptAggregate(chunks, totalExamples) {
      return readAggregate(codec.openAggregate(totalExamples), chunks);
    },
    openAggregate(totalExamples) {
      checkTotalExamples(totalExamples, Number.MAX_SAFE_INTEGER);
      const mean = new Float32Array(p.parameterCount);
      let received = 0;
      return {
        add(bytes) {
          if (received === p.chunkCount) assertChunkCount('the aggregate', received + 1, p.chunkCount);
          const index = received;
          readChunk(p, index, bytes).forEach((v, i) => (mean[index * p.chunkSize + i] = v / totalExamples));
          received += 1;
        },
        finish() {
          assertChunkCount('the aggregate', received, p.chunkCount);
          return mean;
        },
      };
    },
    dispose() {},
  };
  return codec;
}

export function createPlaintextSum(p: PlaintextParameters): EncryptedSum {
  const totals = Array.from({ length: p.chunkCount }, (_, index) => new Float64Array(chunkLength(p, index)));
  let updates = 0;
  return {
    codecId: p.codecId,
    chunkCount: p.chunkCount,
    get updates() {
      return updates;
    },
    validateChunk: (index, bytes) => void readChunk(p, index, bytes),
    foldUpdate(update) {
      // Held whole: a plaintext run is for small models and tests, never the large-model path.
      const chunks = [...update];
      assertChunkCount('the update', chunks.length, p.chunkCount);
      const parsed = chunks.map((bytes, index) => readChunk(p, index, bytes));
      parsed.forEach((values, index) => {
        const total = totals[index] ?? new Float64Array(0);
        values.forEach((v, i) => (total[i] = (total[i] ?? 0) + v));
      });
      updates += 1;
    },
    checkFingerprint(maskedFingerprint) {
      // No shared secret, so no sum check: a plaintext run's envelopes carry no fingerprint.
      if (maskedFingerprint.length > 0) throw new MedflError('UPDATE_INVALID', `the envelope carries a ${maskedFingerprint.length}-byte masked fingerprint; plaintext updates carry none`);
    },
    aggregateChunk: (index) => new Uint8Array(Float64Array.from(totals[index] ?? []).buffer),
    serialize: () => totals.map((values) => new Uint8Array(Float64Array.from(values).buffer)),
    dispose() {},
  };
}
