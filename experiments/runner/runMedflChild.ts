// One experiment cell as a real `medfl … --json` child process: its JSON result, or its error code and the last line
// it wrote on stderr; the child's whole stderr goes to a log file in the work folder.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { EXIT_WITH_PARENT_ENV } from '../../common/exitWithParent.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { childCpuSeconds } from './childCpuSeconds.ts';

export interface ChildOutcome {
  readonly exitCode: number;
  /** The last line of stdout parsed as JSON (medfl prints one object with --json), if it parses. */
  readonly json: unknown;
  readonly lastStderrLine: string | null;
  readonly wallSeconds: number;
  readonly cpuSeconds: number | null;
}

function lastJsonLine(stdout: string): unknown {
  const line = stdout.trimEnd().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** Runs `medfl ARGS --json` from `cwd` and waits for it; never throws for the child's own failure. */
export function runMedflChild(args: readonly string[], logFile: string, cwd = process.cwd()): Promise<ChildOutcome> {
  const started = performance.now();
  const cpuBefore = childCpuSeconds();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args, '--json'], {
    cwd,
    // The child stops when this process dies (its stdin closes), so an interrupted experiment leaves no cell running.
    env: { ...process.env, VITEST: '', [EXIT_WITH_PARENT_ENV]: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  let stdout = '';
  let lastStderrLine: string | null = null;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const lines = chunk.toString('utf8').split('\n').filter((line) => line.trim() !== '');
    lastStderrLine = lines.at(-1) ?? lastStderrLine;
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      log.end();
      const cpuAfter = childCpuSeconds();
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        json: lastJsonLine(stdout),
        lastStderrLine,
        wallSeconds: (performance.now() - started) / 1000,
        cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      });
    });
  });
}
