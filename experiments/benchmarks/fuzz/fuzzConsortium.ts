// The run a fuzz targets: a real anvil with RoundLedger, provisioned kits, a `medfl coordinator` process and real
// `medfl participant` processes for the honest UCI centres; the fuzzing site is one more consortium site whose kit the
// fuzzer uses and which runs no participant. The plan lets the honest sites close the round without it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { startChain } from '../../../contracts/chain/startChain.ts';
import { connectLedger, type LedgerClient } from '../../../contracts/LedgerClient.ts';
import { connectChain } from '../../../consortium/localChain.ts';
import type { MedflProcess } from '../../../consortium/MedflProcess.ts';
import { coordinatorProcess, prepareConsortium, siteProcess } from '../../../consortium/partyProcesses.ts';
import { writeUciPlan } from '../../../test/e2e/uciPlan.ts';

/** Four UCI centres: three honest, and switzerland (the smallest) as the fuzzer's identity. */
export const HONEST_SITES = ['cleveland', 'hungary', 'va'] as const;
export const FUZZING_SITE = 'switzerland';

export interface FuzzConsortium {
  readonly dir: string;
  readonly plan: Plan;
  readonly runId: string;
  readonly address: string;
  readonly kits: Readonly<Record<string, string>>;
  readonly coordinator: MedflProcess;
  readonly ledger: LedgerClient;
  stop(): Promise<void>;
}

/**
 * One round of the UCI plan on the single-key codec (the fuzzer's envelopes must reach the ciphertext checks; under
 * threshold CKKS a site without key shares is refused before them), one local epoch, minUpdates 3 of 4 sites and every
 * honest site's attestation to commit. The round can only close at its deadline, since the fuzzer never uploads.
 */
function writeFuzzPlan(dir: string, roundDeadlineSeconds: number): string {
  const sites = [...HONEST_SITES, FUZZING_SITE];
  const file = writeUciPlan(dir, 'fuzz', { sites, rounds: 1, encryption: 'ckks-shared-key', minUpdates: HONEST_SITES.length, quorum: HONEST_SITES.length, roundDeadlineSeconds });
  const plan = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  plan.training = { ...plan.training, localEpochs: 1 };
  plan.consortium = { ...plan.consortium, onRoundFailure: 'stop', maxRetries: 0, maxExamplesPerSite: 1_000 };
  writeFileSync(file, JSON.stringify(plan, null, 2));
  return file;
}

/** A port free right now on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `startupMs` bounds the coordinator's start: a niced bench on a loaded machine gets little CPU. */
export async function startFuzzConsortium(roundDeadlineSeconds: number, startupMs: number): Promise<FuzzConsortium> {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-fuzz-'));
  const started: { stop(): Promise<unknown> }[] = [];
  const stop = async () => {
    await Promise.all(started.splice(0).reverse().map((thing) => thing.stop()));
    if (process.env.MEDFL_FUZZ_KEEP === '1') process.stderr.write(`fuzz run kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  };
  try {
    const planFile = writeFuzzPlan(dir, roundDeadlineSeconds);
    const plan = loadPlan(planFile);
    const running = await startChain({ port: 0 });
    started.push(running);
    const chain = await connectChain(dir, { rpcUrl: running.rpcUrl, ledgerAddress: running.ledgerAddress, adminKey: devWallet(0).privateKey });
    const kits = await prepareConsortium(plan, dir, chain);
    // The round opens as the coordinator starts, so the sites start alongside it rather than after it listens.
    const port = await freePort();
    const coordinator = coordinatorProcess(dir, kits.coordinator!, planFile, chain, port);
    started.push(coordinator);
    const listening = coordinator.waitForJson((line) => (line.event === 'listening' ? String(line.runId) : undefined), startupMs);
    listening.catch(() => undefined); // awaited below; a failure before then must not go unhandled
    const address = `127.0.0.1:${port}`;
    for (const id of HONEST_SITES) started.push(siteProcess(dir, { id, kitDir: kits[id]!, data: 'uci-heart' }, address, chain));
    const ledger = await connectLedger(running.rpcUrl, running.ledgerAddress, devWallet(1).privateKey);
    return { dir, plan, runId: await listening, address, kits, coordinator, ledger, stop };
  } catch (thrown) {
    await stop();
    throw thrown;
  }
}
