// Faults with real processes on loopback: a coordinator killed mid-round and restarted, a hospital node killed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectLedger, type LedgerClient } from '../../contracts/LedgerClient.ts';
import { connectChain, type LocalChain } from '../../consortium/localChain.ts';
import type { MedflProcess } from '../../consortium/MedflProcess.ts';
import { coordinatorAddress, coordinatorProcess, prepareConsortium, siteProcess } from '../../consortium/partyProcesses.ts';
import { writeUciPlan } from './uciPlan.ts';

const work = mkdtempSync(join(tmpdir(), 'medfl-faults-'));
const processes: MedflProcess[] = [];
const chains: RunningChain[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map((party) => party.stop()));
  await Promise.all(chains.splice(0).map((chain) => chain.stop()));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TRAIN_EXAMPLES: Record<string, number> = { cleveland: 199, hungary: 172, va: 85 };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls a log file until a line matches, within a bounded time. */
async function waitForLog(file: string, pattern: RegExp, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(file) && readFileSync(file, 'utf8').split('\n').some((line) => pattern.test(line))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no line matching ${pattern} in ${file} within ${timeoutMs} ms`);
}

interface Consortium {
  dir: string;
  planFile: string;
  chain: LocalChain;
  ledger: LedgerClient;
  kits: Record<string, string>;
}

async function consortium(name: string, plan: Parameters<typeof writeUciPlan>[2]): Promise<Consortium> {
  const running = await startChain({ port: 0 });
  chains.push(running);
  const dir = join(work, name);
  const planFile = writeUciPlan(dir, name, plan);
  const chain = await connectChain(dir, { rpcUrl: running.rpcUrl, ledgerAddress: running.ledgerAddress, adminKey: devWallet(0).privateKey });
  const kits = await prepareConsortium(loadPlan(planFile), dir, chain);
  return { dir, planFile, chain, kits, ledger: await connectLedger(running.rpcUrl, running.ledgerAddress, devWallet(1).privateKey) };
}

function startSites(c: Consortium, sites: string[], address: string): MedflProcess[] {
  const started = sites.map((id) => siteProcess(c.dir, { id, kitDir: c.kits[id]!, data: 'uci-heart' }, address, c.chain));
  processes.push(...started);
  return started;
}

const finished = (coordinator: MedflProcess) =>
  coordinator.waitForJson((line) => (line.event === 'finished' ? String(line.runState) : undefined), 300_000);

describe('faults', () => {
  it('a coordinator killed mid-round and restarted completes the round, nothing lost or counted twice', async () => {
    const sites = ['cleveland', 'hungary', 'va'];
    const c = await consortium('restart', { sites, rounds: 3, encryption: 'ckks' });
    const port = await freePort();
    const first = coordinatorProcess(c.dir, c.kits.coordinator!, c.planFile, c.chain, port);
    processes.push(first);
    const address = await coordinatorAddress(first);
    startSites(c, sites, address);
    await waitForLog(join(c.dir, 'logs', 'coordinator.log'), /"msg":"update accepted".*"round":2|"round":2.*"msg":"update accepted"/, 240_000);
    await first.crash();
    expect(await c.ledger.latestRound('1')).toBeLessThan(2);
    const second = coordinatorProcess(c.dir, c.kits.coordinator!, c.planFile, c.chain, port);
    processes.push(second);
    expect(await finished(second)).toBe('COMPLETED');
    for (const round of [1, 2, 3]) {
      const events = await c.ledger.roundEvents('1', round);
      expect(events?.contributions.map((leaf) => Number(leaf.examples)).sort((a, b) => a - b)).toEqual([85, 172, 199]);
      expect((await c.ledger.getRound('1', round))?.totalExamples).toBe(456);
    }
  }, 420_000);

  it('a hospital node killed after its upload: that round commits without it, the next closes at its deadline with the others', async () => {
    const sites = ['cleveland', 'hungary', 'va'];
    const c = await consortium('kill-site', { sites, rounds: 2, encryption: 'ckks', minUpdates: 2, quorum: 2, roundDeadlineSeconds: 20 });
    const coordinator = coordinatorProcess(c.dir, c.kits.coordinator!, c.planFile, c.chain);
    processes.push(coordinator);
    const va = startSites(c, sites, await coordinatorAddress(coordinator))[2]!;
    // Killed once its round-1 update is stored: round 1 still needs its attestation quorum, which va never sends.
    await waitForLog(join(c.dir, 'logs', 'va.log'), /update accepted by the coordinator/, 240_000);
    await va.crash();
    expect(await finished(coordinator)).toBe('COMPLETED');
    expect((await c.ledger.roundEvents('1', 1))?.contributions).toHaveLength(3);
    expect((await c.ledger.roundEvents('1', 1))?.attesters).toHaveLength(2);
    const round2 = await c.ledger.roundEvents('1', 2);
    expect(round2?.contributions).toHaveLength(2);
    expect((await c.ledger.getRound('1', 2))?.totalExamples).toBe(TRAIN_EXAMPLES.cleveland! + TRAIN_EXAMPLES.hungary!);
  }, 420_000);
});
