// The coordinator's seams to parts built elsewhere (HE aggregation, the round ledger): one file to rewire.
import type { Hash32 } from '../common/canonicalJson.ts';
import { createCkksAggregation, type CkksAggregation } from '../common/he/createEncryptedSum.ts';
import { createPlaintextSum } from '../common/he/createPlaintextCodec.ts';
import type { EncryptedSum } from '../common/he/UpdateCodec.ts';
import type { Kit } from '../common/kit/loadKit.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import type { RoundAttestation as RoundAttestationFields } from '../contracts/attestation.ts';
import { connectLedger } from '../contracts/LedgerClient.ts';
import { coordinatorLedger as ledgerForCoordinator } from '../contracts/ledgerAdapters.ts';
import { runCodecParameters } from '../common/wire/runCodecParameters.ts';
import type { ContributionLeaf } from '../common/wire/protocolTypes.ts';

/** What the coordinator knows of the run's codec: its id, the ciphertexts per update, and fresh empty sums. */
export interface Aggregation {
  readonly codecId: string;
  readonly chunkCount: number;
  createSum(): Promise<EncryptedSum> | EncryptedSum;
}

/**
 * The plan's codec, keyless: CKKS EncryptedSums (or plaintext ones when the plan says so, never silently). The SEAL
 * context is built once, with the first sum, and shared by every round's sum for the life of the process.
 */
export function coordinatorAggregation(plan: Plan): Aggregation {
  const params = runCodecParameters(plan);
  let ckks: Promise<CkksAggregation> | undefined;
  return {
    codecId: params.codecId,
    chunkCount: params.chunkCount,
    createSum: async () => {
      if (params.scheme !== 'ckks') return createPlaintextSum(params);
      ckks ??= createCkksAggregation(params);
      return (await ckks).createSum();
    },
  };
}

export interface CommitRoundInput extends RoundAttestationFields {
  readonly contributions: readonly ContributionLeaf[];
  readonly signatures: readonly string[];
}

/** The ledger as the round loop uses it; contracts/ provides the real client. */
export interface RunInput {
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly sites: readonly string[];
  readonly quorum: number;
}

export interface CoordinatorLedger {
  createRun(input: RunInput): Promise<string>;
  /** The chain's current block number (where a search for a run this coordinator is about to create starts). */
  blockNumber(): Promise<number>;
  /** A run this coordinator created with exactly `input` at or after `fromBlock` (finds a createRun a crash hid). */
  findCreatedRun(input: RunInput, fromBlock: number): Promise<string | undefined>;
  commitRound(input: CommitRoundInput): Promise<string>;
  /** The modelHash committed for (runId, round), if that round is already on chain (restart safety). */
  committedModelHash(runId: string, round: number): Promise<Hash32 | undefined>;
  /** The address that signed an EIP-712 RoundAttestation, for an early check before the contract's own. */
  attestationSigner(attestation: RoundAttestationFields, signature: string): string;
}

/** The real RoundLedger client, with the coordinator kit's Ethereum key (it must hold the contract's COORDINATOR_ROLE). */
export async function coordinatorLedger(options: { rpcUrl: string; ledgerAddress: string; kit: Kit }): Promise<CoordinatorLedger> {
  return ledgerForCoordinator(await connectLedger(options.rpcUrl, options.ledgerAddress, options.kit.ethPrivateKey));
}

export { contributionsRoot } from '../common/wire/contributionsRoot.ts';
export type { EncryptedSum };
