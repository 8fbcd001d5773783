// Where a bedside model comes from: its hash and the commit that made it (chain, ledger, run, round, transaction),
// read from the ledger itself (medfl serve always; medfl predict with --ledger) or from the site's provenance.json.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Hash32 } from '../common/canonicalJson.ts';
import { MedflError } from '../common/MedflError.ts';
import { readJsonFile } from '../common/readJsonFile.ts';
import { verifyModel } from '../contracts/lineage/verifyModel.ts';

export interface ModelReference {
  readonly modelHash: Hash32;
  readonly chainId: number;
  readonly ledgerAddress: string;
  readonly runId: string;
  readonly round: number;
  readonly txHash: string;
  /** The run's plan hash, as the ledger records it (only when read from the chain). */
  readonly planHash?: string;
  /** 'chain': the lineage was walked and verified just now; 'provenance': copied from provenance.json, not checked. */
  readonly source: 'chain' | 'provenance';
}

export interface ChainOptions {
  readonly rpcUrl: string;
  readonly ledgerAddress: string;
  readonly runId?: string;
}

const PROVENANCE_FILE = 'provenance.json';

const provenanceSchema = z.object({
  runId: z.string().min(1),
  round: z.number().int().positive(),
  modelHash: z.string(),
  chainId: z.number().int().positive(),
  ledgerAddress: z.string().min(1),
  txHash: z.string(),
});

/** The model's commit as the ledger holds it; MODEL_NOT_VERIFIED when it is not there or its lineage is unsound. */
export async function referenceFromChain(modelDir: string, chain: ChainOptions): Promise<ModelReference> {
  let verification;
  try {
    verification = await verifyModel(modelDir, { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, ...(chain.runId ? { runId: chain.runId } : {}) });
  } catch (error) {
    if (!(error instanceof MedflError) || error.code !== 'MODEL_NOT_ON_LEDGER') throw error;
    throw new MedflError('MODEL_NOT_VERIFIED', `refusing model ${modelDir}: ${error.message}`, { cause: error, details: error.details });
  }
  const { lineage, modelHash } = verification;
  const last = lineage.rounds.at(-1);
  if (!verification.verified || last === undefined) {
    throw new MedflError('MODEL_NOT_VERIFIED', `refusing model ${modelDir} (${modelHash}): its lineage on ledger ${chain.ledgerAddress} does not verify: ${verification.problems.join('; ')}`, {
      details: { modelHash, problems: verification.problems },
    });
  }
  return { modelHash, chainId: lineage.chainId, ledgerAddress: lineage.ledger, runId: lineage.runId, round: last.round, txHash: last.txHash, planHash: lineage.planHash, source: 'chain' };
}

/** The commit a site recorded beside its model; MODEL_HASH_MISMATCH when the record is of another model. */
export function referenceFromProvenance(modelDir: string, modelHash: Hash32): ModelReference {
  const file = join(modelDir, PROVENANCE_FILE);
  if (!existsSync(file)) {
    throw new MedflError('FILE_NOT_FOUND', `${modelDir} has no ${PROVENANCE_FILE}; pass --ledger (and --rpc) to read the model's commit from the chain instead`);
  }
  const provenance = readJsonFile(file, provenanceSchema, 'provenance file', { invalid: 'MODEL_INVALID', remedy: 'pass --ledger to read the commit from the chain instead' });
  if (provenance.modelHash !== modelHash) {
    throw new MedflError('MODEL_HASH_MISMATCH', `${file} describes model ${provenance.modelHash}, but ${modelDir} holds ${modelHash}; the weights were changed after the commit`);
  }
  const { runId, round, chainId, ledgerAddress, txHash } = provenance;
  return { modelHash, chainId, ledgerAddress, runId, round, txHash, source: 'provenance' };
}
