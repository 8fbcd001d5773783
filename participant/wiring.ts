// The site node's composition root: the plan's codec with this site's CKKS key (or, under threshold CKKS, its own
// secret from the kit's seed), and the real RoundLedger behind its ports.
import { join } from 'node:path';
import type { Hash32 } from '../common/canonicalJson.ts';
import { openCkksContext } from '../common/he/ckksContext.ts';
import { createCkksCodec } from '../common/he/createCkksCodec.ts';
import { createThresholdSumCheck } from '../common/he/createSumCheck.ts';
import type { CkksParameters } from '../common/he/ckksParameters.ts';
import { createThresholdCodec } from '../common/he/threshold/createThresholdCodec.ts';
import { createPlaintextCodec } from '../common/he/createPlaintextCodec.ts';
import { KIT_FILES } from '../common/kit/kitFiles.ts';
import type { Kit } from '../common/kit/loadKit.ts';
import { MedflError } from '../common/MedflError.ts';
import type { Plan } from '../common/plan/planSchema.ts';
import { runCodecParameters } from '../common/wire/runCodecParameters.ts';
import { signRoundAttestation } from '../contracts/attestation.ts';
import { checkChainPin } from '../contracts/chain/checkChainPin.ts';
import { connectLedger } from '../contracts/LedgerClient.ts';
import { recoverReceiptSigner } from '../contracts/updateReceipt.ts';
import { readCkksKeyFile } from '../provision/ckksKeyFile.ts';
import type { NodeCodec, SiteLedger, ThresholdSiteCodec } from './ports.ts';
import { groupContribution } from './threshold/groupSecrets.ts';
import { siteSeed } from './threshold/siteSeed.ts';

/** Threshold CKKS: this site's codec from its kit's seed (made there on first use), and a context for the sum checks. */
export async function thresholdSiteCodec(params: CkksParameters, kitDir: string): Promise<ThresholdSiteCodec> {
  const seed = siteSeed(kitDir);
  const codec = await createThresholdCodec(params, seed);
  const ckks = await openCkksContext(params).catch((error: unknown) => {
    codec.dispose();
    throw error;
  });
  return {
    codecId: codec.codecId,
    chunkCount: codec.chunkCount,
    prime: codec.prime,
    threshold: params.threshold!,
    degree: params.polyModulusDegree,
    shareKey: (points) => codec.shareKey(points),
    encryptUpdate: (update, examples, attempt) => codec.encryptUpdate(update, examples, attempt),
    decryptionShare: (request) => codec.decryptionShare(request),
    openAggregate: (request) => codec.openAggregate(request),
    groupContribution: (runId) => groupContribution(seed, runId),
    sumCheck: (group) => createThresholdSumCheck(ckks, group),
    dispose() {
      codec.dispose();
      ckks.dispose();
      seed.fill(0);
    },
  };
}

/**
 * The plan's codec: threshold CKKS from the kit's seed; the single-key codec with the CKKS key opened from the kit's
 * sealed key file; plaintext only if the plan says so.
 */
export async function siteCodec(plan: Plan, kit: Kit): Promise<NodeCodec> {
  const params = runCodecParameters(plan);
  if (params.scheme === 'plaintext') return createPlaintextCodec(params);
  if (params.encryption === 'threshold-crs') return thresholdSiteCodec(params, kit.dir);
  if (!kit.boxSecretKey) throw new MedflError('KEY_ABSENT', `kit ${kit.dir} has no box key to open the CKKS key with`);
  const secretKey = readCkksKeyFile(join(kit.dir, KIT_FILES.ckksSealed), kit.boxSecretKey, params.codecId);
  return createCkksCodec(params, secretKey);
}

/**
 * The real RoundLedger, read over JSON-RPC, with the site kit's Ethereum key for EIP-712 attestations; checks receipts
 * in its domain. CHAIN_MISMATCH when the kit's consortium.json pins another chain than the RPC's (a site signs nothing
 * for another chain's runs).
 */
export async function siteLedger(options: { rpcUrl: string; ledgerAddress: string; kit: Kit }): Promise<SiteLedger> {
  const client = await connectLedger(options.rpcUrl, options.ledgerAddress, options.kit.ethPrivateKey);
  const pin = options.kit.consortium.chain;
  if (pin) {
    await checkChainPin(client.provider, options.rpcUrl, client.ledgerAddress, pin).catch((error: unknown) => {
      client.provider.destroy();
      throw error;
    });
  }
  const domain = { chainId: client.chainId, ledger: client.ledgerAddress };
  return {
    chainId: client.chainId,
    ledgerAddress: client.ledgerAddress,
    committedModelHash: async (runId, round) => (await client.getRound(runId, round))?.modelHash,
    run: async (runId) => {
      const run = await client.getRun(runId);
      if (!run) throw new MedflError('LEDGER_INPUT_INVALID', `run ${runId} does not exist on ledger ${client.ledgerAddress}`);
      return run;
    },
    latestModel: async (runId) => {
      const run = await client.getRun(runId);
      if (!run) throw new MedflError('LEDGER_INPUT_INVALID', `run ${runId} does not exist on ledger ${client.ledgerAddress}`);
      if (run.latestRound === 0) return { round: 0, modelHash: run.genesisModelHash };
      const latest = await client.getRound(runId, run.latestRound);
      return { round: run.latestRound, modelHash: latest!.modelHash as Hash32 };
    },
    signAttestation: (fields) => signRoundAttestation(client.wallet, domain, fields),
    receiptSigner: (receipt, signature) => recoverReceiptSigner(domain, receipt, signature),
    closedAttempt: (runId, round, attempt) => client.closedAttempt(runId, round, attempt),
  };
}
