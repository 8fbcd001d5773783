// The typed RoundLedger client (ethers v6): runs and rounds written once, read back with their events.
import { Contract, Interface, JsonRpcProvider, Network, Wallet, ZeroHash } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';
import { MedflError } from '../common/MedflError.ts';
import { callLedgerView } from './callLedgerView.ts';
import { closeLedgerAttempt } from './closeLedgerAttempt.ts';
import { commitLedgerRound } from './commitLedgerRound.ts';
import type { CommitRoundRequest } from './CommitRoundRequest.ts';
import { createLedgerRun, type LedgerRunInput } from './createLedgerRun.ts';
import { decodeLedgerError } from './decodeLedgerError.ts';
import { findCreatedRun } from './findCreatedRun.ts';
import { findModelRound, type ModelRound } from './findModelRound.ts';
import { ledgerArtifact } from './ledgerArtifact.ts';
import type { LedgerConnection } from './LedgerConnection.ts';
import { readRoundEvents, readRunSites, type RoundEvents } from './ledgerEvents.ts';
import { readRound, type RoundRecord } from './readRound.ts';
import { readRun, type RunRecord } from './readRun.ts';
import { rpcChainId } from './rpcChainId.ts';
import { txConfirmations } from './txConfirmations.ts';

export class LedgerClient implements LedgerConnection {
  readonly abi: Interface;
  readonly contract: Contract;
  private readonly runSitesCache = new Map<string, string[]>();

  constructor(
    readonly provider: JsonRpcProvider,
    readonly wallet: Wallet,
    readonly ledgerAddress: string,
    readonly chainId: number,
  ) {
    this.abi = new Interface(ledgerArtifact().abi as never);
    this.contract = new Contract(ledgerAddress, this.abi, wallet);
  }

  /** Registers a run; returns its on-chain id as a decimal string. */
  async createRun(input: LedgerRunInput): Promise<string> {
    return createLedgerRun(this, input);
  }

  /** A run this client's address created with exactly these fields at or after `fromBlock` (from RunCreated events). */
  async findCreatedRun(input: LedgerRunInput, fromBlock: number): Promise<string | undefined> {
    return findCreatedRun(this, input, fromBlock);
  }

  /**
   * Commits a round and returns the hash of the transaction that committed it: sent once, re-broadcast over a flaky
   * link, and when the round is already on chain with this modelHash (before a restart, or from a broadcast whose
   * answer was lost) not sent again, answered with the original transaction's hash (see commitLedgerRound).
   */
  async commitRound(request: CommitRoundRequest): Promise<string> {
    return commitLedgerRound(this, request, () => this.cachedRunSites(request.runId));
  }

  /**
   * Records the set hash (attemptSetHash) of an attempt at the run's open round, once, and returns the transaction's
   * hash. A second close of the attempt is ATTEMPT_ALREADY_CLOSED, with the same hash too (see closeLedgerAttempt).
   */
  async closeAttempt(runId: string, round: number, attempt: number, setHash: Hash32): Promise<string> {
    return closeLedgerAttempt(this, { runId, round, attempt, setHash });
  }

  /** The set hash the attempt was closed with; undefined while it is not closed. */
  async closedAttempt(runId: string, round: number, attempt: number): Promise<Hash32 | undefined> {
    const setHash = await callLedgerView<Hash32>(this, 'closedAttempt', runId, round, attempt);
    return setHash === ZeroHash ? undefined : setHash;
  }

  /** How many blocks include `txHash` and follow it; 0 when the chain does not hold it (see txConfirmations). */
  async confirmations(txHash: string): Promise<number> {
    return txConfirmations(this, txHash);
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    return readRun(this, runId);
  }

  async getRound(runId: string, round: number): Promise<RoundRecord | undefined> {
    return readRound(this, runId, round);
  }

  /**
   * The first round of `runId` that produced `modelHash` or, with no run named, of the one run that committed it
   * (MODEL_IN_SEVERAL_RUNS when several did); undefined when no round did.
   */
  async findRoundByModelHash(modelHash: Hash32, runId?: string): Promise<ModelRound | undefined> {
    return findModelRound(this.contract, modelHash, runId).catch((thrown: unknown) => {
      throw decodeLedgerError(this.abi, `roundOfModel(${runId ?? 'any run'}, ${modelHash})`, thrown);
    });
  }

  async latestRound(runId: string): Promise<number> {
    return Number(await callLedgerView<bigint>(this, 'latestRound', runId));
  }

  async isSite(runId: string, address: string): Promise<boolean> {
    return callLedgerView<boolean>(this, 'isSite', runId, address);
  }

  /** The run's registered sites, in registration order (from its RunCreated event). */
  async runSites(runId: string): Promise<string[]> {
    return readRunSites(this.contract, runId);
  }

  /** Contributors, attesters, transaction and prevModelHash of a committed round (from its events). */
  async roundEvents(runId: string, round: number): Promise<RoundEvents | undefined> {
    const stored = await this.getRound(runId, round);
    return stored && readRoundEvents(this.contract, this.provider, runId, round, stored.blockNumber);
  }

  /** A run's site list never changes once created, so it is read from its RunCreated event once. */
  private async cachedRunSites(runId: string): Promise<string[]> {
    let sites = this.runSitesCache.get(runId);
    if (!sites) {
      sites = await this.runSites(runId);
      if (sites.length === 0) throw new MedflError('LEDGER_INPUT_INVALID', `run ${runId} does not exist on ledger ${this.ledgerAddress}`);
      this.runSitesCache.set(runId, sites);
    }
    return sites;
  }
}

/** Connects to RoundLedger at `ledgerAddress` on any EVM JSON-RPC endpoint, sending as `privateKey`. */
export async function connectLedger(rpcUrl: string, ledgerAddress: string, privateKey: string): Promise<LedgerClient> {
  const chainId = await rpcChainId(rpcUrl);
  const provider = new JsonRpcProvider(rpcUrl, Network.from(chainId), { staticNetwork: true, pollingInterval: 100, cacheTimeout: -1 });
  const code = await provider.getCode(ledgerAddress).catch((cause: unknown) => {
    throw decodeLedgerError(new Interface([]), `reading code at ${ledgerAddress}`, cause);
  });
  if (code === '0x') throw new MedflError('LEDGER_NOT_DEPLOYED', `no contract at ${ledgerAddress} on ${rpcUrl} (chain ${chainId}); check --ledger`);
  return new LedgerClient(provider, new Wallet(privateKey, provider), ledgerAddress, chainId);
}
