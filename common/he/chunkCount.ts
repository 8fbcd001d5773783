// The one count check both codec sides apply to a list of chunks.
import { MedflError } from '../MedflError.ts';

export function assertChunkCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new MedflError('CIPHERTEXT_COUNT', `${what} has ${actual} chunks; the codec expects ${expected}`);
}

export function assertChunkIndex(index: number, chunkCount: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= chunkCount) {
    throw new MedflError('CIPHERTEXT_COUNT', `chunk index ${index} is outside 0..${chunkCount - 1}`);
  }
}
