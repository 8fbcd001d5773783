// `medfl participant` as three real processes on the UCI Heart Disease centres (one centre each), with real CKKS,
// a real coordinator over mTLS and RoundLedger on anvil: three committed rounds, every site on the chain's model.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCkksSecretKey } from '../../common/he/ckksSecretKey.ts';
import { sealSecretKeyForSite } from '../../common/he/sealSecretKey.ts';
import { KIT_FILES } from '../../common/kit/kitFiles.ts';
import { loadKit } from '../../common/kit/loadKit.ts';
import { approvePlan } from '../../common/kit/planApproval.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { parsePlan } from '../../common/plan/parsePlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { CkksParameters } from '../../common/he/ckksParameters.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { authorizeCoordinator } from '../../contracts/chain/authorizeCoordinator.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { coordinatorAggregation, coordinatorLedger } from '../../coordinator/wiring.ts';
import { provisionConsortium } from '../../provision/provisionConsortium.ts';
import { startCoordinator, type RunningCoordinator } from '../../coordinator/startCoordinator.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { writeCkksKeyFile } from '../../provision/ckksKeyFile.ts';
import { runCli } from '../helpers/runCli.ts';

const CENTRES = ['cleveland', 'hungary', 'va'];
const dir = mkdtempSync(join(tmpdir(), 'medfl-participant-cli-'));
let chain: RunningChain;
let coordinator: RunningCoordinator;

function participantProcess(site: string): Promise<{ code: number; stdout: string }> {
  const args = ['participant', '--json', '--kit', join(dir, 'kits', site), '--data', 'uci-heart', '--coordinator', coordinator.address,
    '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress, '--out', join(dir, 'out', site)];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, VITEST: '', MEDFL_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code: code ?? -1, stdout });
  }));
}

beforeAll(async () => {
  chain = await startChain({ port: 0 });
  const base = loadPlan(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'));
  // The single-key codec, whose key this test seals to each site (threshold CKKS needs the coordinator's decryption phase).
  const privacy = { ...base.privacy, encryption: 'ckks-shared-key' };
  const plan = parsePlan({ ...base, privacy, rounds: 3, consortium: { ...base.consortium, sites: CENTRES, minUpdates: 3, quorum: 3 } }, 'test plan');
  const { kitDirs, consortium } = await provisionConsortium({ consortium: 'uci', sites: CENTRES, outDir: join(dir, 'kits') });
  const params = runCodecParameters(plan) as CkksParameters;
  const secretKey = await generateCkksSecretKey(params);
  for (const site of consortium.sites) {
    approvePlan(kitDirs[site.id]!, { planHash: planHash(plan), name: plan.name });
    writeCkksKeyFile(join(kitDirs[site.id]!, KIT_FILES.ckksSealed), sealSecretKeyForSite(secretKey, new Uint8Array(Buffer.from(site.boxPublicKey, 'base64')), params.codecId));
  }
  await authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, consortium.coordinator.address);
  const kit = loadKit(kitDirs.coordinator!);
  const ledger = await coordinatorLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit });
  coordinator = await startCoordinator({ kitDir: kitDirs.coordinator!, plan, storeDir: join(dir, 'store'), ledger, aggregation: coordinatorAggregation(plan) });
});

afterAll(async () => {
  await coordinator?.stop();
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('medfl participant', () => {
  it('runs three encrypted rounds on the UCI centres and ends every site on the model committed on chain', async () => {
    const runs = await Promise.all(CENTRES.map(participantProcess));
    const runId = coordinator.engine.runId;
    const reader = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(1).privateKey);
    const final = await reader.getRound(runId, 3);
    for (const [i, run] of runs.entries()) {
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'finished', site: CENTRES[i], round: 3, modelHash: final?.modelHash });
    }
    const accuracies = coordinator.engine.status().lastCommit?.siteMetrics.map(({ metrics }) => metrics.accuracy) ?? [];
    expect(accuracies).toHaveLength(3);
    for (const accuracy of accuracies) expect(accuracy).toBeGreaterThan(0.5);
  });

  it('refuses a data path that does not exist at once, before it connects or reads the plan', async () => {
    const missing = join(dir, 'no-such-export');
    const args = ['participant', '--kit', join(dir, 'kits', 'cleveland'), '--data', missing, '--coordinator', '127.0.0.1:9', '--ledger', chain.ledgerAddress, '--rpc', chain.rpcUrl];
    const run = await runCli(args);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`medfl: DATASET_NOT_FOUND: data set ${missing} does not exist; pass uci-heart or a folder holding a site's data\n`);
  });
});
