// NumPy's legacy RandomState (MT19937 seeded from one 32-bit integer) as far as permutations need it, so that
// FLamby's scikit-learn split with random_state=43 can be reproduced row for row without Python.

const N = 624;
const M = 397;

export interface LegacyRandomState {
  /** The next 32-bit output of MT19937 (Matsumoto & Nishimura 1998). */
  uint32(): number;
  /** A uniform integer in [0, max] by masked rejection, as NumPy's random_interval draws it. */
  interval(max: number): number;
  /** np.random.RandomState.permutation(n): Fisher–Yates from the end, j = interval(i). */
  permutation(n: number): number[];
}

function seedState(seed: number): Uint32Array {
  const mt = new Uint32Array(N);
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i += 1) {
    const previous = mt[i - 1] ?? 0;
    mt[i] = (Math.imul(1812433253, (previous ^ (previous >>> 30)) >>> 0) + i) >>> 0;
  }
  return mt;
}

function twist(mt: Uint32Array): void {
  for (let i = 0; i < N; i += 1) {
    const y = ((mt[i] ?? 0) & 0x80000000) | ((mt[(i + 1) % N] ?? 0) & 0x7fffffff);
    mt[i] = ((mt[(i + M) % N] ?? 0) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
  }
}

export function legacyRandomState(seed: number): LegacyRandomState {
  const mt = seedState(seed);
  let position = N;
  const uint32 = (): number => {
    if (position >= N) {
      twist(mt);
      position = 0;
    }
    let y = mt[position] ?? 0;
    position += 1;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  const interval = (max: number): number => {
    if (max === 0) return 0;
    let mask = max;
    for (const shift of [1, 2, 4, 8, 16]) mask |= mask >>> shift;
    for (;;) {
      const value = (uint32() & mask) >>> 0;
      if (value <= max) return value;
    }
  };
  const permutation = (n: number): number[] => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i -= 1) {
      const j = interval(i);
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    return order;
  };
  return { uint32, interval, permutation };
}
