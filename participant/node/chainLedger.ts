// A site's view of RoundLedger over ethers: the run's latest committed model and EIP-712 attestation signing.
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import { ROUND_ATTESTATION_TYPES, roundAttestationDomain, roundAttestationMessage } from '../../common/wire/roundAttestationTypedData.ts';
import { ledgerArtifact } from '../../contracts/ledgerArtifact.ts';
import type { SiteLedger } from './adapters.ts';

const ZERO_HASH = `0x${'0'.repeat(64)}`;

export async function connectSiteLedger(options: { rpcUrl: string; ledgerAddress: string; ethPrivateKey: string }): Promise<SiteLedger> {
  const provider = new JsonRpcProvider(options.rpcUrl, undefined, { staticNetwork: true });
  const network = await provider.getNetwork().catch((cause: unknown) => {
    throw new MedflError('CHAIN_UNAVAILABLE', `no EVM JSON-RPC endpoint answers at ${options.rpcUrl}`, { cause });
  });
  const wallet = new Wallet(options.ethPrivateKey);
  const contract = new Contract(options.ledgerAddress, ledgerArtifact().abi as never[], provider);
  const domain = roundAttestationDomain(network.chainId, options.ledgerAddress);
  const read = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (cause) {
      throw new MedflError('CHAIN_UNAVAILABLE', `reading ${what} from the ledger failed: ${(cause as Error).message}`, { cause });
    }
  };
  const roundHash = async (runId: string, round: number) =>
    ((await read(`round ${round}`, () => contract.getFunction('getRound')(BigInt(runId), round))) as { modelHash: string }).modelHash;
  return {
    chainId: Number(network.chainId),
    ledgerAddress: options.ledgerAddress,
    async committedModelHash(runId, round) {
      const hash = await roundHash(runId, round);
      return hash === ZERO_HASH ? undefined : (hash as Hash32);
    },
    async latestModel(runId) {
      const round = Number(await read('latestRound', () => contract.getFunction('latestRound')(BigInt(runId))));
      if (round > 0) return { round, modelHash: (await roundHash(runId, round)) as Hash32 };
      const run = (await read(`run ${runId}`, () => contract.getFunction('getRun')(BigInt(runId)))) as { genesisModelHash: string };
      return { round: 0, modelHash: run.genesisModelHash as Hash32 };
    },
    signAttestation: (fields) => wallet.signTypedData(domain, ROUND_ATTESTATION_TYPES, roundAttestationMessage(fields)),
  };
}
