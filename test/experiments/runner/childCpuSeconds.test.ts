import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childCpuSeconds } from '../../../experiments/runner/childCpuSeconds.ts';

describe('childCpuSeconds', () => {
  it.runIf(process.platform === 'linux')("grows by the CPU a finished child (and the children it waited for) used", () => {
    const before = childCpuSeconds()!;
    // A shell that waits for a node grandchild burning CPU for about half a second.
    spawnSync('sh', ['-c', `"${process.execPath}" -e "const end = Date.now() + 500; while (Date.now() < end);"`]);
    const used = childCpuSeconds()! - before;
    expect(used).toBeGreaterThan(0.2);
    expect(used).toBeLessThan(5);
  });
});
