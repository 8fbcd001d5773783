// A dishonest coordinator, as a process: the real `medfl coordinator` (real store, gRPC server, ledger client, kit)
// with one behaviour changed in this process only. Test-only; nothing outside test/adversarial imports it.
//   node --import bin/loadTypeScript.js dishonestCoordinator.ts --attack <name> --attack-round <n> coordinator --json --kit … --plan …
import type { LedgerRunInput } from '../../../contracts/createLedgerRun.ts';
import { LedgerClient } from '../../../contracts/LedgerClient.ts';
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { FedAvg } from '../../../common/strategies/FedAvg.ts';
import type { CollectProgress } from '../../../common/strategies/Strategy.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { RoundAttempt } from '../../../coordinator/rounds/RoundAttempt.ts';
import { RunEngine } from '../../../coordinator/rounds/RunEngine.ts';
import { announceAttack, runMedfl, takeAttackFlags } from './attackFlags.ts';
import { COORDINATOR_CLOSE_ATTACKS } from './coordinatorAttacks.ts';

/** (7) The run created on chain with other facts than the plan's: a quorum of 1, or a site list without the plan's last site. */
const RUN_ATTACKS: Record<string, (input: LedgerRunInput) => LedgerRunInput> = {
  'run-quorum': (input) => ({ ...input, quorum: 1 }),
  'run-sites': (input) => ({ ...input, sites: input.sites.slice(0, -1), quorum: Math.min(input.quorum, input.sites.length - 1) }),
};

const NAMES = ['none', ...Object.keys(COORDINATOR_CLOSE_ATTACKS), ...Object.keys(RUN_ATTACKS)];
const { attack, round: attackRound, medflArgs } = takeAttackFlags(process.argv.slice(2), NAMES);

/** Each site's chunks as they were folded, per attempt: what a re-fold needs (observation only). */
const folded = new WeakMap<RoundAttempt, Map<string, readonly Uint8Array[]>>();
const honestAddUpdate = RoundAttempt.prototype.addUpdate;
RoundAttempt.prototype.addUpdate = function addUpdate(this: RoundAttempt, ...args: Parameters<RoundAttempt['addUpdate']>) {
  const [envelope, chunks, receipt] = args;
  // The chunks arrive as a one-pass stream read from the store: kept here, then folded from the copy.
  const kept = [...chunks];
  const bySite = folded.get(this) ?? new Map<string, readonly Uint8Array[]>();
  folded.set(this, bySite.set(envelope.site, kept));
  honestAddUpdate.call(this, envelope, kept, receipt);
};

const closeAttack = COORDINATOR_CLOSE_ATTACKS[attack];
if (closeAttack) {
  // RunEngine.close is private: the one step that turns the accepted updates into the aggregate and its header.
  const engine = RunEngine.prototype as unknown as { close(attempt: RoundAttempt): Promise<void> };
  const honestClose = engine.close;
  engine.close = async function close(this: RunEngine, attempt: RoundAttempt) {
    if (attempt.task.round === attackRound) {
      const params = runCodecParameters(this.options.plan as Plan) as CkksParameters;
      await closeAttack({ attempt, folded: folded.get(attempt) ?? new Map(), aggregation: this.options.aggregation, params });
      announceAttack(attack, attackRound);
    }
    return honestClose.call(this, attempt);
  };
}

// A site that sends nothing leaves every round open until its deadline; this coordinator closes as soon as the plan's
// minUpdates are in, as it would at the deadline (sites cannot tell the two apart). Only the test's pace changes.
if (attack === 'invent-leaf') {
  const honestDecide = FedAvg.prototype.decideCollect;
  FedAvg.prototype.decideCollect = function decideCollect(this: FedAvg, progress: CollectProgress) {
    const { minUpdates } = (this as unknown as { consortium: { minUpdates: number } }).consortium;
    return honestDecide.call(this, { ...progress, atDeadline: progress.atDeadline || progress.updates >= minUpdates });
  };
}

const runAttack = RUN_ATTACKS[attack];
if (runAttack) {
  const honestCreateRun = LedgerClient.prototype.createRun;
  LedgerClient.prototype.createRun = function createRun(this: LedgerClient, input: LedgerRunInput) {
    announceAttack(attack, attackRound);
    return honestCreateRun.call(this, runAttack(input));
  };
}

if (attack === 'none') announceAttack(attack, attackRound);
await runMedfl(medflArgs);
