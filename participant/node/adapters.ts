// The participant's seams to parts built elsewhere (HE codec with the site's key, the ledger): one file to rewire.
import { join } from 'node:path';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { createCkksCodec } from '../../common/he/createCkksCodec.ts';
import { createPlaintextCodec } from '../../common/he/createPlaintextCodec.ts';
import type { UpdateCodec } from '../../common/he/UpdateCodec.ts';
import { KIT_FILES } from '../../common/kit/kitFiles.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import type { RoundAttestation as RoundAttestationFields } from '../../contracts/attestation.ts';
import { readCkksKeyFile } from '../ckksKeyFile.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { siteLedger as ledgerForSite } from '../../contracts/ledgerAdapters.ts';

/** The run's codec holding the consortium's key: encrypts this site's update, decrypts the aggregate. */
export type SiteCodec = Pick<UpdateCodec, 'codecId' | 'chunkCount' | 'encryptUpdate' | 'openAggregate' | 'dispose'>;

/** The plan's codec with this site's CKKS key, opened from the kit's sealed key file (plaintext only if the plan says so). */
export async function siteCodec(plan: Plan, kit: Kit): Promise<SiteCodec> {
  const params = runCodecParameters(plan);
  if (params.scheme === 'plaintext') return createPlaintextCodec(params);
  if (!kit.boxSecretKey) throw new MedflError('KEY_ABSENT', `kit ${kit.dir} has no box key to open the CKKS key with`);
  const secretKey = readCkksKeyFile(join(kit.dir, KIT_FILES.ckksSealed), kit.boxSecretKey, params.codecId);
  return createCkksCodec(params, secretKey);
}

/** What a site reads from and signs for the chain. */
export interface SiteLedger {
  readonly chainId: number;
  readonly ledgerAddress: string;
  /** The modelHash committed for (runId, round), if any. */
  committedModelHash(runId: string, round: number): Promise<Hash32 | undefined>;
  /** The run's last committed round (0 with the genesis hash before any commit). */
  latestModel(runId: string): Promise<{ round: number; modelHash: Hash32 }>;
  signAttestation(fields: RoundAttestationFields): Promise<string>;
}

/** The real RoundLedger, read over JSON-RPC, with the site kit's Ethereum key for EIP-712 attestations. */
export async function siteLedger(options: { rpcUrl: string; ledgerAddress: string; kit: Kit }): Promise<SiteLedger> {
  return ledgerForSite(await connectLedger(options.rpcUrl, options.ledgerAddress, options.kit.ethPrivateKey));
}
