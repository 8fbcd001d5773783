// `npm run bench -- feeds`: import rate of the legacy feeds (CSV long format, HL7 v2 ORU^R01) beside FHIR NDJSON, on
// one generated hospital written in all three formats (medfl data export). Each import runs in its own child process
// (best of two), so each peak RSS is that import's alone. FEEDS_BENCH_OBSERVATIONS sets the size (default 200,000).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MedflError } from '../../common/MedflError.ts';
import { exportLegacyFeed, FEED_FORMATS } from '../../datasets/feeds/exportLegacyFeed.ts';
import { importFhirSite } from '../../datasets/fhir/importFhirSite.ts';
import { DEFAULT_WINDOWING, featureIndex } from '../../datasets/fhir/windowing.ts';
import { generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';

const SEED = 7;
const CHILD_ENV = 'MEDFL_BENCH_FEEDS_SITE';
/** Mean observations per generated patient of the one hospital at seed 7 (measured: 910 patients wrote 164,627). */
const OBSERVATIONS_PER_PATIENT = 181;

interface ImportRun {
  /** FHIR Observations, CSV rows or OBX segments read. */
  observations: number;
  /** Feature values taken from them (a FHIR blood-pressure panel gives two from one Observation). */
  values: number;
  seconds: number;
  peakRssMb: number;
}

function size(): number {
  const text = process.env.FEEDS_BENCH_OBSERVATIONS ?? '200000';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1000) throw new MedflError('USAGE', `FEEDS_BENCH_OBSERVATIONS must be an integer of at least 1000 (got ${JSON.stringify(text)})`);
  return n;
}

/** In a child: one import of the site folder, its time and peak RSS. */
async function measureInChild(site: string): Promise<void> {
  const settings = { featureCodes: featureIndex(DEFAULT_WINDOWING.featureCodes), extraUnits: {}, denyPurposes: ['HRESRCH'], outcome: DEFAULT_WINDOWING.outcome };
  const start = performance.now();
  const { tally } = await importFhirSite(site, settings);
  const seconds = (performance.now() - start) / 1000;
  const values = Object.values(tally.valuesByCode).reduce((sum, n) => sum + n, 0);
  const run: ImportRun = { observations: tally.observations, values, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

function child(site: string): ImportRun {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, [CHILD_ENV]: site }, encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as ImportRun;
}

const megabytes = (dir: string) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0) / 2 ** 20;

function measure(format: string, site: string, exportSeconds: number | null): BenchRow {
  const runs = [child(site), child(site)];
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return {
    format,
    observations: best.observations,
    values: best.values,
    obsPerSec: Math.round(best.observations / best.seconds),
    valuesPerSec: Math.round(best.values / best.seconds),
    importSeconds: Number(best.seconds.toFixed(2)),
    peakRssMb: Math.round(Math.max(...runs.map((run) => run.peakRssMb))),
    fileMb: Number(megabytes(site).toFixed(1)),
    exportSeconds,
  };
}

export async function run(): Promise<void> {
  const observations = size();
  const root = mkdtempSync(join(tmpdir(), 'medfl-bench-feeds-'));
  try {
    generateConsortium({ out: join(root, 'fhir'), hospitals: 1, patients: Math.ceil(observations / OBSERVATIONS_PER_PATIENT), seed: SEED });
    const fhir = join(root, 'fhir', 'hospital-1');
    const rows = [measure('fhir-ndjson', fhir, null)];
    for (const format of FEED_FORMATS) {
      const start = performance.now();
      await exportLegacyFeed(fhir, join(root, format), format);
      rows.push(measure(format, join(root, format), Number(((performance.now() - start) / 1000).toFixed(2))));
    }
    printBenchTable('Legacy feed import beside FHIR (one site, one child process per import)', rows);
    const notes = {
      obsPerSec: "importFhirSite (read, parse, LOINC match, unit normalisation, per-patient series) over what the format calls an observation: FHIR Observations, CSV rows, HL7 OBX segments; best of two runs, each in a fresh child",
      valuesPerSec: 'feature values per second: the figure comparable across formats (a FHIR blood-pressure panel is one Observation with two values; CSV and HL7 carry them as two rows or OBX)',
      peakRssMb: 'maxRSS of a child process running only the import (the larger of its two runs)',
      exportSeconds: 'medfl data export of the FHIR site into this format (in the parent process)',
    };
    process.stdout.write(`results: ${writeBenchResults('feeds', rows, notes)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const childSite = process.env[CHILD_ENV];
if (childSite !== undefined) await measureInChild(childSite);
