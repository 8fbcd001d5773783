// `medfl coordinator` as a real process on 127.0.0.1: killed with SIGKILL mid-round and restarted on its store,
// the round completes with every acknowledged update counted exactly once, on the real ledger with CKKS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../common/wire/protocolTypes.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { authorizeCoordinator } from '../../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import type { TabularDataset } from '../../datasets/tabular.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { siteCodec, siteLedger } from '../../participant/wiring.ts';
import { CoordinatorClient } from '../../participant/node/CoordinatorClient.ts';
import { runParticipant, type ParticipantResult } from '../../participant/node/runParticipant.ts';
import { testConsortium, testPlan, type TestConsortium } from '../coordinator/helpers/testConsortium.ts';
import { runCli } from '../helpers/runCli.ts';

let chain: RunningChain;
let world: TestConsortium;
let port: number;
const children: ChildProcess[] = [];
const stops: (() => Promise<void>)[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
}

/** Starts `medfl coordinator --json` and resolves once it prints its `listening` line. */
function startCoordinatorProcess(): Promise<ChildProcess> {
  const args = ['coordinator', '--json', '--kit', world.kitDirs.coordinator!, '--plan', join(world.dir, 'plan.json'), '--rpc', chain.rpcUrl,
    '--ledger', chain.ledgerAddress, '--store', join(world.dir, 'store'), '--port', String(port), '--grace', '5'];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, VITEST: '', MEDFL_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('coordinator did not listen within 60 s')), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"event":"listening"')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`coordinator exited with ${code} before listening`)));
  });
}

function dataset(seed: number, rows: number): TabularDataset {
  const features = Float32Array.from({ length: rows * 3 }, (_, i) => Math.sin(seed * 5 + i * 0.3));
  const labels = Float32Array.from({ length: rows }, (_, r) => ((features[r * 3] ?? 0) > (features[r * 3 + 1] ?? 0) ? 1 : 0));
  return { featureNames: ['x1', 'x2', 'x3'], features, labels, rows };
}

function participant(site: string, seed: number): Promise<ParticipantResult> {
  const node = runParticipant({
    kitDir: world.kitDirs[site]!,
    coordinator: `127.0.0.1:${port}`,
    outDir: join(world.dir, 'out', site),
    splitFor: () => ({ site, train: dataset(seed, 30 + seed * 10), test: dataset(seed + 9, 15) }),
    codecFor: (plan, kit) => siteCodec(plan, kit),
    ledgerFor: (kit) => siteLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit }),
    backoff: { initialMs: 100, maxMs: 800 },
  });
  stops.push(node.stop);
  return node.done;
}

async function statusWhen(predicate: (status: RunStatus) => boolean): Promise<RunStatus> {
  const client = CoordinatorClient.connect(`127.0.0.1:${port}`, world.kits['site-c']!.tls, world.kits.coordinator!.consortium.coordinator);
  try {
    for (let i = 0; i < 600; i += 1) {
      const status = await client.getRunStatus().catch(() => undefined);
      if (status && predicate(status)) return status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('status never reached the expected state');
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  chain = await startChain({ port: 0 });
  // The single-key codec: here a site joins late on purpose, which a threshold run's first round would wait for.
  world = await testConsortium(testPlan({ minUpdates: 3, quorum: 3, roundDeadlineSeconds: 120 }, 2, 'ckks-shared-key'));
  writeFileSync(join(world.dir, 'plan.json'), JSON.stringify(world.plan));
  await authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, world.kits.coordinator!.consortium.coordinator.address);
  port = await freePort();
});

afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await chain?.stop();
  world?.cleanup();
});

describe('medfl coordinator', () => {
  it('survives SIGKILL mid-round: acknowledged updates are kept, counted once, and the run completes on chain', async () => {
    const first = await startCoordinatorProcess();
    const early = [participant('site-a', 1), participant('site-b', 2)];
    const before = await statusWhen((status) => status.updatesIn.length === 2);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    await startCoordinatorProcess();
    const after = await statusWhen(() => true);
    expect(after).toMatchObject({ runId: before.runId, round: 1, roundState: 'COLLECTING', updatesIn: ['site-a', 'site-b'] });
    const results = await Promise.all([...early, participant('site-c', 3)]);
    const reader = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(1).privateKey);
    const round1 = await reader.getRound(before.runId, 1);
    expect(round1?.totalExamples).toBe(40 + 50 + 60);
    const final = await reader.getRound(before.runId, 2);
    for (const result of results) expect(result).toMatchObject({ round: 2, modelHash: final?.modelHash });
  });

  const refusedStart = (store: string, extra: string[] = []) => runCli(['coordinator', '--kit', world.kitDirs.coordinator!, '--plan', join(world.dir, 'plan.json'), '--rpc', chain.rpcUrl,
    '--ledger', chain.ledgerAddress, '--store', store, '--port', '0', ...extra]);

  it('refuses a taken --ui port before it opens its store or creates a run', async () => {
    const taken = await freePort().then((free) => new Promise<{ port: number; close: () => void }>((resolve) => {
      const holder = createServer().listen(free, '127.0.0.1', () => resolve({ port: free, close: () => holder.close() }));
    }));
    const store = join(world.dir, 'store-ui-taken');
    const run = await refusedStart(store, ['--ui', String(taken.port)]);
    taken.close();
    expect(run.code).toBe(6);
    expect(run.stderr.trim()).toBe(`medfl: TRANSPORT_UNAVAILABLE: cannot serve the live run page on 127.0.0.1:${taken.port}: listen EADDRINUSE: address already in use 127.0.0.1:${taken.port}`);
    expect(existsSync(store)).toBe(false);
  });

  it('refuses a --store that is a file with one USAGE line naming it (lmdb crashed on it)', async () => {
    const file = join(world.dir, 'store-file');
    writeFileSync(file, 'not a store');
    const run = await refusedStart(file);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`medfl: USAGE: the coordinator store ${file} is a file; name a folder (a new one, or this run's earlier store)`);
  });

  it('refuses a --store another running coordinator holds, naming the folder and its pid', async () => {
    const store = join(world.dir, 'store-held');
    mkdirSync(store);
    writeFileSync(join(store, 'coordinator.lock'), `${process.pid}\n`);
    const run = await refusedStart(store);
    expect(run.code).toBe(7);
    expect(run.stderr.trim()).toBe(`medfl: STORE_LOCKED: the coordinator store ${store} is in use by process ${process.pid}; stop that coordinator or name another store folder`);
    expect(readdirSync(store)).toEqual(['coordinator.lock']);
  });
});
