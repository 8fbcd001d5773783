// `npm run bench -- soak`: N sites × R threshold-CKKS rounds of the demo's small model with one fault per round (a site
// killed and restarted, a slow site, an upload dropped midway, a late joiner, the coordinator killed and restarted every
// 20th round); writes experiments/results/soak.json. Sizes from the environment: SOAK_SITES (64), SOAK_ROUNDS (100),
// SOAK_SITES_PER_HOST (16), SOAK_SEED (1), SOAK_DEADLINE_SECONDS (300: also bounds round 1's wait for every site's key
// shares, 288 s at 64 sites here), SOAK_FAULTS (every kind; a comma-separated list of site-restart, slow-site,
// upload-dropped, late-join, coordinator-restart, or none); SOAK_SWEEP=8,16,32 also runs those site counts for
// SOAK_SWEEP_ROUNDS (3) rounds each, for round time against sites.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { RESULTS_DIR } from '../plots/plotResults.ts';
import { FAULT_KINDS, parseFaultKinds } from './soak/faultSchedule.ts';
import { runSoak, type SoakOptions, type SoakResult } from './soak/runSoak.ts';

function positiveInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new MedflError('USAGE', `${name} must be a positive whole number, not ${JSON.stringify(text)}`);
  return value;
}

function sweepSites(): number[] {
  const text = process.env.SOAK_SWEEP ?? '';
  if (text === '') return [];
  const sizes = text.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new MedflError('USAGE', `SOAK_SWEEP must list site counts of at least 2, e.g. 8,16,32, not ${JSON.stringify(text)}`);
  return sizes;
}

/** Defaults of the soak; a site is absent from a round for 1–5 s at most. */
export function soakOptions(sites: number, rounds: number, workDir: string): SoakOptions {
  return {
    sites, rounds, workDir,
    sitesPerHost: positiveInt('SOAK_SITES_PER_HOST', 16),
    seed: positiveInt('SOAK_SEED', 1),
    patientsPerSite: 30,
    coordinatorEvery: 20,
    faultKinds: parseFaultKinds(process.env.SOAK_FAULTS || FAULT_KINDS.join(',')),
    roundDeadlineSeconds: positiveInt('SOAK_DEADLINE_SECONDS', 300),
    minDelayMs: 1_000,
    maxDelayMs: 5_000,
  };
}

async function soakIn(workDir: string, sites: number, rounds: number): Promise<SoakResult> {
  const dir = join(workDir, `${sites}x${rounds}`);
  mkdirSync(dir, { recursive: true });
  const result = await runSoak(soakOptions(sites, rounds, dir));
  process.stdout.write(`${sites} sites × ${rounds} rounds: ${JSON.stringify(result.summary)}\n`);
  return result;
}

export async function run(): Promise<string> {
  const sites = positiveInt('SOAK_SITES', 64);
  const rounds = positiveInt('SOAK_ROUNDS', 100);
  const sweep = sweepSites();
  const sweepRounds = positiveInt('SOAK_SWEEP_ROUNDS', 3);
  const workDir = mkdtempSync(join(tmpdir(), 'medfl-soak-'));
  try {
    const sweepRows = [];
    for (const size of sweep) {
      const small = await soakIn(workDir, size, sweepRounds);
      sweepRows.push({ sites: size, rounds: sweepRounds, hosts: small.hosts, keySetupSeconds: small.keySetupSeconds, ...small.summary });
    }
    const main = await soakIn(workDir, sites, rounds);
    const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memGb: Math.round(totalmem() / 2 ** 30), loadAverage1m: loadavg()[0] };
    const options = soakOptions(sites, rounds, '(temporary)');
    const file = join(RESULTS_DIR, 'soak.json');
    writeFileSync(file, `${JSON.stringify({ bench: 'soak', date: new Date().toISOString(), machine, options, ...main, sweep: [...sweepRows, { sites, rounds, hosts: main.hosts, keySetupSeconds: main.keySetupSeconds, ...main.summary }] }, null, 2)}\n`);
    process.stdout.write(`wrote ${file}\n`);
    return file;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
