// The run this coordinator serves: the one in its store, or created on chain exactly once, even across a crash
// between createRun's transaction and storing the run id.
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { CoordinatorLedger, RunInput } from '../ports.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { StoredRun } from '../store/storedTypes.ts';

export interface RunContext {
  readonly store: Pick<RoundStore, 'getRun' | 'putRun' | 'getRunIntent' | 'putRunIntent' | 'plan' | 'putPlan'>;
  /** The plan's canonical JSON, kept beside the run so a reviewer replaying the store (medfl replay) has it. */
  readonly planJson: string;
  readonly ledger: Pick<CoordinatorLedger, 'createRun' | 'blockNumber' | 'findCreatedRun'>;
  readonly log: Logger;
  now(): number;
}

/**
 * An intent is stored before createRun is sent; a restart that finds one looks for the run this coordinator created
 * since then before creating another.
 */
async function createOrFindRun({ store, ledger, log, now }: RunContext, input: RunInput): Promise<string> {
  const intent = store.getRunIntent();
  if (intent?.planHash === input.planHash) {
    const found = await ledger.findCreatedRun(input, intent.fromBlock);
    if (found) {
      log.info({ runId: found, fromBlock: intent.fromBlock }, 'found the run created before a restart; not creating another');
      return found;
    }
  } else {
    await store.putRunIntent({ planHash: input.planHash, fromBlock: await ledger.blockNumber(), recordedAt: new Date(now()).toISOString() });
  }
  return ledger.createRun(input);
}

/** The stored run of `input.planHash`, or a new one made durable; a store holding another plan's run is refused. */
export async function loadOrCreateRun(context: RunContext, input: RunInput, consortiumName: string): Promise<StoredRun> {
  const stored = context.store.getRun();
  if (stored && stored.planHash !== input.planHash) {
    throw new MedflError('PLAN_MISMATCH', `the store holds run ${stored.runId} of plan ${stored.planHash}, not of ${input.planHash}; use another --store`);
  }
  if (context.store.plan(input.planHash) === undefined) await context.store.putPlan(input.planHash, context.planJson);
  if (stored) return stored;
  const runId = await createOrFindRun(context, input);
  const run = { runId, planHash: input.planHash, genesisModelHash: input.genesisModelHash, createdAt: new Date(context.now()).toISOString() };
  await context.store.putRun(run);
  context.log.info({ runId, consortium: consortiumName }, 'run created on the ledger');
  return run;
}
