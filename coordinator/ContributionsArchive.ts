// The standalone coordinator's contributions manifests: one file per committed round in its store folder
// (`<store>/contributions/round-N.json`), kept when the round commits and served by GetContributions, so a site
// operator or a reviewer can run `medfl verify --contributions` without `medfl run`.
import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from '../common/log.ts';
import { MedflError } from '../common/MedflError.ts';
import {
  contributionsManifest, contributionsManifestFile, writeContributionsManifest, type RoundManifest,
} from '../common/wire/contributionsManifest.ts';
import type { CommittedRound } from '../common/wire/protocolTypes.ts';
import { contributionsManifestSchema } from '../common/wire/wireSchemas.ts';
import type { ContributionsKeeper } from './ports.ts';
import type { RoundStore } from './store/RoundStore.ts';

export class ContributionsArchive implements ContributionsKeeper {
  constructor(
    private readonly dir: string,
    private readonly store: Pick<RoundStore, 'committedRound'>,
    private readonly log: Logger,
  ) {}

  /**
   * Writes the manifest of a round now on chain. A failed write (a full disk) is logged, not thrown: the round is
   * committed whatever happens here, and `manifest()` rebuilds the file from the store's record when asked.
   */
  keep(runId: string, commit: CommittedRound): void {
    try {
      writeContributionsManifest(this.dir, contributionsManifest(runId, commit));
    } catch (thrown) {
      this.log.warn({ round: commit.round, err: thrown instanceof Error ? thrown.message : String(thrown) }, 'contributions manifest not written; it is rebuilt when asked for');
    }
  }

  /** The manifest of committed round `round` of run `runId`: the kept file, or (missing or damaged) rebuilt from the store. */
  manifest(runId: string, round: number): RoundManifest {
    const kept = this.read(round);
    if (kept?.runId === runId) return kept;
    const commit = this.store.committedRound(round)?.commit;
    if (!commit) throw new MedflError('ROUND_MISMATCH', `round ${round} is not committed, so it has no contributions manifest yet`);
    const rebuilt = contributionsManifest(runId, commit);
    this.keep(runId, commit);
    return rebuilt;
  }

  private read(round: number): RoundManifest | undefined {
    const file = contributionsManifestFile(this.dir, round);
    if (!existsSync(file)) return undefined;
    try {
      return contributionsManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (thrown) {
      this.log.warn({ file, err: thrown instanceof Error ? thrown.message : String(thrown) }, 'damaged contributions manifest; rebuilding it from the store');
      return undefined;
    }
  }
}
