// IID partition: rows shuffled and dealt into `clients` parts of (nearly) equal size.
import { MedflError } from '../../common/MedflError.ts';
import { Random } from '../synthetic/Random.ts';

export function checkClients(clients: number, rows: number): void {
  if (!Number.isInteger(clients) || clients < 1 || clients > rows) {
    throw new MedflError('USAGE', `cannot split ${rows} rows into ${clients} clients: need an integer between 1 and the row count`);
  }
}

/** Row indices per client, each part sorted. */
export function iidPartition(rows: number, clients: number, seed: number): number[][] {
  checkClients(clients, rows);
  const order = new Random(seed).shuffle([...Array(rows).keys()]);
  return Array.from({ length: clients }, (_, c) => order.filter((_, i) => i % clients === c).sort((a, b) => a - b));
}
