// Which code produced a results file: the git commit and whether the work tree had uncommitted changes, when git
// and a repository are there; always the package version.
import { execFileSync } from 'node:child_process';
import { cpus, platform, totalmem } from 'node:os';
import { medflVersion } from '../../cli/medflVersion.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import type { ExperimentResults } from './experimentResults.ts';

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function codeVersion(): ExperimentResults['code'] {
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no']);
  return { commit, dirty: status === null ? null : status !== '', version: medflVersion() };
}

export function machineInfo(): ExperimentResults['machine'] {
  return { node: process.version, platform: platform(), cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memGb: Math.round(totalmem() / 2 ** 30) };
}
