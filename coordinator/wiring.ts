// The coordinator's composition root: the real keyless HE aggregation and the real RoundLedger client behind its ports.
import { createCkksAggregation, type CkksAggregation } from '../common/he/createEncryptedSum.ts';
import { createPlaintextSum } from '../common/he/createPlaintextCodec.ts';
import type { Kit } from '../common/kit/loadKit.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { runCodecParameters } from '../common/wire/runCodecParameters.ts';
import { recoverAttester } from '../contracts/attestation.ts';
import { connectLedger } from '../contracts/LedgerClient.ts';
import { signUpdateReceipt } from '../contracts/updateReceipt.ts';
import type { Aggregation, CoordinatorLedger } from './ports.ts';
import { thresholdAggregation } from './thresholdAggregation.ts';

/**
 * The plan's codec, keyless: threshold CKKS polynomial sums with a decryption phase, single-key CKKS EncryptedSums,
 * or plaintext ones when the plan says so (never silently). The SEAL
 * context is built once, with the first sum, and shared by every round's sum for the life of the process.
 */
export function coordinatorAggregation(plan: Plan): Aggregation {
  const params = runCodecParameters(plan);
  if (params.scheme === 'ckks' && params.encryption === 'threshold-crs') return thresholdAggregation(params);
  let ckks: Promise<CkksAggregation> | undefined;
  return {
    codecId: params.codecId,
    chunkCount: params.chunkCount,
    createSum: async (keep) => {
      if (params.scheme !== 'ckks') return createPlaintextSum(params);
      ckks ??= createCkksAggregation(params);
      return (await ckks).createSum(keep);
    },
  };
}

/**
 * The real RoundLedger client, with the coordinator kit's Ethereum key (it must hold the contract's COORDINATOR_ROLE);
 * the same key signs update receipts.
 */
export async function coordinatorLedger(options: { rpcUrl: string; ledgerAddress: string; kit: Pick<Kit, 'ethPrivateKey'> }): Promise<CoordinatorLedger> {
  const client = await connectLedger(options.rpcUrl, options.ledgerAddress, options.kit.ethPrivateKey);
  const domain = { chainId: client.chainId, ledger: client.ledgerAddress };
  return {
    createRun: (input) => client.createRun(input),
    blockNumber: () => client.provider.getBlockNumber(),
    findCreatedRun: (input, fromBlock) => client.findCreatedRun(input, fromBlock),
    commitRound: (input) => client.commitRound(input),
    closeAttempt: (runId, round, attempt, setHash) => client.closeAttempt(runId, round, attempt, setHash),
    confirmations: (txHash) => client.confirmations(txHash),
    latestRound: (runId) => client.latestRound(runId),
    committedModelHash: async (runId, round) => (await client.getRound(runId, round))?.modelHash,
    attestationSigner: (attestation, signature) => recoverAttester(domain, attestation, signature),
    signReceipt: (receipt) => signUpdateReceipt(client.wallet, domain, receipt),
  };
}
