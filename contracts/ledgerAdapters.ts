// The ledger seams the coordinator and the site node declare (coordinator/adapters.ts, participant/node/adapters.ts),
// served by the real LedgerClient.
import type { Hash32 } from '../common/canonicalJson.ts';
import { MedflError } from '../common/MedflError.ts';
import type { CoordinatorLedger } from '../coordinator/adapters.ts';
import type { SiteLedger } from '../participant/node/adapters.ts';
import { recoverAttester, signRoundAttestation } from './attestation.ts';
import type { LedgerClient } from './LedgerClient.ts';

/** The coordinator's view: create the run, commit rounds (once), check attestation signers early. */
export function coordinatorLedger(client: LedgerClient): CoordinatorLedger {
  const domain = { chainId: client.chainId, ledger: client.ledgerAddress };
  return {
    createRun: (input) => client.createRun(input),
    blockNumber: () => client.provider.getBlockNumber(),
    findCreatedRun: (input, fromBlock) => client.findCreatedRun(input, fromBlock),
    commitRound: (input) => client.commitRound(input),
    committedModelHash: async (runId, round) => (await client.getRound(runId, round))?.modelHash,
    attestationSigner: (attestation, signature) => recoverAttester(domain, attestation, signature),
  };
}

/** A site's view: read committed rounds of its run and sign attestations with the kit's key. */
export function siteLedger(client: LedgerClient): SiteLedger {
  const domain = { chainId: client.chainId, ledger: client.ledgerAddress };
  return {
    chainId: client.chainId,
    ledgerAddress: client.ledgerAddress,
    committedModelHash: async (runId, round) => (await client.getRound(runId, round))?.modelHash,
    latestModel: async (runId) => {
      const run = await client.getRun(runId);
      if (!run) throw new MedflError('LEDGER_INPUT_INVALID', `run ${runId} does not exist on ledger ${client.ledgerAddress}`);
      if (run.latestRound === 0) return { round: 0, modelHash: run.genesisModelHash };
      const latest = await client.getRound(runId, run.latestRound);
      return { round: run.latestRound, modelHash: latest!.modelHash as Hash32 };
    },
    signAttestation: (fields) => signRoundAttestation(client.wallet, domain, fields),
  };
}
