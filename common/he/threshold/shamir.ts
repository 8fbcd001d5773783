// Shamir secret sharing over Z_q, one independent polynomial per coefficient, so the key-level vectors of threshold
// CKKS (N residues) are shared, summed and recombined coefficient by coefficient. Key-level work only (N × sites):
// BigInt is fast enough here and keeps the arithmetic obviously right.
import { randomBytes } from 'node:crypto';
import { MedflError } from '../../MedflError.ts';

const mod = (value: bigint, q: bigint): bigint => ((value % q) + q) % q;

/** a^(q−2) mod q: the inverse, q being prime. */
function inverse(value: bigint, q: bigint): bigint {
  let result = 1n;
  let base = mod(value, q);
  for (let exponent = q - 2n; exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % q;
    base = (base * base) % q;
  }
  return result;
}

function checkPoints(points: readonly number[], q: bigint): void {
  const distinct = new Set(points);
  if (points.length === 0 || distinct.size !== points.length || points.some((x) => !Number.isInteger(x) || x < 1 || BigInt(x) >= q)) {
    throw new MedflError('CODEC_PARAMETERS', `Shamir points must be distinct integers in 1..q−1, got [${points.join(', ')}]`);
  }
}

/** `count` uniform residues mod q from the OS CSPRNG (64-bit draws masked to q's width, ≥ q rejected). */
function uniformResidues(count: number, q: bigint): bigint[] {
  const mask = (1n << BigInt(q.toString(2).length)) - 1n;
  const out: bigint[] = [];
  while (out.length < count) {
    const draws = new BigUint64Array(randomBytes(8 * (count - out.length + 8)).buffer);
    for (const draw of draws) {
      const value = draw & mask;
      if (value < q && out.length < count) out.push(value);
    }
  }
  return out;
}

/** Shares of `secret` for each x in `points`: any `threshold` of them rebuild it, fewer reveal nothing. */
export function shareSecret(secret: BigUint64Array, q: bigint, threshold: number, points: readonly number[]): BigUint64Array[] {
  checkPoints(points, q);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > points.length) {
    throw new MedflError('CODEC_PARAMETERS', `a Shamir threshold must be an integer in 1..${points.length} (the share count), got ${threshold}`);
  }
  const shares = points.map(() => new BigUint64Array(secret.length));
  const xs = points.map(BigInt);
  const random = uniformResidues((threshold - 1) * secret.length, q);
  for (let i = 0; i < secret.length; i++) {
    // f(x) = secret + r_1·x + … + r_{t−1}·x^{t−1}, evaluated by Horner's rule from r_{t−1} down to the secret.
    const higher = random.slice(i * (threshold - 1), (i + 1) * (threshold - 1));
    xs.forEach((x, j) => {
      let value = 0n;
      for (const c of higher) value = (value * x + c) % q;
      shares[j]![i] = (value * x + (secret[i] ?? 0n)) % q;
    });
  }
  return shares;
}

/** λ_j with Σ_j λ_j·f(x_j) = f(0) for every polynomial f of degree < |points|: λ_j = Π_{m≠j} x_m / (x_m − x_j). */
export function lagrangeAtZero(points: readonly number[], q: bigint): bigint[] {
  checkPoints(points, q);
  return points.map((xj, j) => {
    let numerator = 1n;
    let denominator = 1n;
    points.forEach((xm, m) => {
      if (m === j) return;
      numerator = (numerator * BigInt(xm)) % q;
      denominator = mod(denominator * BigInt(xm - xj), q);
    });
    return (numerator * inverse(denominator, q)) % q;
  });
}

/** Coefficient-wise Σ of equally long residue vectors mod q: a share of the sum of the shared secrets. */
export function addShares(shares: readonly BigUint64Array[], q: bigint): BigUint64Array {
  const length = shares[0]?.length ?? 0;
  if (shares.some((share) => share.length !== length)) throw new MedflError('KEY_INVALID', 'key shares of different lengths cannot be added');
  const sum = new BigUint64Array(length);
  for (const share of shares) {
    for (let i = 0; i < length; i++) sum[i] = ((sum[i] ?? 0n) + (share[i] ?? 0n)) % q;
  }
  return sum;
}

/** λ·share mod q, coefficient-wise. */
export function scaleShare(share: BigUint64Array, lambda: bigint, q: bigint): BigUint64Array {
  return share.map((value) => (value * mod(lambda, q)) % q);
}
