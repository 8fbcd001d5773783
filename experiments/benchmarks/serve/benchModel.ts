// What `npm run bench -- serve` predicts with: the demo plan's model shape (its genesis weights: latency does not
// depend on their values), a generated hospital's real standardisation, and that hospital's busiest patient as a Bundle.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, FhirResource, Observation } from 'fhir/r4.js';
import { genesisModel } from '../../../common/model/genesis.ts';
import { writeModelDir } from '../../../common/model/modelDir.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import { writeStandardisation } from '../../../datasets/fhir/standardisationFile.ts';
import { loadSiteSplit } from '../../../datasets/loadPlanData.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import { generateConsortium } from '../../../datasets/synthetic/generateConsortium.ts';

export interface BenchModel {
  readonly modelDir: string;
  readonly planFile: string;
  readonly standardisation: string;
  /** The patient's whole record, and only what the latest window needs (the last 8 h): what a monitor might send. */
  readonly bundle: Bundle;
  readonly recentBundle: Bundle;
  readonly observations: number;
}

const lines = (file: string): FhirResource[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as FhirResource);

const asBundle = (resources: readonly FhirResource[]): Bundle => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })) });

function busiestPatient(siteDir: string, windowHours: number): { bundle: Bundle; recentBundle: Bundle; observations: number } {
  const bySubject = new Map<string, Observation[]>();
  for (const observation of lines(join(siteDir, 'Observation.ndjson')) as Observation[]) {
    const id = observation.subject?.reference?.replace('Patient/', '') ?? '';
    bySubject.set(id, [...(bySubject.get(id) ?? []), observation]);
  }
  const [id, observations] = [...bySubject.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  const patient = lines(join(siteDir, 'Patient.ndjson')).find((resource) => resource.id === id)!;
  const time = (observation: Observation) => Date.parse(observation.effectiveDateTime ?? '');
  const end = Math.max(...observations.map(time));
  const recent = observations.filter((observation) => time(observation) > end - windowHours * 3_600_000);
  return { bundle: asBundle([patient, ...observations]), recentBundle: asBundle([patient, ...recent]), observations: observations.length };
}

export async function benchModel(dir: string): Promise<BenchModel> {
  const planFile = join(REPO_ROOT, 'plans', 'demo.json');
  const plan = loadPlan(planFile);
  const data = join(dir, 'hospitals');
  generateConsortium({ out: data, hospitals: 1, patients: 40, seed: 3 });
  const split = await loadSiteSplit(plan, data, 'hospital-1');
  const site = join(dir, 'site');
  const model = genesisModel(plan);
  const modelDir = join(site, 'model');
  writeModelDir(modelDir, model);
  // Not on any chain: the bench times requests, and the chain is read once, before the first one.
  const provenance = { runId: '1', round: 1, modelHash: modelHash(model), chainId: 31337, ledgerAddress: `0x${'0'.repeat(40)}`, txHash: '' };
  writeFileSync(join(modelDir, 'provenance.json'), JSON.stringify(provenance));
  const { mean, std } = split.standardisation!;
  writeStandardisation(site, { site: 'hospital-1', planHash: planHash(plan), featureNames: [...split.train.featureNames], mean: [...mean], std: [...std], trainRows: split.train.rows });
  return { modelDir, planFile, standardisation: site, ...busiestPatient(join(data, 'hospital-1'), 8) };
}
