// The data every cell reads: UCI Heart Disease, a folder, or a synthetic consortium that `medfl generate` writes
// into the work folder first (kept there, so a resumed experiment reads the same bytes).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import type { ExperimentData } from './loadExperiment.ts';
import { runMedflChild } from './runMedflChild.ts';

export async function prepareData(data: ExperimentData, workDir: string): Promise<string> {
  if (data.kind === 'uci-heart') return 'uci-heart';
  if (data.kind === 'folder') {
    if (!existsSync(data.path)) throw new MedflError('DATASET_NOT_FOUND', `the experiment's data folder ${data.path} does not exist`);
    return data.path;
  }
  const out = join(workDir, 'data');
  if (existsSync(join(out, 'manifest.json'))) return out;
  // A generate interrupted before its manifest leaves a partial folder, which `medfl generate` will not write into.
  rmSync(out, { recursive: true, force: true });
  const { hospitals, patients, seed } = data.spec;
  const outcome = await runMedflChild(['generate', '--out', out, '--hospitals', String(hospitals), '--patients', String(patients), '--seed', String(seed)], join(workDir, 'generate.log'));
  if (outcome.exitCode !== 0) {
    throw new MedflError('EXPERIMENT_CELL_FAILED', `medfl generate exited with code ${outcome.exitCode}: ${outcome.lastStderrLine ?? 'no message'}`);
  }
  return out;
}
