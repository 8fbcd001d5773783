// What a fuzz run's answers add up to: counts per category and status, which answers were not a named refusal, which
// writes the coordinator took, and how long handling took.
import { isErrorCode } from '../../../common/errorCodes.ts';
import type { FuzzRecord } from './fireFuzz.ts';

/**
 * Statuses that name nothing: the server failed without saying why (UNKNOWN, or INTERNAL without a specific medfl
 * code), or never answered (DEADLINE_EXCEEDED, CANCELLED, UNAVAILABLE: the fuzzer's bound ran out or the connection
 * dropped). Any other gRPC status is named: those with a registered medfl code say exactly what was refused, and the
 * transport's own refusals (RESOURCE_EXHAUSTED for a message past 4 MiB) are the gRPC standard's name for it.
 */
const SILENT = new Set(['UNKNOWN', 'INTERNAL', 'DEADLINE_EXCEEDED', 'CANCELLED', 'UNAVAILABLE']);

/**
 * A named status: OK, any status with a registered medfl code other than INTERNAL (the code for an error the coordinator
 * did not expect, so INTERNAL with it is still a bug: a coordinator fault such as STORE_FAILED is named), or a status not
 * in SILENT.
 */
export function isNamedStatus(record: Pick<FuzzRecord, 'grpcStatus' | 'medflCode'>): boolean {
  const { grpcStatus, medflCode } = record;
  if (medflCode !== null) return isErrorCode(medflCode) && medflCode !== 'INTERNAL';
  return grpcStatus === 'OK' || !SILENT.has(grpcStatus);
}

/** Calls that write to the round: a fuzz message any of them took (OK) is malformed input the coordinator accepted. */
const WRITES = new Set(['SubmitUpdate', 'SubmitDecryptionShare', 'SubmitAttestation', 'SubmitKeyShares']);

/** The label a plot stacks: the medfl code when the answer has one, else the gRPC status. */
export const statusLabel = (record: Pick<FuzzRecord, 'grpcStatus' | 'medflCode'>): string => record.medflCode ?? record.grpcStatus;

export interface FuzzCount {
  readonly category: string;
  readonly status: string;
  readonly grpcStatus: string;
  readonly count: number;
}

export interface FuzzSummary {
  readonly messages: number;
  readonly counts: FuzzCount[];
  /** Per kind of malformation, how many and which statuses: what to read when one count looks wrong. */
  readonly byKind: Record<string, Record<string, number>>;
  readonly unnamed: FuzzRecord[];
  readonly acceptedWrites: FuzzRecord[];
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function summarizeFuzz(records: readonly FuzzRecord[]): FuzzSummary {
  const counts = new Map<string, FuzzCount>();
  const byKind: Record<string, Record<string, number>> = {};
  for (const record of records) {
    const status = statusLabel(record);
    const key = `${record.category}\0${status}\0${record.grpcStatus}`;
    const seen = counts.get(key);
    counts.set(key, { category: record.category, status, grpcStatus: record.grpcStatus, count: (seen?.count ?? 0) + 1 });
    const kind = (byKind[`${record.category}: ${record.kind}`] ??= {});
    kind[status] = (kind[status] ?? 0) + 1;
  }
  const ms = records.map((record) => record.ms).sort((a, b) => a - b);
  return {
    messages: records.length,
    counts: [...counts.values()].sort((a, b) => a.category.localeCompare(b.category) || b.count - a.count),
    byKind,
    unnamed: records.filter((record) => !isNamedStatus(record)),
    acceptedWrites: records.filter((record) => record.grpcStatus === 'OK' && WRITES.has(record.method)),
    medianMs: quantile(ms, 0.5),
    p99Ms: quantile(ms, 0.99),
    maxMs: ms.at(-1) ?? 0,
  };
}
