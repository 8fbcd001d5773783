// The real plaintext codec in small chunks, and an in-memory double of the ledger (the real one lives in contracts/)
// for coordinator and participant tests that must not need anvil.
import { id, Wallet } from 'ethers';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { runSitesHash } from '../../../contracts/runSitesHash.ts';
import { choosePlaintextParameters, createPlaintextCodec, createPlaintextSum, type PlaintextParameters } from '../../../common/he/createPlaintextCodec.ts';
import type { UpdateCodec } from '../../../common/he/UpdateCodec.ts';
import type { Aggregation, CommitRoundInput, CoordinatorLedger, RunInput } from '../../../coordinator/ports.ts';
import { recoverAttester, signRoundAttestation } from '../../../contracts/attestation.ts';
import type { RoundAttestation } from '../../../common/wire/roundAttestation.ts';
import type { UpdateReceiptFields } from '../../../common/wire/updateReceipt.ts';
import { recoverReceiptSigner, signUpdateReceipt } from '../../../contracts/updateReceipt.ts';
import type { SiteLedger } from '../../../participant/ports.ts';

/** The real plaintext codec (common/he) with tiny chunks, so even a 4-parameter model streams several of them. */
export function plaintextParameters(parameterCount: number, chunkSize = 2): PlaintextParameters {
  return choosePlaintextParameters({ parameterCount, maxExamples: 100_000, chunkSize });
}

export function plaintextAggregation(parameterCount: number, chunkSize = 2): Aggregation {
  const params = plaintextParameters(parameterCount, chunkSize);
  return { codecId: params.codecId, chunkCount: params.chunkCount, createSum: () => createPlaintextSum(params) };
}

export function plaintextCodec(parameterCount: number, chunkSize = 2): UpdateCodec {
  return createPlaintextCodec(plaintextParameters(parameterCount, chunkSize));
}

const CHAIN_ID = 31337;
const LEDGER = '0x0000000000000000000000000000000000000001';
const DOMAIN = { chainId: CHAIN_ID, ledger: LEDGER };

/**
 * A chain in memory: one run, consecutive rounds, EIP-712 signatures checked with ethers. Like the real ledger client,
 * commitRound is idempotent: the same round with the same model again returns the first commit's transaction hash.
 */
export class MemoryLedger implements CoordinatorLedger {
  readonly commits: CommitRoundInput[] = [];
  /** Transaction hashes, one per commit, in commit order. */
  readonly txHashes: string[] = [];
  genesis?: Hash32;

  readonly runs: RunInput[] = [];

  /** The coordinator's key: its address is each run's creator (the chain records msg.sender), and it signs receipts. */
  private readonly coordinator: Wallet;

  /** `coordinatorKey`: the coordinator kit's ethPrivateKey where sites check receipts; a fixed test key otherwise. */
  constructor(coordinatorKey = id('MemoryLedger coordinator')) {
    this.coordinator = new Wallet(coordinatorKey);
  }

  async createRun(input: RunInput): Promise<string> {
    this.genesis = input.genesisModelHash;
    this.runs.push(input);
    return String(this.runs.length);
  }

  async blockNumber(): Promise<number> {
    return this.runs.length;
  }

  async findCreatedRun(input: RunInput, fromBlock: number): Promise<string | undefined> {
    const index = this.runs.findIndex((run, i) => i >= fromBlock && run.planHash === input.planHash && run.genesisModelHash === input.genesisModelHash);
    return index < 0 ? undefined : String(index + 1);
  }

  async commitRound(input: CommitRoundInput): Promise<string> {
    const committed = this.commits[input.round - 1];
    if (committed?.modelHash === input.modelHash) return this.txHashes[input.round - 1]!;
    if (input.round !== this.commits.length + 1) throw new MedflError('LEDGER_REVERTED', `round ${input.round} is not next`);
    this.commits.push(input);
    const txHash = `0x${String(input.round).padStart(64, '0')}`;
    this.txHashes.push(txHash);
    return txHash;
  }

  /** Each closeAttempt call as sent, and the set hash each attempt was closed with (by runId/round/attempt). */
  readonly closeCalls: { runId: string; round: number; attempt: number; setHash: Hash32 }[] = [];
  readonly closedAttempts = new Map<string, Hash32>();

  /** Like the contract: an attempt is closed once; a second close is ATTEMPT_ALREADY_CLOSED carrying the stored hash. */
  async closeAttempt(runId: string, round: number, attempt: number, setHash: Hash32): Promise<string> {
    this.closeCalls.push({ runId, round, attempt, setHash });
    const key = `${runId}/${round}/${attempt}`;
    const held = this.closedAttempts.get(key);
    if (held) throw new MedflError('ATTEMPT_ALREADY_CLOSED', `attempt ${attempt} of round ${round} of run ${runId} is already closed`, { details: { args: { setHash: held } } });
    this.closedAttempts.set(key, setHash);
    return `0x${'c1'.repeat(32)}`;
  }

  /** Every commit of this double is final: one confirmation, as on an automining dev chain. */
  async confirmations(txHash: string): Promise<number> {
    return this.txHashes.includes(txHash) ? 1 : 0;
  }

  async latestRound(): Promise<number> {
    return this.commits.length;
  }

  async committedModelHash(_runId: string, round: number): Promise<Hash32 | undefined> {
    return this.commits[round - 1]?.modelHash;
  }

  attestationSigner(fields: RoundAttestation, signature: string): string {
    return recoverAttester(DOMAIN, fields, signature);
  }

  signReceipt(receipt: UpdateReceiptFields): Promise<string> {
    return signUpdateReceipt(this.coordinator, DOMAIN, receipt);
  }

  siteLedger(ethPrivateKey: string): SiteLedger {
    const wallet = new Wallet(ethPrivateKey);
    return {
      chainId: CHAIN_ID,
      ledgerAddress: LEDGER,
      committedModelHash: (runId, round) => this.committedModelHash(runId, round),
      run: async (runId) => {
        const run = this.runs[Number(runId) - 1];
        if (!run) throw new MedflError('LEDGER_INPUT_INVALID', `run ${runId} does not exist in the in-memory ledger`);
        return { planHash: run.planHash, genesisModelHash: run.genesisModelHash, coordinator: this.coordinator.address, quorum: run.quorum, sitesHash: runSitesHash(run.sites) };
      },
      latestModel: async () => ({ round: this.commits.length, modelHash: this.commits.at(-1)?.modelHash ?? this.genesis! }),
      signAttestation: (fields) => signRoundAttestation(wallet, DOMAIN, fields),
      receiptSigner: (receipt, signature) => recoverReceiptSigner(DOMAIN, receipt, signature),
      // No attempt is closed on this in-memory ledger yet (the coordinator side adds closeAttempt).
      closedAttempt: async () => undefined,
    };
  }
}
