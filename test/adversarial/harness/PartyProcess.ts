// A dishonest party's script (test/adversarial/parties/*.ts) run as its own OS process as medfl runs its own, with the same
// surface the harness uses of MedflProcess: stdout JSON lines, stderr to a log file, exit code, a clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { EXIT_WITH_PARENT_ENV } from '../../../common/exitWithParent.ts';
import { parseJsonLine } from '../../../consortium/MedflProcess.ts';
import { TYPESCRIPT_LOADER } from '../../../datasets/paths.ts';

/** What the harness needs of any party process, honest (MedflProcess) or dishonest (PartyProcess). */
export interface Party {
  readonly name: string;
  onLine(listener: (line: string) => void): () => void;
  waitForJson<T>(accept: (value: Record<string, unknown>) => T | undefined, timeoutMs: number): Promise<T>;
  exitCode(): Promise<number>;
  stop(graceMs?: number): Promise<number>;
}

export class PartyProcess implements Party {
  private readonly child: ChildProcess;
  private readonly listeners = new Set<(line: string) => void>();
  private readonly exited: Promise<number>;

  /** Starts `node --import TYPESCRIPT_LOADER SCRIPT ARGS`; it exits when this process does (stdin closes), as medfl parties do. */
  constructor(readonly name: string, script: string, args: readonly string[], readonly logPath: string) {
    const log = createWriteStream(logPath, { flags: 'a' });
    this.child = spawn(process.execPath, ['--import', TYPESCRIPT_LOADER, script, ...args], {
      env: { ...process.env, VITEST: '', [EXIT_WITH_PARENT_ENV]: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr?.pipe(log);
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.listeners.forEach((listener) => listener(line)));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
    void this.exited.then(() => log.end());
  }

  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first stdout JSON object `accept` takes; rejects when the process exits or time runs out. */
  waitForJson<T>(accept: (value: Record<string, unknown>) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${this.name}: nothing accepted within ${timeoutMs} ms; see ${this.logPath}`)), timeoutMs);
      const unlisten = this.onLine((line) => {
        const value = parseJsonLine(line);
        const accepted = value === undefined ? undefined : accept(value);
        if (accepted !== undefined) done(undefined, accepted);
      });
      void this.exited.then((code) => done(new Error(`${this.name} exited with code ${code}; see ${this.logPath}`)));
      const done = (error?: Error, value?: T) => {
        clearTimeout(timer);
        unlisten();
        if (error) reject(error);
        else resolve(value as T);
      };
    });
  }

  exitCode(): Promise<number> {
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<number> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exited;
  }
}
