// Several hospital nodes in one OS process, so that many sites fit on few cores: each keeps its own kit, keys, TLS
// identity, gRPC channel and out folder, and they share nothing but the process. Stopping a site drops its in-memory
// state; starting it again resumes from its out folder, as a restarted `medfl participant` would.
import { MedflError } from '../../common/MedflError.ts';
import { runParticipant, type ParticipantOptions, type ParticipantResult } from '../node/runParticipant.ts';

export interface HostedSite extends ParticipantOptions {
  readonly id: string;
}

interface Outcome {
  readonly result: Promise<ParticipantResult>;
  resolve(result: ParticipantResult): void;
  reject(error: unknown): void;
}

function outcome(): Outcome {
  let resolve!: (result: ParticipantResult) => void;
  let reject!: (error: unknown) => void;
  const result = new Promise<ParticipantResult>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // A site that fails is reported by finished(); until someone asks, its rejection is not unhandled.
  result.catch(() => undefined);
  return { result, resolve, reject };
}

export class SiteHost {
  private readonly sites = new Map<string, HostedSite>();
  private readonly running = new Map<string, ReturnType<typeof runParticipant>>();
  private readonly outcomes = new Map<string, Outcome>();

  constructor(sites: readonly HostedSite[]) {
    for (const site of sites) {
      if (this.sites.has(site.id)) throw new MedflError('USAGE', `site ${site.id} is hosted twice`);
      this.sites.set(site.id, site);
      this.outcomes.set(site.id, outcome());
    }
  }

  get siteIds(): string[] {
    return [...this.sites.keys()];
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Starts the site's node from its out folder; its end (not a stop) settles finished(). */
  start(id: string): void {
    const site = this.sites.get(id);
    if (!site) throw new MedflError('USAGE', `site ${id} is not hosted here (hosted: ${this.siteIds.join(', ')})`);
    if (this.running.has(id)) return;
    const node = runParticipant(site);
    this.running.set(id, node);
    node.done.then(
      (result) => this.outcomes.get(id)!.resolve(result),
      (error: unknown) => {
        // A node ended by stop() rejects too; only one that ended on its own has failed.
        if (this.running.get(id) === node) this.outcomes.get(id)!.reject(error);
      },
    ).finally(() => {
      if (this.running.get(id) === node) this.running.delete(id);
    });
  }

  /** Stops the site's node (cancels its calls, closes its channel, frees its keys); a no-op if it is not running. */
  async stop(id: string): Promise<void> {
    const node = this.running.get(id);
    if (!node) return;
    this.running.delete(id);
    await node.stop();
  }

  /** Stops the site now and starts it again from its out folder after `afterMs`. */
  async restart(id: string, afterMs: number): Promise<void> {
    await this.stop(id);
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    this.start(id);
  }

  startAll(): void {
    for (const id of this.sites.keys()) this.start(id);
  }

  /** Every site's result once each has followed the run to its end; rejects with the first site that failed. */
  finished(): Promise<ParticipantResult[]> {
    return Promise.all([...this.outcomes.values()].map((entry) => entry.result));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }
}
