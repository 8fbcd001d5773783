import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStandardisation } from '../../datasets/fhir/standardisationFile.ts';
import { openBedsideModel } from '../../inference/openBedsideModel.ts';
import { predictRisk } from '../../inference/predictRisk.ts';
import { FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from '../helpers/finishedRun.ts';
import { patientBundle, patientResources } from '../helpers/patientFhir.ts';
import { validateFhir } from '../helpers/validateFhir.ts';

const SITE = 'hospital-2';

let run: FinishedRun;
let dir: string;

beforeAll(async () => {
  run = await finishedRun();
  dir = mkdtempSync(join(tmpdir(), 'medfl-bedside-model-'));
}, FINISHED_RUN_TIMEOUT_MS);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (overrides: Partial<Parameters<typeof openBedsideModel>[0]> = {}) => ({ modelDir: run.finalModelDir, planFile: run.planFile, standardisation: run.siteDirs[SITE]!, ...overrides });

describe('openBedsideModel and predictRisk (the shared finished run)', () => {
  it("without a chain cites the site's provenance.json, marked as not verified, and predicts a valid RiskAssessment", async () => {
    const model = await openBedsideModel(options());
    expect(model.reference).toMatchObject({ modelHash: run.finalModelHash, runId: run.runId, round: 2, txHash: run.rounds[1]!.txHash, source: 'provenance' });
    const patient = patientResources(join(run.dataDir, SITE));
    const prediction = await predictRisk(model, { bundle: patientBundle([patient.patient, ...patient.observations]), label: 'the bundle' });
    validateFhir(prediction.riskAssessment);
    expect(prediction.patientId).toBe(patient.patientId);
    expect(prediction.probability).toBeGreaterThan(0);
    expect(prediction.probability).toBeLessThan(1);
  });

  it('refuses a model whose weights no longer match its provenance (MODEL_HASH_MISMATCH)', async () => {
    const copy = join(dir, 'tampered');
    cpSync(run.finalModelDir, copy, { recursive: true });
    const weights = join(copy, 'weights.bin');
    const bytes = readFileSync(weights);
    bytes.writeFloatLE(bytes.readFloatLE(0) + 0.5, 0);
    writeFileSync(weights, bytes);
    await expect(openBedsideModel(options({ modelDir: copy }))).rejects.toMatchObject({ code: 'MODEL_HASH_MISMATCH' });
  });

  it("refuses another plan's standardisation (STANDARDISATION_MISMATCH)", async () => {
    const file = join(dir, 'other-plan.json');
    writeFileSync(file, JSON.stringify({ ...readStandardisation(run.siteDirs[SITE]!), planHash: `0x${'1'.repeat(64)}` }));
    await expect(openBedsideModel(options({ standardisation: file }))).rejects.toThrow(`${file} was written for plan 0x${'1'.repeat(64)}, not for this plan (${run.planHash})`);
  });

  it('asks which patient when the input holds several (PATIENT_AMBIGUOUS) and answers for the one named', async () => {
    const model = await openBedsideModel(options());
    const first = patientResources(join(run.dataDir, SITE));
    const second = patientResources(join(run.dataDir, 'hospital-3'));
    const bundle = patientBundle([first.patient, ...first.observations, second.patient, ...second.observations]);
    await expect(predictRisk(model, { bundle, label: 'the bundle' })).rejects.toMatchObject({ code: 'PATIENT_AMBIGUOUS' });
    const named = await predictRisk(model, { bundle, label: 'the bundle' }, second.patientId);
    expect(named.riskAssessment.subject.reference).toBe(`Patient/${second.patientId}`);
  });

  it('refuses vital signs without the Patient resource when the plan uses age and sex (PATIENT_MISSING)', async () => {
    const model = await openBedsideModel(options());
    const patient = patientResources(join(run.dataDir, SITE));
    await expect(predictRisk(model, { bundle: patientBundle(patient.observations), label: 'the bundle' })).rejects.toThrow(
      `the bundle holds vital signs of patient ${patient.patientId} but not its Patient resource; the plan uses age and sex, so it is needed`,
    );
  });
});
