import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExperiment, parseExperiment } from '../../../experiments/runner/loadExperiment.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-experiment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid = { plans: ['plan.json'], data: 'uci-heart', seeds: [42], codecs: ['ckks'], strategies: [{ name: 'FedAvg', patch: {} }] };

describe('parseExperiment', () => {
  it('names every problem with its JSON path, unknown fields included', () => {
    const value = { ...valid, seeds: [42, -1], strategies: [{ name: 'FedAvg', patch: {}, codec: ['ckks'] }], baselines: { local: { training: { optimizer: 'adam' } } } };
    expect(() => parseExperiment(value, 'x.json')).toThrow(
      expect.objectContaining({
        code: 'EXPERIMENT_INVALID',
        message: expect.stringMatching(/^experiment file x\.json is invalid: .*seeds\[1\]: .*strategies\[0\]\.codec: unknown field.*baselines\.local\.training\.learningRate: missing required field/),
      }),
    );
  });

  it('refuses an arm that repeats under the same codec, and accepts it under another', () => {
    const twice = { ...valid, strategies: [{ name: 'FedAvg', patch: {} }, { name: 'FedAvg', patch: {} }] };
    expect(() => parseExperiment(twice, 'x.json')).toThrow('strategies[1].name: strategy FedAvg appears twice with codec ckks');
    const plaintext = { ...valid, strategies: [{ name: 'FedAvg', patch: {} }, { name: 'FedAvg', patch: {}, codecs: ['plaintext'] }] };
    expect(parseExperiment(plaintext, 'x.json').strategies).toHaveLength(2);
  });
  it('refuses repeated seeds or codecs, and a generate request with a field it does not know', () => {
    expect(() => parseExperiment({ ...valid, seeds: [42, 42], codecs: ['ckks', 'ckks'] }, 'x.json')).toThrow('seeds: duplicate seed; codecs: duplicate codec');
    expect(() => parseExperiment({ ...valid, data: { generate: { hospitals: 2, patients: 5, seed: 1, sites: 2 } } }, 'x.json')).toThrow('is invalid: data.generate.sites: unknown field');
  });
});

describe('loadExperiment', () => {
  it('resolves plans and data against the file and names the experiment after it', () => {
    const file = join(REPO_ROOT, 'experiments', 'definitions', 'smoke.json');
    const loaded = loadExperiment(file);
    expect(loaded.name).toBe('smoke');
    expect(loaded.plans.map((base) => base.file)).toEqual([join(REPO_ROOT, 'plans', 'uci-heart-smoke.json')]);
    expect(loaded.plans[0]!.plan.consortium.sites).toEqual(['cleveland', 'hungary']);
    expect(loaded.data).toEqual({ kind: 'uci-heart' });
  });

  it('says in one line when the file is missing or not JSON', () => {
    expect(() => loadExperiment(join(dir, 'absent.json'))).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND', message: `experiment file ${join(dir, 'absent.json')} does not exist` }));
    writeFileSync(join(dir, 'broken.json'), '{"plans": [');
    expect(() => loadExperiment(join(dir, 'broken.json'))).toThrow(expect.objectContaining({ code: 'EXPERIMENT_NOT_JSON', message: expect.stringContaining(`experiment file ${join(dir, 'broken.json')} is not JSON`) }));
  });

  it('reads a folder of data relative to the file, and a generate request as it is', () => {
    writeFileSync(join(dir, 'plan.json'), readFileSync(join(REPO_ROOT, 'plans', 'uci-heart-smoke.json')));
    writeFileSync(join(dir, 'folder.json'), JSON.stringify({ ...valid, data: 'hospitals' }));
    expect(loadExperiment(join(dir, 'folder.json')).data).toEqual({ kind: 'folder', path: join(dir, 'hospitals') });
    writeFileSync(join(dir, 'generate.json'), JSON.stringify({ ...valid, data: { generate: { hospitals: 3, patients: 40, seed: 7 } } }));
    expect(loadExperiment(join(dir, 'generate.json')).data).toEqual({ kind: 'generate', spec: { hospitals: 3, patients: 40, seed: 7 } });
  });
});
