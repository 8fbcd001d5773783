// Randomness for DP-SGD from the OS's CSPRNG (node:crypto), never from the plan's seed: every party knows the seed and
// could replay seeded noise and subtract it, and privacy amplification by subsampling assumes the batch is secret too.
import { randomBytes } from 'node:crypto';

/** A uniform float in [0, 1) with 53 random bits. */
export function secureUniform(): number {
  const bytes = randomBytes(8);
  const high = bytes.readUInt32LE(0) >>> 11; // 21 bits
  const low = bytes.readUInt32LE(4); // 32 bits
  return (high * 2 ** 32 + low) / 2 ** 53;
}

/** `count` independent standard normal draws (Box–Muller on 32-bit uniforms, u1 kept away from 0). */
export function secureGaussian(count: number): Float64Array {
  const out = new Float64Array(count);
  const pairs = Math.ceil(count / 2);
  const bytes = randomBytes(8 * pairs);
  for (let p = 0; p < pairs; p += 1) {
    const u1 = (bytes.readUInt32LE(8 * p) + 1) / 4294967297;
    const u2 = bytes.readUInt32LE(8 * p + 4) / 4294967296;
    const radius = Math.sqrt(-2 * Math.log(u1));
    out[2 * p] = radius * Math.cos(2 * Math.PI * u2);
    if (2 * p + 1 < count) out[2 * p + 1] = radius * Math.sin(2 * Math.PI * u2);
  }
  return out;
}
