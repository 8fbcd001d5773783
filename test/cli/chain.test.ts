import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { commitModels } from '../contracts/lineage/committedModels.ts';
import { runCli } from '../helpers/runCli.ts';

interface Ready {
  rpcUrl: string;
  ledgerAddress: string;
  chainId: number;
  reused: boolean;
}

/** Starts `medfl chain start --json` and resolves with its one ready line. */
function startCli(args: string[]): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), 'chain', 'start', '--json', ...args], {
    env: { ...process.env, VITEST: '', MEDFL_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve({ child, ready: JSON.parse(stdout.split('\n')[0]!) as Ready });
    });
    child.once('exit', (code) => reject(new Error(`medfl chain start exited with ${code}: ${stderr}`)));
  });
}

function stopCli(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('medfl chain start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-cli-chain-'));
  const stateFile = join(dir, 'chain-state.json');
  const children: ChildProcess[] = [];

  afterAll(async () => {
    await Promise.all(children.map(stopCli));
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one JSON line when ready; started again on the same state file it finds the ledger and its rounds', async () => {
    const first = await startCli(['--port', '0', '--state', stateFile]);
    children.push(first.child);
    expect(first.ready).toMatchObject({ chainId: 31337, reused: false });
    expect(first.ready.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const models = await commitModels(first.ready.rpcUrl, first.ready.ledgerAddress, dir, 2);
    expect(await stopCli(first.child)).toBe(0);

    const second = await startCli(['--port', '0', '--state', stateFile]);
    children.push(second.child);
    expect(second.ready).toMatchObject({ ledgerAddress: first.ready.ledgerAddress, reused: true });
    const client = await connectLedger(second.ready.rpcUrl, second.ready.ledgerAddress, devWallet(0).privateKey);
    expect(await client.latestRound(models.runId)).toBe(2);
    expect(await client.findRoundByModelHash(models.modelHashes[2]!)).toEqual({ runId: models.runId, round: 2 });
    client.provider.destroy();
    expect(await stopCli(second.child)).toBe(0);
  });

  it('listens on the --host address and prints an RPC URL on it; nothing answers on 127.0.0.1', async () => {
    const started = await startCli(['--port', '0', '--host', '127.0.0.5']);
    children.push(started.child);
    expect(started.ready.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.5:\d+$/);
    const port = new URL(started.ready.rpcUrl).port;
    const chainId = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' });
    expect((await chainId(started.ready.rpcUrl)).ok).toBe(true);
    await expect(chainId(`http://127.0.0.1:${port}`)).rejects.toThrow();
    expect(await stopCli(started.child)).toBe(0);
  });

  it('refuses a --host that is not an IP address with one USAGE line', async () => {
    const run = await runCli(['chain', 'start', '--host', 'chain.example.org']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --host "chain.example.org" is not an IP address (anvil listens on an address, e.g. 10.0.0.7)\n');
  });
});
