// Which stored chunk differs from the one recomputed from signed parts: how a replay names what was altered.

/** The first index where `stored` and `expected` differ (a missing chunk counts), or undefined when they are equal. */
export function changedChunk(stored: readonly Uint8Array[], expected: readonly Uint8Array[]): number | undefined {
  const count = Math.max(stored.length, expected.length);
  for (let index = 0; index < count; index += 1) {
    const [a, b] = [stored[index], expected[index]];
    if (!a || !b || Buffer.compare(a, b) !== 0) return index;
  }
  return undefined;
}
