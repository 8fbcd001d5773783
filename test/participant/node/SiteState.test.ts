import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelHash } from '../../../common/model/modelHash.ts';
import { SiteState } from '../../../participant/node/SiteState.ts';
import { tinyModel } from '../../helpers/tinyModel.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-site-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SiteState', () => {
  it('reloads the committed model and progress, moments included', () => {
    const state = new SiteState(join(dir, 'ok'));
    expect(state.load()).toBeUndefined();
    const model = tinyModel();
    const progress = { runId: '1', round: 2, modelHash: modelHash(model), strategyState: { step: 2, moments: { m: new Float32Array([0.5, -1]) } } };
    state.saveCommitted(model, progress, { round: 2 }, { round: 2 });
    const loaded = state.load()!;
    expect(modelHash(loaded.model)).toBe(progress.modelHash);
    expect(loaded.progress.round).toBe(2);
    expect(Array.from(loaded.progress.strategyState.moments.m!)).toEqual([0.5, -1]);
  });

  it('names a damaged state.json instead of failing with a TypeError', () => {
    const state = new SiteState(join(dir, 'damaged'));
    const model = tinyModel();
    state.saveCommitted(model, { runId: '1', round: 1, modelHash: modelHash(model), strategyState: { step: 0, moments: {} } }, {}, {});
    writeFileSync(join(dir, 'damaged', 'state.json'), JSON.stringify({ runId: '1', round: 1 }));
    expect(() => state.load()).toThrow(/^site progress file .*state\.json is invalid: modelHash: .*; strategyState: .*; delete it to start the site from the genesis model$/);
  });

  it('keeps the coordinator\'s receipt in receipts/round-R-attempt-A.json across a restart, only for its own run', () => {
    const outDir = join(dir, 'receipts');
    const receipt = { runId: '3', round: 2, attempt: 1, site: `0x${'a1'.repeat(20)}`, digest: `0x${'d'.repeat(64)}` as const, signature: `0x${'5'.repeat(130)}` };
    const file = new SiteState(outDir).saveReceipt({ receipt, examples: 7 });
    expect(file).toBe(join(outDir, 'receipts', 'round-2-attempt-1.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ receipt, examples: 7 });
    expect(existsSync(`${file}.tmp`)).toBe(false);
    const restarted = new SiteState(outDir);
    expect(restarted.heldReceipt('3', 2, 1)).toEqual({ receipt, examples: 7 });
    expect(restarted.heldReceipt('4', 2, 1)).toBeUndefined();
    expect(restarted.heldReceipt('3', 2, 0)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ receipt: { ...receipt, signature: '0x12' }, examples: 7 }));
    expect(() => restarted.heldReceipt('3', 2, 1)).toThrow(expect.objectContaining({ code: 'RECEIPT_INVALID', message: expect.stringMatching(/^update receipt .*round-2-attempt-1\.json is invalid: receipt\.signature: /) }));
  });
});
