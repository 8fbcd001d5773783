import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processTreeCpuSeconds } from '../../../experiments/runner/processTreeCpuSeconds.ts';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A shell (own process group, so one kill ends it and its child) whose node child burns `ms` of CPU, then idles. */
function burningTree(ms: number): ChildProcess {
  const script = `const end = Date.now() + ${ms}; while (Date.now() < end); setTimeout(() => {}, 60000);`;
  return spawn('sh', ['-c', `"${process.execPath}" -e "${script}"; true`], { stdio: 'ignore', detached: true });
}

describe('processTreeCpuSeconds', () => {
  it.runIf(process.platform === 'linux')('counts the CPU of live children and grandchildren while they run', async () => {
    const before = processTreeCpuSeconds()!;
    const tree = burningTree(500);
    try {
      await settle(1500);
      const used = processTreeCpuSeconds()! - before;
      expect(used).toBeGreaterThan(0.2);
      expect(used).toBeLessThan(5);
      // From the shell down: the grandchild's burn is the whole of it.
      expect(processTreeCpuSeconds(tree.pid!)).toBeGreaterThan(0.2);
    } finally {
      process.kill(-tree.pid!, 'SIGKILL');
    }
  });

  it.runIf(process.platform === 'linux')('is zero under a process with no children', async () => {
    const child = spawn('sleep', ['5'], { stdio: 'ignore' });
    try {
      await settle(100);
      expect(processTreeCpuSeconds(child.pid!)).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
