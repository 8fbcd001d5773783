// Label skew: each class is spread over the clients in Dirichlet(alpha) proportions, the split of Yurochkin et
// al. 2019 ("Bayesian Nonparametric Federated Learning of Neural Networks") used by most FL benchmarks since.
import { MedflError } from '../../common/MedflError.ts';
import { Random } from '../synthetic/Random.ts';
import { checkClients } from './iidPartition.ts';

/** Row indices per client. With a small alpha some clients see almost only one class; a client may get none. */
export function labelSkewPartition(labels: ArrayLike<number>, clients: number, alpha: number, seed: number): number[][] {
  checkClients(clients, labels.length);
  if (!(alpha > 0)) throw new MedflError('USAGE', `Dirichlet alpha must be positive (got ${alpha})`);
  const random = new Random(seed);
  const classes = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  const parts: number[][] = Array.from({ length: clients }, () => []);
  for (const label of classes) {
    const rows = random.shuffle([...Array(labels.length).keys()].filter((row) => labels[row] === label));
    const shares = random.dirichlet(alpha, clients);
    let start = 0;
    let cumulative = 0;
    shares.forEach((share, client) => {
      cumulative += share;
      const end = client === clients - 1 ? rows.length : Math.round(cumulative * rows.length);
      parts[client]?.push(...rows.slice(start, end));
      start = Math.max(start, end);
    });
  }
  return parts.map((part) => part.sort((a, b) => a - b));
}
