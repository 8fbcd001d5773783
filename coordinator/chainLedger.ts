// The coordinator's RoundLedger client over ethers (JSON-RPC): creates the run, commits rounds, reads commits.
import { Contract, JsonRpcProvider, NonceManager, Wallet, verifyTypedData, type Log } from 'ethers';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import type { Hash32 } from '../common/canonicalJson.ts';
import { MedflError } from '../common/MedflError.ts';
import {
  ROUND_ATTESTATION_TYPES, roundAttestationDomain, roundAttestationMessage, type RoundAttestationFields,
} from '../common/wire/roundAttestationTypedData.ts';
import type { ContributionLeaf } from '../common/wire/protocolTypes.ts';
import { ledgerArtifact } from '../contracts/ledgerArtifact.ts';
import type { CommitRoundInput, CoordinatorLedger } from './adapters.ts';

const ZERO_HASH = `0x${'0'.repeat(64)}`;

/** RoundLedger verifies all leaves with an empty multiproof, so they must come in the tree's multiproof order. */
function multiproofOrder(leaves: readonly ContributionLeaf[]): [string, bigint, string][] {
  const tree = StandardMerkleTree.of(leaves.map((leaf) => [leaf.address, String(leaf.examples), leaf.digest]), ['address', 'uint256', 'bytes32']);
  return tree.getMultiProof([...Array(leaves.length).keys()]).leaves.map(([address, examples, digest]) => [String(address), BigInt(String(examples)), String(digest)]);
}

function chainError(contract: Contract, action: string, thrown: unknown): MedflError {
  const data = (thrown as { data?: string; info?: { error?: { data?: string } } }).data ?? (thrown as { info?: { error?: { data?: string } } }).info?.error?.data;
  const decoded = data ? contract.interface.parseError(data) : null;
  if (decoded) return new MedflError('LEDGER_REVERTED', `${action} reverted: ${decoded.name}(${decoded.args.join(', ')})`, { cause: thrown });
  const code = (thrown as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'NETWORK_ERROR' || code === 'TIMEOUT') {
    return new MedflError('CHAIN_UNAVAILABLE', `${action}: the chain does not answer (${code})`, { cause: thrown });
  }
  return new MedflError('LEDGER_REVERTED', `${action} failed: ${(thrown as Error).message}`, { cause: thrown });
}

export interface LedgerConnection {
  readonly rpcUrl: string;
  readonly ledgerAddress: string;
  readonly ethPrivateKey: string;
}

export async function connectCoordinatorLedger({ rpcUrl, ledgerAddress, ethPrivateKey }: LedgerConnection): Promise<CoordinatorLedger> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, polling: true, pollingInterval: 100 });
  const network = await provider.getNetwork().catch((cause: unknown) => {
    throw new MedflError('CHAIN_UNAVAILABLE', `no EVM JSON-RPC endpoint answers at ${rpcUrl}`, { cause });
  });
  const contract = new Contract(ledgerAddress, ledgerArtifact().abi as never[], new NonceManager(new Wallet(ethPrivateKey, provider)));
  const domain = roundAttestationDomain(network.chainId, ledgerAddress);
  const send = async (action: string, call: () => Promise<{ wait(): Promise<{ hash: string; logs: readonly Log[] } | null> }>) => {
    try {
      const receipt = await (await call()).wait();
      if (!receipt) throw new MedflError('LEDGER_REVERTED', `${action}: no receipt`);
      return receipt;
    } catch (thrown) {
      throw thrown instanceof MedflError ? thrown : chainError(contract, action, thrown);
    }
  };
  return {
    async createRun({ planHash, genesisModelHash, sites, quorum }) {
      const receipt = await send('createRun', () => contract.getFunction('createRun')(planHash, genesisModelHash, [...sites], quorum));
      const created = receipt.logs.map((log) => contract.interface.parseLog(log)).find((parsed) => parsed?.name === 'RunCreated');
      if (!created) throw new MedflError('LEDGER_REVERTED', 'createRun: the transaction emitted no RunCreated event');
      return String(created.args.getValue('runId'));
    },
    async commitRound(input: CommitRoundInput) {
      const { runId, round, prevModelHash, modelHash, aggregateDigest, contributionsRoot, totalExamples, contributions, signatures } = input;
      const receipt = await send(`commitRound(${runId}, ${round})`, () =>
        contract.getFunction('commitRound')(BigInt(runId), round, prevModelHash, modelHash, aggregateDigest, contributionsRoot, totalExamples, multiproofOrder(contributions), [...signatures]),
      );
      return receipt.hash;
    },
    async committedModelHash(runId, round) {
      const stored = (await contract.getFunction('getRound')(BigInt(runId), round)) as { modelHash: string };
      return stored.modelHash === ZERO_HASH ? undefined : (stored.modelHash as Hash32);
    },
    attestationSigner(fields: RoundAttestationFields, signature: string) {
      try {
        return verifyTypedData(domain, ROUND_ATTESTATION_TYPES, roundAttestationMessage(fields), signature);
      } catch (cause) {
        throw new MedflError('SIGNATURE_INVALID', `the attestation signature is not a valid EIP-712 signature: ${(cause as Error).message}`, { cause });
      }
    },
  };
}
