// `medfl replay`: a reviewer holding one site's kit re-derives every committed round's model hash from a stopped
// coordinator's store (read only) and compares it with the chain. It lives in consortium/ because it reads both sides'
// records: the coordinator's store and a site's keys.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { openCkksContext, type CkksContext } from '../../common/he/ckksContext.ts';
import type { CkksParameters } from '../../common/he/ckksParameters.ts';
import { meanBounds } from '../../common/he/meanBounds.ts';
import { loadKit, type Kit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { genesisModel } from '../../common/model/genesis.ts';
import { modelHash } from '../../common/model/modelHash.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { updateLayout } from '../../common/plan/updateLayout.ts';
import { createStrategy } from '../../common/strategies/createStrategy.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import { checkChainPin } from '../../contracts/chain/checkChainPin.ts';
import { connectRpc } from '../../contracts/chain/connectRpc.ts';
import { requireLedger } from '../../contracts/chain/requireLedger.ts';
import { ledgerContract } from '../../contracts/ledgerContract.ts';
import { readRound } from '../../contracts/readRound.ts';
import { readRun, type RunRecord } from '../../contracts/readRun.ts';
import { RoundStore } from '../../coordinator/store/RoundStore.ts';
import { approvedRun } from '../../participant/node/approvedRun.ts';
import { sharePayloadBytes } from '../../participant/threshold/sharePayload.ts';
import { replayGroupSecret } from './replayGroupSecret.ts';
import { replayRound, type ReplayContext, type ReplayedModel } from './replayRound.ts';
import { replayPlan } from './replayPlan.ts';
import type { RoundReplay, RunReplay } from './RunReplay.ts';
import { storedAttempt } from './storedAttempt.ts';

export interface ReplayOptions {
  readonly storeDir: string;
  readonly kitDir: string;
  readonly rpcUrl: string;
  /** The RoundLedger's address; the kit's chain pin names it when absent. */
  readonly ledgerAddress?: string;
  /** The run's plan; the plan the store keeps when absent. */
  readonly planFile?: string;
}

function siteKit(dir: string): Kit {
  const kit = loadKit(dir);
  if (kit.role !== 'site') throw new MedflError('KIT_INVALID', `kit ${dir} is the coordinator's; replay opens aggregates with a site's kit`);
  return kit;
}

/** Threshold CKKS only: under the other codecs no site's kit and store hold what opens an aggregate this way. */
function thresholdParameters(plan: Plan): CkksParameters {
  const params = runCodecParameters(plan);
  if (params.scheme !== 'ckks' || params.encryption !== 'threshold-crs') {
    throw new MedflError('CODEC_MISMATCH', `replay opens threshold CKKS aggregates; this run's codec ${params.codecId} is ${params.scheme === 'ckks' ? params.encryption : 'plaintext'}`);
  }
  return params;
}

/** RUN_MISMATCH unless the chain's run is the store's, of this plan and of the kit's consortium's sites. */
function checkChainRun(chainRun: RunRecord | undefined, runId: string, plan: Plan, kit: Kit, ledger: string): RunRecord {
  if (!chainRun) throw new MedflError('RUN_MISMATCH', `the store's run ${runId} is not on ledger ${ledger}; name the run's chain with --rpc and --ledger`);
  const approved = approvedRun(plan, planHash(plan), modelHash(genesisModel(plan)), kit.consortium);
  if (chainRun.planHash !== approved.planHash || chainRun.genesisModelHash !== approved.genesisModelHash) {
    throw new MedflError('RUN_MISMATCH', `run ${runId} on ledger ${ledger} is of plan ${chainRun.planHash}, not of ${approved.planHash}; it is another run than the store's`);
  }
  if (chainRun.sitesHash !== approved.sitesHash) {
    throw new MedflError('RUN_MISMATCH', `kit ${kit.dir} is of another consortium than run ${runId}: its consortium.json does not list the run's sites`);
  }
  return chainRun;
}

function replayContext(plan: Plan, params: CkksParameters, ckks: CkksContext, kit: Kit, store: RoundStore, runId: string): ReplayContext {
  const expected = { runId, codecId: params.codecId, threshold: params.threshold!, payloadBytes: sharePayloadBytes(params.polyModulusDegree) };
  const source = { kit, store, expected, degree: params.polyModulusDegree };
  return {
    params,
    ckks,
    consortium: kit.consortium,
    strategy: createStrategy(plan.strategy, plan.consortium),
    meanBounds: meanBounds({ clipNorm: updateLayout(plan).clipNorm }, params),
    groupSecret: (keyHolders) => replayGroupSecret(source, keyHolders),
  };
}

type ChainReader = (round: number) => ReturnType<typeof readRound>;

/** Every committed round in order from genesis; after a failed round the rest are listed as not replayed. */
async function replayRounds(context: ReplayContext, store: RoundStore, readChainRound: ChainReader, latestRound: number, genesis: ReplayedModel): Promise<RoundReplay[]> {
  const rounds: RoundReplay[] = [];
  let previous: ReplayedModel | undefined = genesis;
  for (let round = 1; round <= latestRound; round += 1) {
    const chain = (await readChainRound(round))!;
    if (!previous) {
      rounds.push({ round, attempt: null, status: 'not replayed', contributors: [], decryptors: [], chainModelHash: chain.modelHash, replayedModelHash: null });
      continue;
    }
    const outcome = await replayRound(context, storedAttempt(store, round), chain, previous);
    rounds.push(outcome.replay);
    previous = outcome.next;
  }
  return rounds;
}

/** Throws for what stops a replay before any round (a wrong path, a locked store, a kit or chain of another run). */
export async function replayRun(options: ReplayOptions): Promise<RunReplay> {
  const kit = siteKit(options.kitDir);
  const ledger = options.ledgerAddress ?? kit.consortium.chain?.ledger;
  if (!ledger) throw new MedflError('USAGE', `kit ${options.kitDir} pins no chain; name the ledger with --ledger`);
  const store = RoundStore.openReadOnly(options.storeDir);
  let ckks: CkksContext | undefined;
  const provider = await connectRpc(options.rpcUrl).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  try {
    const { plan, run } = replayPlan(store, options.planFile);
    const params = thresholdParameters(plan);
    await requireLedger(provider, ledger);
    if (kit.consortium.chain) await checkChainPin(provider, options.rpcUrl, ledger, kit.consortium.chain);
    const contract = ledgerContract(ledger, provider);
    const connection = { contract, abi: contract.interface };
    const chainRun = checkChainRun(await readRun(connection, run.runId), run.runId, plan, kit, ledger);
    ckks = await openCkksContext(params);
    const context = replayContext(plan, params, ckks, kit, store, run.runId);
    const genesis = genesisModel(plan);
    const start = { model: genesis, modelHash: modelHash(genesis) as Hash32, strategyState: context.strategy.initialState() };
    const rounds = await replayRounds(context, store, (round) => readRound(connection, run.runId, round), chainRun.latestRound, start);
    const chainId = Number((await provider.getNetwork()).chainId);
    const replayed = rounds.every((round) => round.status === 'ok');
    return { runId: run.runId, ledger, chainId, planHash: chainRun.planHash, genesisModelHash: start.modelHash, site: kit.id, rounds, replayed };
  } finally {
    ckks?.dispose();
    provider.destroy();
    await store.close();
  }
}
