// `medfl verify` as a library call: hash a model directory, find its round on the ledger, walk and check its lineage.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { connectRpc } from '../chain/connectRpc.ts';
import { modelHashOfDir } from '../../common/model/modelHash.ts';
import { checkManifest, type ManifestCheck } from './checkManifest.ts';
import type { Lineage } from './Lineage.ts';
import { walkLineage } from './walkLineage.ts';

export interface VerifyOptions {
  readonly rpcUrl: string;
  readonly ledgerAddress: string;
  /** The run the model is from; needed only when several runs committed its hash (MODEL_IN_SEVERAL_RUNS). */
  readonly runId?: string;
  /** A contributions manifest whose Merkle proofs are checked against the committed root. */
  readonly contributionsFile?: string;
}

export interface ModelVerification {
  readonly modelDir: string;
  readonly modelHash: Hash32;
  /** True when the lineage is sound and every manifest proof holds. */
  readonly verified: boolean;
  readonly lineage: Lineage;
  readonly manifest?: ManifestCheck;
  readonly problems: string[];
}

/** Throws MODEL_NOT_ON_LEDGER for an unknown hash, MODEL_IN_SEVERAL_RUNS for an ambiguous one without a run; returns verified=false with the problems for a broken lineage. */
export async function verifyModel(modelDir: string, options: VerifyOptions): Promise<ModelVerification> {
  const modelHash = await modelHashOfDir(modelDir);
  const provider = await connectRpc(options.rpcUrl);
  try {
    const lineage = await walkLineage(provider, options.ledgerAddress, modelHash, options.runId);
    const manifest = options.contributionsFile ? checkManifest(options.contributionsFile, lineage) : undefined;
    const problems = [...lineage.problems, ...(manifest?.problems ?? [])];
    return { modelDir, modelHash, verified: problems.length === 0, lineage, ...(manifest ? { manifest } : {}), problems };
  } finally {
    provider.destroy();
  }
}
