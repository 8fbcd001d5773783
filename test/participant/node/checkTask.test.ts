import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { childLogger } from '../../../common/log.ts';
import { approvePlan } from '../../../common/kit/planApproval.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import { checkTask, type TaskContext } from '../../../participant/node/checkTask.ts';

const hash = (digit: string): Hash32 => `0x${digit.repeat(64)}`;
const kitDir = mkdtempSync(join(tmpdir(), 'medfl-check-task-'));
approvePlan(kitDir, { planHash: hash('a'), name: 'approved' });
approvePlan(kitDir, { planHash: hash('b'), name: 'also approved' });
afterAll(() => rmSync(kitDir, { recursive: true, force: true }));

const task: RoundTask = {
  runId: '1', round: 2, attempt: 0, planHash: hash('a'), prevModelHash: hash('1'), deadlineUnixMs: 0, minUpdates: 2,
  codecId: '0xc0dec', chunkCount: 1, expectedSites: ['site-a'], proximalMu: 0, keyHolders: [],
};

/** A context for plan a and codec 0xc0dec on model 1, with the chain's latest commit as given (read after read). */
function context(latest = { round: 1, modelHash: hash('1') }, ...later: { round: number; modelHash: Hash32 }[]): TaskContext {
  const reads = [latest, ...later];
  return { kitDir, planHash: hash('a'), codecId: '0xc0dec', modelHash: hash('1'), pollMs: 10, log: childLogger('test'), ledger: { latestModel: async () => (reads.length > 1 ? reads.shift()! : reads[0]!) } };
}

describe('checkTask (in-process ledger double)', () => {
  it('accepts the approved plan and codec starting from this node\'s model and the chain\'s latest commit', async () => {
    await expect(checkTask(context(), task)).resolves.toBeUndefined();
  });

  it('refuses an unapproved plan, another approved plan, another codec or another parent model', async () => {
    await expect(checkTask(context(), { ...task, planHash: hash('c') })).rejects.toMatchObject({ code: 'PLAN_NOT_APPROVED' });
    await expect(checkTask(context(), { ...task, planHash: hash('b') })).rejects.toThrow(`the task is for plan ${hash('b')}, this node runs plan ${hash('a')}`);
    await expect(checkTask(context(), { ...task, codecId: '0xother' })).rejects.toMatchObject({ code: 'CODEC_ID_MISMATCH' });
    await expect(checkTask(context(), { ...task, prevModelHash: hash('2') })).rejects.toThrow(`round 2 starts from ${hash('2')}, but this node's global model is ${hash('1')}`);
  });

  it('refuses a task the chain disagrees with: another model for the round this node adopted, or a later round', async () => {
    await expect(checkTask(context({ round: 1, modelHash: hash('3') }), task)).rejects.toThrow(
      `this node adopted ${hash('1')} for round 1 of run 1, but the chain holds ${hash('3')}`,
    );
    await expect(checkTask(context({ round: 1, modelHash: hash('3') }), task)).rejects.toMatchObject({ code: 'LINEAGE_BROKEN' });
    await expect(checkTask(context({ round: 2, modelHash: hash('1') }), task)).rejects.toMatchObject({ code: 'MODEL_HASH_MISMATCH' });
    await expect(checkTask(context({ round: 2, modelHash: hash('1') }), task)).rejects.toThrow(/the chain's latest commit for run 1 is round 2/);
  });

  it('waits for a chain that lost the round this node adopted until it is committed again, within the task\'s deadline', async () => {
    const lost = { round: 0, modelHash: hash('0') };
    const deadline = { ...task, deadlineUnixMs: Date.now() + 2_000 };
    await expect(checkTask(context(lost, lost, { round: 1, modelHash: hash('1') }), deadline)).resolves.toBeUndefined();
    await expect(checkTask(context(lost, lost, { round: 1, modelHash: hash('3') }), deadline)).rejects.toMatchObject({ code: 'LINEAGE_BROKEN' });
    await expect(checkTask(context(lost), { ...task, deadlineUnixMs: Date.now() + 200 })).rejects.toThrow(/the chain's latest round of run 1 is 0, below round 1 this node adopted/);
  });
});
