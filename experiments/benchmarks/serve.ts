// `npm run bench -- serve`: what a bedside prediction costs. `medfl serve`'s request path (parse the Bundle, window,
// scale, forward pass, RiskAssessment) over loopback HTTP against a server in its own process (one JS thread, so one
// core), with one client (latency) and with 8 (throughput); beside it the forward pass alone, plain Float32 vs tfjs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tf from '@tensorflow/tfjs';
import { forwardOne } from '../../common/model/denseNetwork.ts';
import { readModelDir } from '../../common/model/modelDir.ts';
import { openBedsideModel } from '../../inference/openBedsideModel.ts';
import { predictRisk } from '../../inference/predictRisk.ts';
import { toLayersModel } from '../../participant/training/layersModelIo.ts';
import { ensureBackend } from '../../participant/training/tfBackend.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';
import { benchModel, type BenchModel } from './serve/benchModel.ts';

const FORWARD_CALLS = 20_000;
const TFJS_CALLS = 500;
const IN_PROCESS_CALLS = 200;
const WARM_UP = 100;
const SEQUENTIAL_REQUESTS = 400;
const CONCURRENT_REQUESTS = 800;
const CLIENTS = 8;

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function summary(measure: string, durationsMs: number[], extra: BenchRow = {}): BenchRow {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { measure, calls: sorted.length, p50Ms: round(quantile(sorted, 0.5), 4), p99Ms: round(quantile(sorted, 0.99), 4), meanMs: round(mean, 4), ...extra };
}

/** The forward pass alone, per row: plain Float32 (timed in batches of 100, its calls are too short for one each) and tfjs. */
async function forwardPasses(bench: BenchModel): Promise<BenchRow[]> {
  const model = await openBedsideModel(bench);
  const row = Float32Array.from({ length: model.network.inputWidth }, (_, i) => Math.sin(i));
  const plain: number[] = [];
  for (let batch = 0; batch < FORWARD_CALLS / 100; batch++) {
    const start = performance.now();
    for (let i = 0; i < 100; i++) forwardOne(model.network, row);
    plain.push((performance.now() - start) / 100);
  }
  await ensureBackend();
  const layers = await toLayersModel(readModelDir(bench.modelDir));
  const once = () => tf.tidy(() => (layers.predict(tf.tensor2d(row, [1, row.length])) as tf.Tensor).dataSync()[0]);
  for (let i = 0; i < WARM_UP; i++) once();
  const tfjs = Array.from({ length: TFJS_CALLS }, () => {
    const start = performance.now();
    once();
    return performance.now() - start;
  });
  layers.dispose();
  return [summary('forward pass, plain Float32 (per row, batches of 100)', plain), summary(`forward pass, tfjs ${tf.getBackend()} (model built once)`, tfjs)];
}

/** predictRisk without HTTP: Bundle to RiskAssessment in this process. */
async function inProcess(bench: BenchModel): Promise<BenchRow> {
  const model = await openBedsideModel(bench);
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + IN_PROCESS_CALLS; i++) {
    const start = performance.now();
    await predictRisk(model, { bundle: bench.bundle, label: 'bench' });
    if (i >= WARM_UP) times.push(performance.now() - start);
  }
  return summary('predictRisk in process (no HTTP)', times);
}

interface Server {
  readonly url: string;
  /** Stops the server; resolves with the CPU time its process used after it started listening. */
  stop(): Promise<number>;
}

async function startServer(bench: BenchModel): Promise<Server> {
  const script = join(import.meta.dirname, 'serve', 'serveModel.ts');
  const child = spawn(process.execPath, [...process.execArgv, script, bench.modelDir, bench.planFile, bench.standardisation], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, MEDFL_LOG_LEVEL: 'warn' } });
  const reports = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await reports.next();
  const { url } = JSON.parse(String(first.value)) as { url: string };
  const stop = async () => {
    child.kill('SIGTERM');
    const last = await reports.next();
    return (JSON.parse(String(last.value)) as { cpuMs: number }).cpuMs;
  };
  return { url, stop };
}

async function timedPost(url: string, body: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${url}/$predict`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the bench server answered ${response.status}`);
  return performance.now() - start;
}

/** `requests` requests from `clients` closed-loop clients: each sends its next request when its last is answered. */
async function load(url: string, body: string, clients: number, requests: number): Promise<{ times: number[]; seconds: number }> {
  const times: number[] = [];
  let sent = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (sent < requests) {
      sent += 1;
      times.push(await timedPost(url, body));
    }
  }));
  return { times, seconds: (performance.now() - start) / 1000 };
}

async function overHttp(bench: BenchModel): Promise<BenchRow[]> {
  const server = await startServer(bench);
  const body = JSON.stringify(bench.bundle);
  await load(server.url, body, 1, WARM_UP);
  const recent = JSON.stringify(bench.recentBundle);
  const rows: BenchRow[] = [];
  const cases = [['whole record', body, 1, SEQUENTIAL_REQUESTS], ['whole record', body, CLIENTS, CONCURRENT_REQUESTS], ['last 8 h', recent, 1, SEQUENTIAL_REQUESTS]] as const;
  for (const [what, payload, clients, requests] of cases) {
    const { times, seconds } = await load(server.url, payload, clients, requests);
    const extra = { bundleBytes: payload.length, clients, requestsPerSecond: round(requests / seconds, 1) };
    rows.push(summary(`POST /$predict, ${what}, ${clients} client${clients > 1 ? 's' : ''}`, times, extra));
  }
  const cpuMs = await server.stop();
  const answered = WARM_UP + cases.reduce((sum, [, , , requests]) => sum + requests, 0);
  return [...rows, { measure: 'server CPU per request (all of the above)', serverCpuMsPerRequest: round(cpuMs / answered, 4) }];
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-bench-serve-'));
  try {
    const bench = await benchModel(dir);
    const rows = [...(await forwardPasses(bench)), await inProcess(bench), ...(await overHttp(bench))];
    printBenchTable(`Bedside prediction: one patient (${bench.observations} Observations, ${JSON.stringify(bench.bundle).length} bytes) with the demo plan's model`, rows);
    const notes = {
      patient: { observations: bench.observations, bundleBytes: JSON.stringify(bench.bundle).length },
      model: 'plans/demo.json: 32 features, Dense 16 ReLU, Dense 1 sigmoid (genesis weights; latency does not depend on their values)',
      server: 'inference/serveRisk.ts in its own node process (one JS thread = one core); the load generator is this process, on loopback',
      serverCpuMsPerRequest: "the server process's CPU time (user + system) over every request it answered (warm-up and every case) divided by their number",
      requestsPerSecond: 'closed loop: each client sends its next request when the last is answered',
      loadAverage1m: loadavg()[0] ?? null,
    };
    const file = writeBenchResults('serve', rows, notes);
    process.stdout.write(`\nwrote ${file}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
