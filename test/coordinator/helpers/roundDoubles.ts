// In-test doubles of the HE sum and the ledger for coordinator/participant unit tests (the real ones live in
// common/he and contracts/; these keep a round's logic testable without SEAL or anvil).
import { Wallet, verifyTypedData } from 'ethers';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { MedflError } from '../../../common/MedflError.ts';
import type { Aggregation, CommitRoundInput, CoordinatorLedger, EncryptedSum } from '../../../coordinator/adapters.ts';
import type { RoundAttestationFields, SiteCodec, SiteLedger } from '../../../participant/node/adapters.ts';

export const VALUES_PER_CHUNK = 2;

/** Float64 "ciphertexts" of VALUES_PER_CHUNK values each; a wrong size is refused like a truncated ciphertext. */
export function plainAggregation(parameters: number, codecId = 'plain-test'): Aggregation & { folded: number } {
  const chunkCount = Math.ceil(parameters / VALUES_PER_CHUNK);
  const aggregation = {
    codecId,
    chunkCount,
    folded: 0,
    createSum(): EncryptedSum {
      const total = new Float64Array(chunkCount * VALUES_PER_CHUNK);
      return {
        codecId,
        validateChunk(index, bytes) {
          if (bytes.byteLength !== VALUES_PER_CHUNK * 8) throw new MedflError('CIPHERTEXT_TRUNCATED', `ciphertext ${index} has ${bytes.byteLength} bytes`);
        },
        foldUpdate(chunks) {
          aggregation.folded += 1;
          chunks.forEach((chunk, c) => new Float64Array(new Uint8Array(chunk).buffer).forEach((v, i) => (total[c * VALUES_PER_CHUNK + i]! += v)));
        },
        serialize: () => Array.from({ length: chunkCount }, (_, c) => new Uint8Array(total.slice(c * VALUES_PER_CHUNK, (c + 1) * VALUES_PER_CHUNK).buffer)),
        dispose() {},
      };
    },
  };
  return aggregation;
}

export function plainCodec(parameters: number, codecId = 'plain-test'): SiteCodec {
  const chunkCount = Math.ceil(parameters / VALUES_PER_CHUNK);
  return {
    codecId,
    chunkCount,
    encryptUpdate(update, examples) {
      const scaled = new Float64Array(chunkCount * VALUES_PER_CHUNK);
      update.forEach((v, i) => (scaled[i] = v * examples));
      return Array.from({ length: chunkCount }, (_, c) => new Uint8Array(scaled.slice(c * VALUES_PER_CHUNK, (c + 1) * VALUES_PER_CHUNK).buffer));
    },
    decryptMeanUpdate(chunks, totalExamples) {
      const sum = new Float64Array(chunkCount * VALUES_PER_CHUNK);
      chunks.forEach((chunk, c) => new Float64Array(new Uint8Array(chunk).buffer).forEach((v, i) => (sum[c * VALUES_PER_CHUNK + i] = v)));
      return Float32Array.from(sum.slice(0, parameters), (v) => v / totalExamples);
    },
  };
}

const DOMAIN = { name: 'medfl-test', version: '1', chainId: 31337 };
const TYPES = {
  RoundAttestation: [
    { name: 'runId', type: 'string' },
    { name: 'round', type: 'uint256' },
    { name: 'prevModelHash', type: 'bytes32' },
    { name: 'modelHash', type: 'bytes32' },
    { name: 'aggregateDigest', type: 'bytes32' },
    { name: 'contributionsRoot', type: 'bytes32' },
    { name: 'totalExamples', type: 'uint256' },
  ],
};

/** A chain in memory: one run, consecutive rounds, EIP-712 signatures checked with ethers. */
export class MemoryLedger implements CoordinatorLedger {
  readonly commits: CommitRoundInput[] = [];
  genesis?: Hash32;

  async createRun(input: { genesisModelHash: Hash32 }): Promise<string> {
    this.genesis = input.genesisModelHash;
    return 'run-1';
  }

  async commitRound(input: CommitRoundInput): Promise<string> {
    if (input.round !== this.commits.length + 1) throw new MedflError('LEDGER_REVERTED', `round ${input.round} is not next`);
    this.commits.push(input);
    return `0x${String(input.round).padStart(64, '0')}`;
  }

  async committedModelHash(_runId: string, round: number): Promise<Hash32 | undefined> {
    return this.commits[round - 1]?.modelHash;
  }

  attestationSigner(fields: RoundAttestationFields, signature: string): string {
    return verifyTypedData(DOMAIN, TYPES, { ...fields }, signature);
  }

  siteLedger(ethPrivateKey: string): SiteLedger {
    const wallet = new Wallet(ethPrivateKey);
    return {
      chainId: DOMAIN.chainId,
      ledgerAddress: '0x0000000000000000000000000000000000000001',
      committedModelHash: (runId, round) => this.committedModelHash(runId, round),
      latestModel: async () => ({ round: this.commits.length, modelHash: this.commits.at(-1)?.modelHash ?? this.genesis! }),
      signAttestation: (fields) => wallet.signTypedData(DOMAIN, TYPES, { ...fields }),
    };
  }
}
