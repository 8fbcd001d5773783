// A seeded PRNG in plain JS (xoshiro128**), so genesis weights, splits and shuffles are identical on every machine.
import { createHash } from 'node:crypto';

export interface SeededRandom {
  /** The next uniform 32-bit unsigned integer. */
  uint32(): number;
  /** The next uniform float in [0, 1), with 32 bits of randomness. */
  float(): number;
  /** A uniform integer in [0, n), without modulo bias. */
  int(n: number): number;
}

/** Four non-zero 32-bit words from sha256(seed, tags): unrelated streams for unrelated purposes. */
function stateFrom(seed: number, tags: readonly string[]): Uint32Array {
  const digest = createHash('sha256').update(JSON.stringify([seed, ...tags])).digest();
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i += 1) state[i] = digest.readUInt32LE(i * 4);
  if (state.every((word) => word === 0)) state[0] = 1;
  return state;
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** The xoshiro128** generator (Blackman & Vigna) over a 4-word state, which it advances in place. */
export function xoshiro128ss(s: Uint32Array): () => number {
  return () => {
    const s0 = s[0] ?? 0;
    const s1 = s[1] ?? 0;
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s[2] = (s[2] ?? 0) ^ s0;
    s[3] = (s[3] ?? 0) ^ s1;
    s[1] = s1 ^ (s[2] ?? 0);
    s[0] = s0 ^ (s[3] ?? 0);
    s[2] = (s[2] ?? 0) ^ t;
    s[3] = rotl(s[3] ?? 0, 11);
    return result;
  };
}

/** A generator for `seed`; `tags` name the purpose (e.g. 'genesis'), so two purposes never share a stream. */
export function seededRandom(seed: number, ...tags: string[]): SeededRandom {
  const uint32 = xoshiro128ss(stateFrom(seed, tags));
  const int = (n: number): number => {
    // Rejection sampling keeps every value in [0, n) equally likely.
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const value = uint32();
      if (value < limit) return value % n;
    }
  };
  return { uint32, float: () => uint32() / 2 ** 32, int };
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, random: SeededRandom): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  for (let i = n - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return order;
}
