// A SCAFFOLD site's own control variate c_i, kept in its out dir: the adopted one, and one pending per round attempt
// this site sent a Δc for. A pending c_i⁺ becomes c_i only when its round commits with this site's update in it, so
// the global c (which moves by exactly the committed Δc's) and the sites' c_i stay in step across failures and restarts.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MedflError } from '../../common/MedflError.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import { writeDurably } from '../writeDurably.ts';

const controlFileSchema = z.object({
  runId: z.string(),
  /** The round whose commit made it this site's c_i (0: none yet). */
  round: z.number().int().nonnegative(),
  values: z.string().base64(),
});

export interface RoundAttempt {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
}

const toBase64 = (values: Float32Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
const fromBase64 = (text: string) => new Float32Array(new Uint8Array(Buffer.from(text, 'base64')).buffer);

export class SiteControl {
  private readonly dir: string;

  constructor(outDir: string, private readonly parameters: number) {
    this.dir = join(outDir, 'scaffold-control');
  }

  private pendingFile({ runId, round, attempt }: RoundAttempt): string {
    if (!/^[0-9]+$/.test(runId)) throw new MedflError('USAGE', `run id "${runId}" is not a decimal run id`);
    return join(this.dir, `pending-${runId}-round-${round}-attempt-${attempt}.json`);
  }

  private read(file: string): z.infer<typeof controlFileSchema> & { control: Float32Array } {
    const raw = readJsonFile(file, controlFileSchema, 'SCAFFOLD control variate', { notJson: 'STORE_FAILED', invalid: 'STORE_FAILED' });
    const control = fromBase64(raw.values);
    if (control.length !== this.parameters) {
      throw new MedflError('STORE_FAILED', `${file} holds ${control.length} control values but the model has ${this.parameters}; delete it to start c_i from zero`);
    }
    return { ...raw, control };
  }

  /** This site's c_i for `runId`: zero until a round carrying its Δc committed (another run's is not it). */
  current(runId: string): { round: number; control: Float32Array } {
    const file = join(this.dir, 'current.json');
    const kept = existsSync(file) ? this.read(file) : undefined;
    return kept?.runId === runId ? { round: kept.round, control: kept.control } : { round: 0, control: new Float32Array(this.parameters) };
  }

  /**
   * Keeps the c_i⁺ this site will hold should `attempt` commit with its update, before that update is sent. The first one
   * stays: after a restart the coordinator still holds the first upload, so its Δc is the one that counts.
   */
  keepPending(attempt: RoundAttempt, control: Float32Array): void {
    const file = this.pendingFile(attempt);
    if (existsSync(file)) return;
    mkdirSync(this.dir, { recursive: true });
    writeDurably(file, JSON.stringify({ runId: attempt.runId, round: attempt.round, values: toBase64(control) }));
  }

  /**
   * Round `attempt.round` committed as `attempt` with this site's update in it: its pending c_i⁺ becomes c_i. Called again
   * for a round already adopted (a restart between this and saving the model) it changes nothing.
   */
  adopt(attempt: RoundAttempt): void {
    if (this.current(attempt.runId).round >= attempt.round) return;
    const file = this.pendingFile(attempt);
    if (!existsSync(file)) {
      throw new MedflError('STORE_FAILED', `round ${attempt.round} committed with this site's update of attempt ${attempt.attempt}, but ${file} is gone: its control variate is lost`);
    }
    const { control } = this.read(file);
    writeDurably(join(this.dir, 'current.json'), JSON.stringify({ runId: attempt.runId, round: attempt.round, values: toBase64(control) }));
  }

  /** Drops the pending c_i⁺ of `runId`'s rounds up to `round`: that round is committed, so none of them can be adopted. */
  discardThrough(runId: string, round: number): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      const match = /^pending-([0-9]+)-round-([0-9]+)-attempt-[0-9]+\.json$/.exec(name);
      if (match && match[1] === runId && Number(match[2]) <= round) rmSync(join(this.dir, name));
    }
  }
}
