import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SiteControl } from '../../../participant/node/SiteControl.ts';

const dirs: string[] = [];
const outDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-control-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('SiteControl', () => {
  it('starts at zero and adopts only the pending c_i⁺ of the attempt that committed, across a restart', () => {
    const dir = outDir();
    const control = new SiteControl(dir, 2);
    expect(control.current('1')).toEqual({ round: 0, control: new Float32Array(2) });
    control.keepPending({ runId: '1', round: 1, attempt: 0 }, new Float32Array([1, 2]));
    control.keepPending({ runId: '1', round: 1, attempt: 1 }, new Float32Array([3, 4]));
    // Not adopted yet: the round has not committed.
    expect(control.current('1').round).toBe(0);
    const restarted = new SiteControl(dir, 2);
    restarted.adopt({ runId: '1', round: 1, attempt: 1 });
    expect(restarted.current('1')).toEqual({ round: 1, control: new Float32Array([3, 4]) });
    // Adopting the same round again (a restart before the model was saved) changes nothing.
    restarted.adopt({ runId: '1', round: 1, attempt: 0 });
    expect(restarted.current('1').control).toEqual(new Float32Array([3, 4]));
    restarted.discardThrough('1', 1);
    expect(readdirSync(join(dir, 'scaffold-control'))).toEqual(['current.json']);
    // Another run in this out dir starts from zero.
    expect(restarted.current('2')).toEqual({ round: 0, control: new Float32Array(2) });
  });

  it('keeps the first pending c_i⁺ of an attempt: the coordinator holds the first upload', () => {
    const control = new SiteControl(outDir(), 1);
    control.keepPending({ runId: '1', round: 1, attempt: 0 }, new Float32Array([1]));
    control.keepPending({ runId: '1', round: 1, attempt: 0 }, new Float32Array([9]));
    control.adopt({ runId: '1', round: 1, attempt: 0 });
    expect(control.current('1').control).toEqual(new Float32Array([1]));
  });

  it('refuses to adopt a lost pending c_i⁺ and a file of the wrong size, with STORE_FAILED', () => {
    const dir = outDir();
    const control = new SiteControl(dir, 2);
    expect(() => control.adopt({ runId: '1', round: 1, attempt: 0 })).toThrow(/round 1 committed with this site's update of attempt 0, but .* is gone/);
    control.keepPending({ runId: '1', round: 1, attempt: 0 }, new Float32Array(2));
    control.adopt({ runId: '1', round: 1, attempt: 0 });
    writeFileSync(join(dir, 'scaffold-control', 'current.json'), JSON.stringify({ runId: '1', round: 1, values: Buffer.from(new Float32Array(3).buffer).toString('base64') }));
    expect(() => control.current('1')).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('holds 3 control values but the model has 2') }));
  });
});
