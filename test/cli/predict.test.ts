import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RiskAssessment } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelDir } from '../../common/model/modelDir.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { latestWindow } from '../../datasets/fhir/latestWindow.ts';
import { readPatientVitals } from '../../datasets/fhir/readPatientVitals.ts';
import { applyStandardisation } from '../../datasets/fhir/standardise.ts';
import { readStandardisation } from '../../datasets/fhir/standardisationFile.ts';
import { DEFAULT_WINDOWING } from '../../datasets/fhir/windowing.ts';
import { loadSiteSplit } from '../../datasets/loadPlanData.ts';
import { MODEL_COMMIT_EXTENSION, MODEL_HASH_SYSTEM } from '../../inference/riskAssessment.ts';
import { predictProbabilities } from '../../participant/training/evaluateModel.ts';
import { FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from '../helpers/finishedRun.ts';
import { patientResources, writeNdjson, type PatientResources } from '../helpers/patientFhir.ts';
import { runCli } from '../helpers/runCli.ts';
import { validateFhir } from '../helpers/validateFhir.ts';

const SITE = 'hospital-1';
const HOUR = 3_600_000;

let run: FinishedRun;
let dir: string;
let patient: PatientResources;
let patientFile: string;

beforeAll(async () => {
  run = await finishedRun();
  dir = mkdtempSync(join(tmpdir(), 'medfl-cli-predict-'));
  patient = patientResources(join(run.dataDir, SITE));
  patientFile = writeNdjson(join(dir, 'patient.ndjson'), [patient.patient, ...patient.observations]);
}, FINISHED_RUN_TIMEOUT_MS);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modelFlags = () => ['--plan', run.planFile, '--standardisation', run.siteDirs[SITE]!];
const commitField = (assessment: RiskAssessment, url: string) => {
  const field = assessment.extension?.find((e) => e.url === MODEL_COMMIT_EXTENSION)?.extension?.find((e) => e.url === url);
  return field?.valueString ?? field?.valueInteger ?? field?.valueBoolean;
};

/** The probability tfjs gives for the patient's latest window, scaled with the site's own statistics. */
async function tfjsProbability(): Promise<number> {
  const plan = loadPlan(run.planFile);
  const windowing = { ...DEFAULT_WINDOWING, ...(plan.dataset.kind === 'fhir' ? plan.dataset.windowing : {}) };
  const { record } = await readPatientVitals({ file: patientFile }, windowing);
  const row = Float32Array.from(latestWindow(record, windowing).features);
  applyStandardisation(row, row.length, readStandardisation(run.siteDirs[SITE]!));
  const [probability] = await predictProbabilities(readModelDir(run.finalModelDir), { featureNames: plan.features, features: row, labels: new Float32Array(1), rows: 1 });
  return probability!;
}

describe('medfl predict (the shared finished run: real chain, real model)', () => {
  it("scales with exactly the statistics the site trained with: its standardisation.json is its train split's", async () => {
    const kept = readStandardisation(run.siteDirs[SITE]!);
    const split = await loadSiteSplit(loadPlan(run.planFile), run.dataDir, SITE);
    expect(kept.mean).toEqual(split.standardisation!.mean);
    expect(kept.std).toEqual(split.standardisation!.std);
    expect(kept).toMatchObject({ site: SITE, planHash: run.planHash, featureNames: split.train.featureNames, trainRows: split.train.rows });
  });

  it("turns a patient's NDJSON into a valid RiskAssessment citing the model's verified commit and the Observations used", async () => {
    const cli = await runCli(['predict', run.finalModelDir, '--fhir', patientFile, ...modelFlags(), '--rpc', run.rpcUrl, '--ledger', run.ledgerAddress, '--json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const assessment = JSON.parse(cli.stdout) as RiskAssessment;
    validateFhir(assessment);
    expect(assessment).toMatchObject({ resourceType: 'RiskAssessment', status: 'final', subject: { reference: `Patient/${patient.patientId}` } });
    expect(assessment.method?.coding?.[0]).toMatchObject({ system: MODEL_HASH_SYSTEM, code: run.finalModelHash });
    expect(commitField(assessment, 'runId')).toBe(run.runId);
    expect(commitField(assessment, 'round')).toBe(2);
    expect(commitField(assessment, 'txHash')).toBe(run.rounds[1]!.txHash);
    expect(commitField(assessment, 'ledger')).toBe(run.ledgerAddress);
    expect(commitField(assessment, 'verifiedOnChain')).toBe(true);
    // The basis is every vital-sign Observation of the 8 h before the latest one, and nothing else.
    const end = Math.max(...patient.observations.map((o) => Date.parse(o.effectiveDateTime!)));
    const inWindow = patient.observations.filter((o) => Date.parse(o.effectiveDateTime!) > end - 8 * HOUR).map((o) => `Observation/${o.id}`);
    expect(assessment.occurrenceDateTime).toBe(new Date(end).toISOString());
    expect(assessment.basis?.map((b) => b.reference).sort()).toEqual(inWindow.sort());
    const probability = assessment.prediction?.[0]?.probabilityDecimal;
    expect(probability).toBeCloseTo(await tfjsProbability(), 6);
    expect(assessment.prediction?.[0]?.outcome?.coding?.[0]).toEqual({ system: 'http://snomed.info/sct', code: '305351004' });
  });

  it('refuses too few observations in the window with VITALS_TOO_FEW and no probability', async () => {
    const latest = [...patient.observations].sort((a, b) => Date.parse(b.effectiveDateTime!) - Date.parse(a.effectiveDateTime!)).slice(0, 2);
    const file = writeNdjson(join(dir, 'sparse.ndjson'), [patient.patient, ...latest]);
    const cli = await runCli(['predict', run.finalModelDir, '--fhir', file, ...modelFlags()]);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(new RegExp(`^medfl: VITALS_TOO_FEW: patient ${patient.patientId} has 2 vital-sign values in the 8 h before .*; the plan needs at least 3\\n$`));
  });
});
