import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKit } from '../../../common/kit/loadKit.ts';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { replayGroupSecret } from '../../../consortium/replay/replayGroupSecret.ts';
import { RoundStore } from '../../../coordinator/store/RoundStore.ts';
import { sharePayloadBytes } from '../../../participant/threshold/sharePayload.ts';
import { provisionConsortium } from '../../../provision/provisionConsortium.ts';
import { FINISHED_RUN_SITES, FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from '../../helpers/finishedRun.ts';

describe('replayGroupSecret', () => {
  let dir: string;
  let run: FinishedRun;
  let store: RoundStore;
  let source: (kitDir: string) => Parameters<typeof replayGroupSecret>[0];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-replay-group-'));
    run = await finishedRun();
    cpSync(run.coordinatorStore, join(dir, 'store'), { recursive: true });
    store = RoundStore.openReadOnly(join(dir, 'store'));
    const params = runCodecParameters(loadPlan(run.planFile));
    if (params.scheme !== 'ckks') throw new Error('the shared run is encrypted');
    const expected = { runId: run.runId, codecId: params.codecId, threshold: params.threshold!, payloadBytes: sharePayloadBytes(params.polyModulusDegree) };
    source = (kitDir) => ({ kit: loadKit(kitDir), store, expected, degree: params.polyModulusDegree });
  }, FINISHED_RUN_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("rebuilds the same G from every site's kit and the store alone, and another G for other key holders", () => {
    const keyHolders = store.committedRound(1)!.task.keyHolders;
    expect(keyHolders).toEqual([...FINISHED_RUN_SITES]);
    const secrets = FINISHED_RUN_SITES.map((site) => Buffer.from(replayGroupSecret(source(run.kits[site]!), keyHolders)).toString('hex'));
    expect(new Set(secrets).size).toBe(1);
    const pair = replayGroupSecret(source(run.kits['hospital-1']!), ['hospital-1', 'hospital-2']);
    expect(Buffer.from(pair).toString('hex')).not.toBe(secrets[0]);
  });

  it('refuses with RUN_MISMATCH a kit that is no key holder, and a kit of another consortium whose keys open nothing stored', async () => {
    const kitDir = run.kits['hospital-3']!;
    expect(() => replayGroupSecret(source(kitDir), ['hospital-1', 'hospital-2'])).toThrow(expect.objectContaining({
      code: 'RUN_MISMATCH',
      message: `kit ${kitDir} (hospital-3) cannot replay run ${run.runId}: hospital-3 is not among the attempt's key holders (hospital-1, hospital-2); use a kit of one of the run's sites`,
    }));
    const other = await provisionConsortium({ consortium: 'other', sites: [...FINISHED_RUN_SITES], outDir: join(dir, 'other') });
    const stranger = other.kitDirs['hospital-1']!;
    expect(() => replayGroupSecret(source(stranger), [...FINISHED_RUN_SITES])).toThrow(expect.objectContaining({
      code: 'RUN_MISMATCH',
      message: `kit ${stranger} (hospital-1) cannot replay run ${run.runId}: the store holds no key share hospital-1 sealed with this kit's keys; use a kit of one of the run's sites`,
    }));
  });
});
