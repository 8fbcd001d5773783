// `npm run bench -- fhir`: FHIR NDJSON import throughput and peak memory at 1 M and 4 M generated observations.
// Each size is imported in its own child processes, so each peak RSS (getrusage maxrss) is that run's alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFhirSite } from '../../datasets/fhir/importFhirSite.ts';
import { loadFhirSites } from '../../datasets/fhir/loadFhirSites.ts';
import { DEFAULT_WINDOWING, featureIndex } from '../../datasets/fhir/windowing.ts';
import { generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';

const SIZES = [1_000_000, 4_000_000];
const SEED = 7;
const CHILD_ENV = 'MEDFL_BENCH_FHIR_SITE';

/** Generates one hospital with about `observations` observations (patients sized from a small pilot). */
function generateSite(root: string, observations: number): string {
  const pilot = generateConsortium({ out: join(root, 'pilot'), hospitals: 1, patients: 200, seed: SEED });
  const perPatient = (pilot.hospitals[0]?.observations ?? 1) / 200;
  rmSync(join(root, 'pilot'), { recursive: true, force: true });
  const out = join(root, `site-${observations}`);
  generateConsortium({ out, hospitals: 1, patients: Math.ceil(observations / perPatient), seed: SEED });
  return join(out, 'hospital-1');
}

/** In a child: the streaming import alone, or the whole load (import, windows, split); time and peak RSS. */
async function measureInChild(site: string, stage: string): Promise<void> {
  const settings = { featureCodes: featureIndex(DEFAULT_WINDOWING.featureCodes), extraUnits: {}, denyPurposes: ['HRESRCH'], outcome: DEFAULT_WINDOWING.outcome };
  const start = performance.now();
  const observations = stage === 'import' ? (await importFhirSite(site, settings)).tally.observations : (await loadFhirSites(site)).summaries[0]?.observations.read;
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(`${JSON.stringify({ observations, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function child(site: string, stage: 'import' | 'load'): { observations: number; seconds: number; peakRssMb: number } {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, [CHILD_ENV]: `${stage}:${site}` },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as { observations: number; seconds: number; peakRssMb: number };
}

/** Best of two import runs: the machine is shared, and the slower run measures the neighbours, not the code. */
function measure(site: string): BenchRow {
  const runs = [child(site, 'import'), child(site, 'import')];
  const imported = runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));
  const loaded = child(site, 'load');
  return {
    observations: imported.observations,
    obsPerSec: Math.round(imported.observations / imported.seconds),
    peakRssMb: Math.round(Math.max(...runs.map((run) => run.peakRssMb))),
    importSeconds: Number(imported.seconds.toFixed(2)),
    loadObsPerSec: Math.round(loaded.observations / loaded.seconds),
    loadPeakRssMb: Math.round(loaded.peakRssMb),
  };
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'medfl-bench-fhir-'));
  try {
    const rows = SIZES.map((size) => {
      const site = generateSite(root, size);
      const row = measure(site);
      rmSync(join(site, '..'), { recursive: true, force: true });
      return row;
    });
    printBenchTable('FHIR NDJSON import (one site, one process per size)', rows);
    const notes = {
      goal: '>= 200k observations/s on one core; peak RSS < 300 MB at 1 M and 4 M',
      obsPerSec: 'streaming import (importFhirSite): read, parse, LOINC match, unit normalisation, per-patient series',
      obsPerSecRuns: 'best of two import runs, each in a fresh child process',
      peakRssMb: 'maxRSS of a child process running only the import (the larger of the two runs)',
      loadObsPerSec: 'loadFhirSites end to end: import, windowed features, split, standardisation (own child process)',
      loadPeakRssMb: 'maxRSS of the child process running loadFhirSites',
    };
    process.stdout.write(`results: ${writeBenchResults('fhir', rows, notes)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const childTask = process.env[CHILD_ENV];
if (childTask !== undefined) await measureInChild(childTask.slice(childTask.indexOf(':') + 1), childTask.slice(0, childTask.indexOf(':')));
