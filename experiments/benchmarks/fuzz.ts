// `npm run bench -- fuzz`: issue 17's fuzz at a live coordinator. 10,000 malformed messages (raw bytes, wrong field
// values, bent ciphertexts, lying envelopes) from an authenticated consortium site while a real round collects; then
// whether the coordinator stayed up, whether every message got a named status, and whether the round committed.
import { loadavg } from 'node:os';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';
import { FUZZ_CALL_DEADLINE_MS } from './fuzz/FuzzClient.ts';
import { FUZZING_SITE, HONEST_SITES } from './fuzz/fuzzConsortium.ts';
import { runFuzz } from './fuzz/fuzzRun.ts';

const COUNT = 10_000;
const SEED = 17;
/**
 * The bound on sending, from the round's opening. 300 messages took 13 s on this 2-core machine at load average 21
 * (median answer 7 ms, plus ~10 ms to build a case: most carry an ed25519 signature), so 10,000 need 3 to 7 minutes;
 * 15 leave room for a niced bench on a busier machine.
 */
const FUZZ_SECONDS = 900;
/** Start-up before the round opens, and attestations and commit after its deadline, on a niced bench under load. */
const SLACK_SECONDS = 600;
/** The round closes only at its deadline (the fuzzing site never uploads): a minute after the fuzz's bound. */
const ROUND_DEADLINE_SECONDS = FUZZ_SECONDS + 60;

export async function run(): Promise<void> {
  const report = await runFuzz({ count: COUNT, seed: SEED, roundDeadlineSeconds: ROUND_DEADLINE_SECONDS, fuzzSeconds: FUZZ_SECONDS, slackSeconds: SLACK_SECONDS });
  const rows: BenchRow[] = report.counts.map((count) => ({ ...count }));
  printBenchTable(`fuzz: ${report.messages} malformed messages by category and status`, rows);
  const file = writeBenchResults('fuzz', rows, {
    setup: `a real run: anvil, \`medfl coordinator\`, \`medfl participant\` for ${HONEST_SITES.join(', ')} (UCI heart, single-key CKKS, 1 round, 1 local epoch); ${FUZZING_SITE} is the 4th consortium site and the fuzzer, with its own kit's mTLS identity and signing key, and runs no participant. minUpdates 3 of 4 and all 3 honest attestations commit the round, which closes at its ${ROUND_DEADLINE_SECONDS} s deadline since the fuzzer never uploads`,
    method: `seed ${SEED}; categories in turn (bytes, fields, ciphertext, envelope), a kind drawn per message; one message at a time, each with a ${FUZZ_CALL_DEADLINE_MS / 1000} s call deadline; bounded by ${COUNT} messages and ${FUZZ_SECONDS} s from the round's opening`,
    namedStatus: 'OK, or a registered medfl code other than INTERNAL, or a gRPC status other than UNKNOWN, INTERNAL, DEADLINE_EXCEEDED, CANCELLED, UNAVAILABLE (RESOURCE_EXHAUSTED without a medfl code is grpc-js refusing a message over the 4 MiB limit)',
    messages: report.messages,
    unnamed: report.unnamed.length,
    unnamedExamples: report.unnamed.slice(0, 10),
    acceptedWrites: report.acceptedWrites.length,
    crashes: report.crashes,
    coordinatorPid: report.coordinatorPid,
    medianMs: Number(report.medianMs.toFixed(2)),
    p99Ms: Number(report.p99Ms.toFixed(2)),
    maxMs: Number(report.maxMs.toFixed(2)),
    fuzzSeconds: Number(report.fuzzSeconds.toFixed(1)),
    roundStateAfterFuzz: report.roundStateAfterFuzz,
    roundCommitted: report.roundCommitted,
    latestRoundOnChain: report.latestRoundOnChain,
    contributors: report.contributors,
    totalSeconds: Number(report.totalSeconds.toFixed(1)),
    loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
    byKind: report.byKind,
  });
  process.stdout.write(`\n${report.messages} messages, ${report.unnamed.length} without a named status, ${report.acceptedWrites.length} accepted, ${report.crashes} crashes, round committed: ${report.roundCommitted}\nwrote ${file}\n`);
}
