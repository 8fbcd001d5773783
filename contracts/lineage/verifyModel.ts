// `medfl verify` as a library call: hash a model directory, find its round on the ledger, walk and check its lineage,
// and with a consortium file and a plan check the chain, the run, its signers and its quorum against them.
import type { Provider } from 'ethers';
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { readConsortiumFile } from '../../common/kit/readConsortiumFile.ts';
import { modelHashOfDir } from '../../common/model/modelHash.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { dpSgdDelta, usesDpSgd } from '../../common/plan/usesDpSgd.ts';
import { checkChainPin } from '../chain/checkChainPin.ts';
import { connectRpc } from '../chain/connectRpc.ts';
import { checkManifest, type ManifestCheck } from './checkManifest.ts';
import type { Lineage } from './Lineage.ts';
import { lineageChecks, type LineageCheck, type PlanExpectation } from './lineageChecks.ts';
import { walkLineage } from './walkLineage.ts';

export interface VerifyOptions {
  readonly rpcUrl: string;
  readonly ledgerAddress: string;
  /** The run the model is from; needed only when several runs committed its hash (MODEL_IN_SEVERAL_RUNS). */
  readonly runId?: string;
  /** A contributions manifest whose Merkle proofs are checked against the committed root. */
  readonly contributionsFile?: string;
  /** consortium.json (or a kit folder): its pinned chain, coordinator and sites are checked against the run. */
  readonly consortiumFile?: string;
  /** The plan the run must be of: its hash, quorum and (with a consortium) site order. */
  readonly planFile?: string;
}

export interface ModelVerification {
  readonly modelDir: string;
  readonly modelHash: Hash32;
  /** True when the lineage is sound, every manifest proof holds and no check failed. */
  readonly verified: boolean;
  readonly lineage: Lineage;
  readonly manifest?: ManifestCheck;
  /** The chain check first (passed, or "not checked" when no consortium pins one), then lineageChecks'. */
  readonly checks: LineageCheck[];
  readonly problems: string[];
  /** With a plan: whether its sites train with DP-SGD, and the δ at which the ε in their contributions is accounted. */
  readonly privacy?: PrivacyAccounting;
}

export interface PrivacyAccounting {
  readonly dpSgd: boolean;
  readonly delta?: number;
}

/** CHAIN_MISMATCH (thrown) when the consortium pins another chain: a lineage read from it would mean nothing. */
async function chainCheck(provider: Provider, options: VerifyOptions, pinned: { file: string; consortium: Consortium } | undefined): Promise<LineageCheck> {
  if (!pinned) return { check: 'chain', status: 'not checked', detail: `not pinned: no --consortium, so the RPC at ${options.rpcUrl} was trusted to be the consortium's chain` };
  const pin = pinned.consortium.chain;
  if (!pin) return { check: 'chain', status: 'not checked', detail: `not pinned: ${pinned.file} pins no chain (medfl provision --rpc --ledger writes one)` };
  await checkChainPin(provider, options.rpcUrl, options.ledgerAddress, pin);
  return { check: 'chain', status: 'passed', detail: `chain id ${pin.chainId}, ledger ${pin.ledger} and block ${pin.deployBlock}'s hash are ${pinned.file}'s pin` };
}

function planExpectation(file: string, plan: Plan): PlanExpectation {
  return { file, planHash: planHash(plan), quorum: plan.consortium.quorum, siteIds: plan.consortium.sites };
}

function privacyAccounting(plan: Plan): PrivacyAccounting {
  const delta = dpSgdDelta(plan);
  return { dpSgd: usesDpSgd(plan), ...(delta === undefined ? {} : { delta }) };
}

/**
 * Throws MODEL_NOT_ON_LEDGER for an unknown hash, MODEL_IN_SEVERAL_RUNS for an ambiguous one without a run,
 * CHAIN_MISMATCH for a chain other than the consortium's pin; returns verified=false with the problems for a broken
 * lineage and with failed checks for a run that is not the consortium's or the plan's.
 */
export async function verifyModel(modelDir: string, options: VerifyOptions): Promise<ModelVerification> {
  // Files first: a wrong path fails before any network call.
  const consortium = options.consortiumFile === undefined ? undefined : readConsortiumFile(options.consortiumFile);
  const loaded = options.planFile === undefined ? undefined : { file: options.planFile, plan: loadPlan(options.planFile) };
  const plan = loaded && planExpectation(loaded.file, loaded.plan);
  const modelHash = await modelHashOfDir(modelDir);
  const provider = await connectRpc(options.rpcUrl);
  try {
    const chain = await chainCheck(provider, options, consortium);
    const lineage = await walkLineage(provider, options.ledgerAddress, modelHash, options.runId);
    const manifest = options.contributionsFile ? checkManifest(options.contributionsFile, lineage) : undefined;
    const checks = [chain, ...lineageChecks(lineage, consortium?.consortium, plan)];
    const failed = checks.filter((check) => check.status === 'failed').map((check) => `${check.code}: ${check.detail}`);
    const problems = [...lineage.problems, ...(manifest?.problems ?? []), ...failed];
    const privacy = loaded && privacyAccounting(loaded.plan);
    return { modelDir, modelHash, verified: problems.length === 0, lineage, ...(manifest ? { manifest } : {}), checks, problems, ...(privacy ? { privacy } : {}) };
  } finally {
    provider.destroy();
  }
}
