import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostHeaps } from '../../../../experiments/benchmarks/soak/hostHeaps.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-soak-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const adopted = (site: string, round: number, heapAfterGcMb: number) =>
  JSON.stringify({ level: 30, time: 1, component: 'participant', site, round, memory: { rssMb: 500, heapUsedMb: heapAfterGcMb + 40, heapAfterGcMb }, msg: 'committed model adopted' });

describe('hostHeaps', () => {
  it("sums each host's least heap of a round, for the rounds every host logged", () => {
    const first = join(dir, 'host-1.log');
    const second = join(dir, 'host-2.log');
    writeFileSync(first, [
      adopted('a', 1, 60.5), adopted('b', 1, 55.2),
      JSON.stringify({ level: 30, round: 2, memory: { heapAfterGcMb: 1 }, msg: 'round opened' }), // not a memory sample of the round
      adopted('a', 2, 70.1), adopted('b', 2, 64),
      adopted('a', 3, 66),
      JSON.stringify({ level: 30, round: 3, site: 'b', memory: { heapUsedMb: 30, heapAfterGcMb: null }, msg: 'committed model adopted' }), // no major GC yet
      '{"level":30,"round":3,"memory":{"heapU', // cut short by a kill
    ].join('\n'));
    writeFileSync(second, [adopted('c', 1, 40), adopted('c', 2, 41.3)].join('\n'));
    expect([...hostHeaps([first, second])]).toEqual([[1, 95.2], [2, 105.3]]);
    expect([...hostHeaps([first, join(dir, 'missing.log')])]).toEqual([]);
    expect([...hostHeaps([])]).toEqual([]);
  });
});
