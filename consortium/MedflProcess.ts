// A `medfl` subcommand running as its own OS process, with its stdout lines observable and a clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isErrorCode } from '../common/errorCodes.ts';
import { MedflError } from '../common/MedflError.ts';
import { REPO_ROOT } from '../datasets/paths.ts';
import { EXIT_WITH_PARENT_ENV } from '../common/exitWithParent.ts';

type LineListener = (line: string) => void;

/** A stdout line as a JSON object, or undefined for anything else (text output, a half-written line). */
export function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class MedflProcess {
  readonly name: string;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<LineListener>();
  private readonly exited: Promise<number>;
  private readonly logFile: WriteStream;
  private readonly logPath: string;
  private stopping = false;
  /** The error the child printed (`{"error":{code,message}}` with --json) before it exited, if any. */
  private reported?: { code: string; message: string };

  /** Starts `medfl ARGS`; its stderr (JSON log lines) goes to `logPath`. */
  constructor(name: string, args: readonly string[], logPath: string, env: Record<string, string> = {}) {
    this.name = name;
    this.logPath = logPath;
    this.logFile = createWriteStream(logPath, { flags: 'a' });
    this.child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args], {
      // The parent's folder, so a relative path (--data hospitals, --work runs/a) means to the child what it meant to the user.
      cwd: process.cwd(),
      // stdin stays an open pipe that is never written: when this process dies, the child sees it close and stops.
      env: { ...process.env, VITEST: '', [EXIT_WITH_PARENT_ENV]: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr?.pipe(this.logFile);
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.remember(line);
      this.listeners.forEach((listener) => listener(line));
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  }

  private remember(line: string): void {
    const error = parseJsonLine(line)?.error as { code?: unknown; message?: unknown } | undefined;
    if (error && typeof error.code === 'string') this.reported = { code: error.code, message: String(error.message ?? '') };
  }

  /** Why the child ended: its own error (code and message), or its exit code and where its log is. */
  private exitError(code: number): MedflError {
    if (this.reported && isErrorCode(this.reported.code)) return new MedflError(this.reported.code, `${this.name}: ${this.reported.message}`);
    return new MedflError('PARTY_EXITED', `${this.name} exited with code ${code}; see ${this.logPath}`);
  }

  /**
   * Resolves with the child's error once it exits unasked with a non-zero code (never when stop() ended it, nor on
   * a clean exit); stays pending otherwise, so it can race the work that needs the child.
   */
  failure(): Promise<MedflError> {
    return new Promise((resolve) => {
      void this.exited.then((code) => {
        if (code !== 0 && !this.stopping) resolve(this.exitError(code));
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  onLine(listener: LineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first stdout JSON object that `accept` takes; rejects if the process exits or time runs out. */
  waitForJson<T>(accept: (value: Record<string, unknown>) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new MedflError('PARTY_NOT_READY', `${this.name} did not become ready within ${timeoutMs} ms; see ${this.logPath}`)), timeoutMs);
      const stopListening = this.onLine((line) => {
        const value = parseJsonLine(line);
        if (value === undefined) return;
        const accepted = accept(value);
        if (accepted !== undefined) finish(undefined, accepted);
      });
      void this.exited.then((code) => finish(code === 0 ? new MedflError('PARTY_EXITED', `${this.name} exited before it was ready; see ${this.logPath}`) : this.exitError(code)));
      const finish = (error?: MedflError, value?: T) => {
        clearTimeout(timer);
        stopListening();
        if (error) reject(error);
        else resolve(value as T);
      };
    });
  }

  exitCode(): Promise<number> {
    return this.exited;
  }

  /** SIGKILL, as a crash would; for fault tests. */
  crash(): Promise<number> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** The exit code, or undefined if the process is still running after `timeoutMs`. */
  async exitWithin(timeoutMs: number): Promise<number | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    const code = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    return code;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<number> {
    this.stopping = true;
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.logFile.end();
    return this.exited;
  }
}
