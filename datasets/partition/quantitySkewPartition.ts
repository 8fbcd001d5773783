// Quantity skew: client sizes drawn from Dirichlet(alpha) (smaller alpha, more unequal), labels left IID.
import { MedflError } from '../../common/MedflError.ts';
import { Random } from '../synthetic/Random.ts';
import { checkClients } from './iidPartition.ts';

/** Row indices per client; every client gets at least one row. */
export function quantitySkewPartition(rows: number, clients: number, alpha: number, seed: number): number[][] {
  checkClients(clients, rows);
  if (!(alpha > 0)) throw new MedflError('USAGE', `Dirichlet alpha must be positive (got ${alpha})`);
  const random = new Random(seed);
  const shares = random.dirichlet(alpha, clients);
  const spare = rows - clients;
  const sizes = shares.map((share) => 1 + Math.floor(share * spare));
  // Rounding down leaves a few rows over; they go to the largest clients first.
  const byShare = [...shares.keys()].sort((a, b) => (shares[b] ?? 0) - (shares[a] ?? 0));
  for (let left = rows - sizes.reduce((s, n) => s + n, 0), i = 0; left > 0; left--, i++) {
    const client = byShare[i % clients] ?? 0;
    sizes[client] = (sizes[client] ?? 0) + 1;
  }
  const order = random.shuffle([...Array(rows).keys()]);
  let start = 0;
  return sizes.map((size) => order.slice(start, (start += size)).sort((a, b) => a - b));
}
