// The local-training seed of one site in one round attempt: derived from the plan seed, so reruns repeat exactly.
import { createHash } from 'node:crypto';

export function trainingSeed(planSeed: number, site: string, round: number, attempt: number): number {
  return createHash('sha256').update(JSON.stringify([planSeed, site, round, attempt])).digest().readUInt32LE(0);
}
