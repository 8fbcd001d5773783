// `npm run bench -- fhir`: FHIR NDJSON import throughput and peak memory at 1 M and 4 M generated observations.
// Each size is imported in its own child process, so its peak RSS (getrusage maxrss) is that import's alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFhirSite } from '../../datasets/fhir/importFhirSite.ts';
import { loadFhirSites } from '../../datasets/fhir/loadFhirSites.ts';
import { DEFAULT_WINDOWING } from '../../datasets/fhir/windowing.ts';
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

/** In the child: the streaming import alone, then the whole load (import, windows, split), both timed. */
async function measureInChild(site: string): Promise<void> {
  const settings = { featureCodes: new Set(DEFAULT_WINDOWING.featureCodes), extraUnits: {}, denyPurposes: ['HRESRCH'], outcome: DEFAULT_WINDOWING.outcome };
  let start = performance.now();
  const context = await importFhirSite(site, settings);
  const importSeconds = (performance.now() - start) / 1000;
  const observations = context.tally.observations;
  context.patients.clear();
  start = performance.now();
  const { summaries } = await loadFhirSites(site);
  const loadSeconds = (performance.now() - start) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ observations, importSeconds, loadSeconds, windows: summaries[0]?.windows.total ?? 0, peakRssMb })}\n`);
}

function measure(site: string): BenchRow {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, [CHILD_ENV]: site },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const child = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  const observations = child.observations ?? 0;
  return {
    observations,
    obsPerSec: Math.round(observations / (child.importSeconds ?? Number.NaN)),
    peakRssMb: Math.round(child.peakRssMb ?? Number.NaN),
    importSeconds: Number((child.importSeconds ?? 0).toFixed(2)),
    loadWithWindowsObsPerSec: Math.round(observations / (child.loadSeconds ?? Number.NaN)),
    windows: child.windows ?? 0,
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
      obsPerSec: 'streaming import only: read, parse, LOINC match, unit normalisation, per-patient series',
      loadWithWindowsObsPerSec: 'loadFhirSites end to end: import, windowed features, split, standardisation',
      peakRssMb: 'maxRSS of the child process over both passes',
    };
    process.stdout.write(`results: ${writeBenchResults('fhir', rows, notes)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const childSite = process.env[CHILD_ENV];
if (childSite !== undefined) await measureInChild(childSite);
