// `npm run bench -- startup`: the CPU a `medfl` process spends starting, on medfl's TypeScript loader (its cache warm,
// then cold: the first start after an install or an edit) and on tsx, for the commands a consortium starts most.
// Every measurement is `node --import LOADER cli/main.ts COMMAND --help`, which loads the command's modules and exits;
// the loaders alternate within each repeat, so the machine's load falls on both alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TYPESCRIPT_LOADER } from '../../datasets/paths.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';

const COMMANDS = ['coordinator', 'participant', 'verify', 'kit'];
const REPEATS = 7;
const REPORT_CPU = join(REPO_ROOT, 'experiments', 'benchmarks', 'startup', 'reportCpu.ts');
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'medfl-ts');

interface Loader {
  readonly name: string;
  readonly module: string;
  /** Runs before each start: the cold case empties the transform cache. */
  readonly before?: () => void;
}

const LOADERS: readonly Loader[] = [
  { name: 'medfl loader, cache warm', module: TYPESCRIPT_LOADER },
  { name: 'medfl loader, cache cold', module: TYPESCRIPT_LOADER, before: () => rmSync(CACHE_DIR, { recursive: true, force: true }) },
  { name: 'tsx', module: 'tsx/esm' },
];

/** CPU seconds and wall seconds of one start of `command` on `loader`. */
function start(loader: Loader, command: string, cpuFile: string): { cpuS: number; wallS: number } {
  loader.before?.();
  rmSync(cpuFile, { force: true });
  const began = performance.now();
  const run = spawnSync(process.execPath, ['--import', loader.module, '--import', REPORT_CPU, join(REPO_ROOT, 'cli', 'main.ts'), command, '--help'], {
    cwd: REPO_ROOT, env: { ...process.env, MEDFL_BENCH_CPU_FILE: cpuFile }, encoding: 'utf8',
  });
  const wallS = (performance.now() - began) / 1000;
  if (run.status !== 0) throw new Error(`${loader.name}: medfl ${command} --help exited ${run.status}: ${run.stderr.slice(-500)}`);
  return { cpuS: Number(readFileSync(cpuFile, 'utf8').trim()), wallS };
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]) => sorted(values)[Math.floor(values.length / 2)]!;
const round3 = (value: number) => Number(value.toFixed(3));

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-bench-startup-'));
  const cpuFile = join(dir, 'cpu.txt');
  const samples = new Map<string, { cpuS: number[]; wallS: number[] }>();
  const load = [loadavg()[0]!];
  try {
    for (const command of COMMANDS) {
      for (const loader of LOADERS) start(loader, command, cpuFile); // a first start fills the caches (tsx's and medfl's)
      for (let i = 0; i < REPEATS; i += 1) {
        for (const loader of LOADERS) {
          const key = `${command}\u0000${loader.name}`;
          const taken = start(loader, command, cpuFile);
          const seen = samples.get(key) ?? { cpuS: [], wallS: [] };
          seen.cpuS.push(taken.cpuS);
          seen.wallS.push(taken.wallS);
          samples.set(key, seen);
        }
      }
      load.push(loadavg()[0]!);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // Leave the cache warm, as an install is after its first start.
    start(LOADERS[0]!, 'errors', join(tmpdir(), `medfl-bench-startup-${process.pid}.txt`));
    rmSync(join(tmpdir(), `medfl-bench-startup-${process.pid}.txt`), { force: true });
  }
  const rows: BenchRow[] = [...samples].map(([key, seen]) => {
    const [command, loader] = key.split('\u0000') as [string, string];
    const cpu = sorted(seen.cpuS);
    return { command, loader, repeats: REPEATS, cpuSecondsMedian: round3(median(cpu)), cpuSecondsMin: round3(cpu[0]!), cpuSecondsMax: round3(cpu.at(-1)!), wallSecondsMedian: round3(median(seen.wallS)) };
  });
  printBenchTable('Start-up of a medfl process, CPU seconds (npm run bench -- startup)', rows);
  writeBenchResults('startup', rows, {
    measured: '`node --import LOADER cli/main.ts COMMAND --help`: CPU (user + system, all threads) of the process, reported by itself as it exits',
    loadAverage1m: load,
  });
}
