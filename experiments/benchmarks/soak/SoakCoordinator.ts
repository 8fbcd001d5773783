// The soak's coordinator: `medfl coordinator` on a fixed port, killed and restarted on the same store. Its commits are
// timed as they are announced, whichever lifetime announces them; a restart announcing the last commit again is
// counted, not taken for a second commit.
import type { MedflError } from '../../../common/MedflError.ts';
import { parseJsonLine, type MedflProcess } from '../../../consortium/MedflProcess.ts';
import { coordinatorAddress, coordinatorProcess } from '../../../consortium/partyProcesses.ts';
import type { SoakWorld } from './soakWorld.ts';

export interface CommitSeen {
  readonly round: number;
  readonly runId: string;
  /** performance.now() when the commit was announced. */
  readonly at: number;
  /** Which coordinator lifetime announced it (1 for the first process). */
  readonly life: number;
}

export class SoakCoordinator {
  private current?: MedflProcess;
  private failed?: MedflError;
  private lives = 0;
  readonly commits = new Map<number, CommitSeen>();
  repeatedAnnouncements = 0;
  finishedState?: string;

  constructor(
    private readonly world: SoakWorld,
    private readonly port: number,
    private readonly onCommit: (commit: CommitSeen) => void,
  ) {}

  get pid(): number | undefined {
    return this.current?.pid;
  }

  get life(): number {
    return this.lives;
  }

  /** Starts a coordinator process on the soak's store and port; resolves with its address once it listens. */
  async start(): Promise<string> {
    const party = coordinatorProcess(this.world.dir, this.world.kitDirs.coordinator!, this.world.planFile, this.world.chain, this.port);
    this.current = party;
    this.lives += 1;
    const life = this.lives;
    party.onLine((line) => this.onLine(line, life));
    // A process that dies unasked is the soak's failure; one killed by restart() is not.
    void party.failure().then((error) => {
      if (this.current === party) this.failed = error;
    });
    return coordinatorAddress(party, 120_000);
  }

  private onLine(line: string, life: number): void {
    const event = parseJsonLine(line);
    if (event?.event === 'finished') this.finishedState = String(event.runState);
    if (event?.event !== 'committed') return;
    const round = Number(event.round);
    if (this.commits.has(round)) {
      this.repeatedAnnouncements += 1;
      return;
    }
    const commit = { round, runId: String(event.runId), at: performance.now(), life };
    this.commits.set(round, commit);
    this.onCommit(commit);
  }

  /** Kills the coordinator as a crash would (SIGKILL) and starts another on the same store and port. */
  async restart(): Promise<void> {
    const party = this.current;
    this.current = undefined;
    await party?.crash();
    await this.start();
  }

  /** The coordinator's failure, if it died unasked. */
  get failure(): MedflError | undefined {
    return this.failed;
  }

  async stop(): Promise<void> {
    await this.current?.stop();
  }
}
