// One hospital node following one run: reacts to each RunStatus by contributing, attesting or adopting a commit.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import { childLogger, type Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import type { Strategy } from '../../common/strategies/Strategy.ts';
import type { RunStatus, ValidationMetrics } from '../../common/wire/protocolTypes.ts';
import type { SiteSplit } from '../../datasets/tabular.ts';
import type { SiteCodec, SiteLedger } from '../ports.ts';
import { adoptCommit } from './adoptCommit.ts';
import { attestRound } from './attestRound.ts';
import { contributeRound } from './contributeRound.ts';
import type { CoordinatorClient } from './CoordinatorClient.ts';
import type { NextGlobalModel } from './nextGlobalModel.ts';
import type { SiteProgress, SiteState } from './SiteState.ts';

export interface SiteNodeParts {
  readonly kit: Kit;
  readonly plan: Plan;
  readonly planHash: Hash32;
  readonly split: SiteSplit;
  readonly codec: SiteCodec;
  readonly ledger: SiteLedger;
  readonly strategy: Strategy;
  readonly state: SiteState;
}

export interface Candidate extends NextGlobalModel {
  readonly round: number;
  readonly metrics: ValidationMetrics;
}

export class SiteNode {
  readonly log: Logger;
  global: ModelArtifact;
  progress: SiteProgress;
  client?: CoordinatorClient;
  candidate?: Candidate;
  /**
   * `round/attempt` keys this node has submitted (with its digest) or attested, so a repeated status is a no-op. No
   * digest when the coordinator already held an earlier upload of ours: CKKS encrypts afresh, so its digest is unknown.
   */
  readonly submitted = new Map<string, { digest?: Hash32; examples: number; loss: number }>();
  readonly attested = new Set<string>();

  constructor(
    readonly parts: SiteNodeParts,
    start: { model: ModelArtifact; progress: SiteProgress },
  ) {
    this.log = childLogger('participant', { site: parts.kit.id });
    this.global = start.model;
    this.progress = start.progress;
  }

  connection(): CoordinatorClient {
    if (!this.client) throw new MedflError('TRANSPORT_UNAVAILABLE', 'the node is not connected to the coordinator');
    return this.client;
  }

  /** Handles one status; resolves true once the run is over and this node holds its final model. */
  async onStatus(status: RunStatus): Promise<boolean> {
    if (this.progress.runId && status.runId && status.runId !== this.progress.runId) {
      throw new MedflError('PLAN_MISMATCH', `${this.parts.state.outDir} follows run ${this.progress.runId}, but the coordinator runs ${status.runId}; use another --out`);
    }
    if (status.lastCommit && status.lastCommit.round > this.progress.round) await adoptCommit(this, status.runId, status.lastCommit);
    const task = status.task;
    const key = task ? `${task.round}/${task.attempt}` : '';
    if (task && status.roundState === 'COLLECTING' && !this.submitted.has(key)) await contributeRound(this, task);
    if (task && status.roundState === 'ATTESTING' && !this.attested.has(key)) await attestRound(this, task);
    if (status.runState === 'STOPPED') throw new MedflError('RUN_STOPPED', `the coordinator stopped the run: ${status.failure || 'no reason given'}`);
    return status.runState === 'COMPLETED' && this.progress.round >= status.totalRounds;
  }
}
