// Sends fuzz cases to the coordinator one at a time, bounded by count (the generator's) and by wall time, and keeps
// each answer. One at a time: the fuzzing site stays within its per-site call limit, so every answer is about the
// message itself, and the same seed gives the same sequence of answers.
import type { FuzzAnswer, FuzzClient } from './FuzzClient.ts';
import type { FuzzCase, FuzzCategory } from './fuzzMessages.ts';

export interface FuzzRecord extends FuzzAnswer {
  readonly category: FuzzCategory;
  readonly kind: string;
  readonly method: string;
}

/** Longest `details` kept per record: enough to read why, without keeping 10,000 copies of a long message. */
const DETAILS_KEPT = 200;

export async function fireFuzz(client: FuzzClient, cases: Iterable<FuzzCase>, untilMs: number): Promise<FuzzRecord[]> {
  const records: FuzzRecord[] = [];
  for (const fuzzCase of cases) {
    if (Date.now() >= untilMs) break;
    const answer = await client.send(fuzzCase.method, fuzzCase.messages);
    records.push({ category: fuzzCase.category, kind: fuzzCase.kind, method: fuzzCase.method, ...answer, details: answer.details.slice(0, DETAILS_KEPT) });
  }
  return records;
}
