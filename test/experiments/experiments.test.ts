import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../datasets/paths.ts';

const experiments = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'experiments/experiments.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('npm run experiments', () => {
  it('names the shipped experiments in one line with a code when none is given', () => {
    const run = experiments();
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: name the experiment to run: npm run experiments -- <dp-heart|flamby-heart|flamby-heart-tuned|flamby-heart-tuning|smoke|synthetic-iomt|synthetic-iomt-large|synthetic-iomt-large-tuning|synthetic-iomt-tuning> [--fresh] [--report-only]\n');
  });

  it('refuses an unknown name with FILE_NOT_FOUND and the names it knows, starting nothing', () => {
    const run = experiments('flamby-hart');
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^medfl: FILE_NOT_FOUND: there is no experiment flamby-hart in experiments\/definitions; npm run experiments -- <dp-heart\|flamby-heart\|flamby-heart-tuned\|flamby-heart-tuning\|smoke\|synthetic-iomt\|synthetic-iomt-large\|synthetic-iomt-large-tuning\|synthetic-iomt-tuning>/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
