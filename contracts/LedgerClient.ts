// The typed RoundLedger client (ethers v6): runs and rounds written once, read back with their events.
import { Contract, Interface, JsonRpcProvider, Network, Transaction, Wallet, type ContractTransactionResponse } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';
import type { RoundAttestation } from '../common/wire/roundAttestation.ts';
import { childLogger } from '../common/log.ts';
import { MedflError } from '../common/MedflError.ts';
import { commitArguments } from './commitArguments.ts';
import type { ContributionInput } from './contributionsTree.ts';
import { decodeLedgerError, isTransientRpcError } from './decodeLedgerError.ts';
import { ledgerArtifact } from './ledgerArtifact.ts';
import { readRoundEvents, readRunSites, type RoundEvents } from './ledgerEvents.ts';
import { rpcChainId } from './rpcChainId.ts';

/** How long one broadcast waits for its receipt before it counts as a transient failure. */
const RECEIPT_TIMEOUT_MS = 60_000;

export interface RunRecord {
  readonly runId: string;
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly coordinator: string;
  readonly quorum: number;
  readonly siteCount: number;
  readonly latestRound: number;
}

export interface RoundRecord {
  readonly runId: string;
  readonly round: number;
  readonly modelHash: Hash32;
  readonly aggregateDigest: Hash32;
  readonly contributionsRoot: Hash32;
  readonly totalExamples: number;
  readonly timestamp: number;
  readonly blockNumber: number;
}

/** A commit carries exactly the attested fields, plus the leaves and the sites' signatures over them. */
export interface CommitRoundRequest extends RoundAttestation {
  readonly contributions: readonly ContributionInput[];
  readonly signatures: readonly string[];
}

type RawRun = Omit<RunRecord, 'runId' | 'quorum' | 'siteCount' | 'latestRound'> & { quorum: bigint; siteCount: bigint; latestRound: bigint };
type RawRound = Pick<RoundRecord, 'modelHash' | 'aggregateDigest' | 'contributionsRoot'> & { totalExamples: bigint; timestamp: bigint; blockNumber: bigint };

const ZERO_HASH = `0x${'0'.repeat(64)}`;
const RETRY_DELAYS_MS = [200, 500, 1000, 2000];
const log = childLogger('ledger');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class LedgerClient {
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
  async createRun(input: { planHash: Hash32; genesisModelHash: Hash32; sites: readonly string[]; quorum: number }): Promise<string> {
    const action = 'createRun';
    const receipt = await this.send(action, () => this.contract.getFunction('createRun')(input.planHash, input.genesisModelHash, [...input.sites], input.quorum));
    const created = receipt.logs.map((entry) => this.abi.parseLog(entry)).find((parsed) => parsed?.name === 'RunCreated');
    if (!created) throw new MedflError('INTERNAL', 'createRun was mined but emitted no RunCreated event');
    return String(created.args[0]);
  }

  /** A run this client's address created with exactly these fields at or after `fromBlock` (from RunCreated events). */
  async findCreatedRun(input: { planHash: Hash32; genesisModelHash: Hash32; sites: readonly string[]; quorum: number }, fromBlock: number): Promise<string | undefined> {
    if (fromBlock > (await this.provider.getBlockNumber())) return undefined; // nodes refuse a range past their head
    const created = await this.contract.queryFilter(this.contract.filters.RunCreated!(null, null, null, this.wallet.address), fromBlock);
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]?.toLowerCase());
    const match = created.find((entry) => {
      const args = this.abi.parseLog(entry)?.args;
      return args && args.getValue('planHash') === input.planHash && args.getValue('genesisModelHash') === input.genesisModelHash
        && Number(args.getValue('quorum')) === input.quorum && same([...(args.getValue('sites') as string[])], input.sites);
    });
    return match ? String(this.abi.parseLog(match)!.args[0]) : undefined;
  }

  /**
   * Commits a round and waits for its receipt; returns the transaction hash. The transaction is signed once and the
   * same bytes are re-broadcast on transient RPC failures (so at most one commit transaction exists), and before each
   * retry the round is read back: an identical commit already on chain is the success.
   */
  async commitRound(request: CommitRoundRequest): Promise<string> {
    const action = `commitRound(run ${request.runId}, round ${request.round})`;
    let signed: string | undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (attempt > 0) {
          const existing = await this.existingCommit(request);
          if (existing !== undefined) return existing;
        }
        signed ??= await this.signCommit(request);
        return await this.broadcastAndWait(action, signed);
      } catch (thrown) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (!isTransientRpcError(thrown) || delay === undefined) throw decodeLedgerError(this.abi, action, thrown);
        log.warn({ attempt: attempt + 1, delay }, `${action}: transient RPC failure, checking the chain before retrying`);
        await sleep(delay);
      }
    }
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const run = await this.read<RawRun>('getRun', runId);
    if (Number(run.siteCount) === 0) return undefined;
    return {
      runId, planHash: run.planHash, genesisModelHash: run.genesisModelHash, coordinator: run.coordinator,
      quorum: Number(run.quorum), siteCount: Number(run.siteCount), latestRound: Number(run.latestRound),
    };
  }

  async getRound(runId: string, round: number): Promise<RoundRecord | undefined> {
    const stored = await this.read<RawRound>('getRound', runId, round);
    if (stored.modelHash === ZERO_HASH) return undefined;
    return {
      runId, round, modelHash: stored.modelHash, aggregateDigest: stored.aggregateDigest, contributionsRoot: stored.contributionsRoot,
      totalExamples: Number(stored.totalExamples), timestamp: Number(stored.timestamp), blockNumber: Number(stored.blockNumber),
    };
  }

  /** The (runId, round) that committed `modelHash`, or undefined when the ledger does not know it. */
  async findRoundByModelHash(modelHash: Hash32): Promise<{ runId: string; round: number } | undefined> {
    const [runId, round] = await this.read<[bigint, bigint]>('roundOfModel', modelHash);
    return BigInt(runId) === 0n ? undefined : { runId: String(runId), round: Number(round) };
  }

  async latestRound(runId: string): Promise<number> {
    return Number(await this.read<bigint>('latestRound', runId));
  }

  async isSite(runId: string, address: string): Promise<boolean> {
    return this.read<boolean>('isSite', runId, address);
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

  private async existingCommit(request: CommitRoundRequest): Promise<string | undefined> {
    const stored = await this.getRound(request.runId, request.round);
    if (stored?.modelHash !== request.modelHash) return undefined;
    const events = await readRoundEvents(this.contract, this.provider, request.runId, request.round, stored.blockNumber);
    log.info({ round: request.round }, 'round already committed with this modelHash; not sending it again');
    return events?.txHash ?? '';
  }

  /** Estimates (a revert surfaces here, decoded) and signs the commit (see commitArguments for its encoding). */
  private async signCommit(request: CommitRoundRequest): Promise<string> {
    const args = commitArguments(request, await this.cachedRunSites(request.runId), { chainId: this.chainId, ledger: this.ledgerAddress });
    const call = await this.contract.getFunction('commitRound').populateTransaction(args.attestation, args.sites, args.contributions, args.signatures);
    return this.wallet.signTransaction(await this.wallet.populateTransaction(call));
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

  /** Sends the signed bytes (again, if a node already has them that is fine) and waits for their receipt. */
  private async broadcastAndWait(action: string, signed: string): Promise<string> {
    const hash = Transaction.from(signed).hash!;
    await this.provider.broadcastTransaction(signed).catch(async (thrown: unknown) => {
      if (isTransientRpcError(thrown) || !(await this.provider.getTransaction(hash))) throw thrown;
    });
    // Bounded: a transaction that is never mined (a node restarted before saving it) must not freeze the round loop;
    // ethers' TIMEOUT is transient, so the caller re-broadcasts the same signed bytes after checking the chain.
    const receipt = await this.provider.waitForTransaction(hash, 1, RECEIPT_TIMEOUT_MS);
    if (!receipt || receipt.status !== 1) throw new MedflError('LEDGER_REVERTED', `${action}: transaction ${hash} failed on chain`);
    return hash;
  }

  private async send(action: string, call: () => Promise<unknown>) {
    try {
      return await this.waitMined(action, (await call()) as ContractTransactionResponse);
    } catch (thrown) {
      throw decodeLedgerError(this.abi, action, thrown);
    }
  }

  private async waitMined(action: string, tx: ContractTransactionResponse) {
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw new MedflError('LEDGER_REVERTED', `${action}: transaction ${tx.hash} failed on chain`);
    return receipt;
  }

  /** ethers returns an untyped Result (named fields by proxy); T states the ABI outputs the caller reads. */
  private async read<T>(name: string, ...args: unknown[]): Promise<T> {
    try {
      return (await this.contract.getFunction(name).staticCall(...args)) as T;
    } catch (thrown) {
      throw decodeLedgerError(this.abi, `${name}(${args.join(', ')})`, thrown);
    }
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
