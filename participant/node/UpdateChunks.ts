// An update's ciphertext chunks as the site signs and sends them: an array (small updates, tests) or a file read back
// chunk by chunk (updateChunkFile.ts), so a large update is never held encrypted in memory.

/** In index order, as often as needed; `slice(from)` yields the chunks from index `from` on (a resumed upload's rest). */
export interface UpdateChunks extends Iterable<Uint8Array> {
  readonly length: number;
  slice(from: number): Iterable<Uint8Array>;
}
