// `medfl provision` through the real binary: the coordinator's certificate names and advertised endpoint, the chain
// pinned from a real anvil, and flags that are wrong refused in one line before anything is written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKit } from '../../common/kit/loadKit.ts';
import { readChainPinAt } from '../../contracts/chain/readChainPin.ts';
import { startChain } from '../../contracts/chain/startChain.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { runCli } from '../helpers/runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-provision-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('medfl provision', () => {
  it('names the coordinator by --san and writes --coordinator-endpoint into every kit\'s consortium.json', async () => {
    const out = join(dir, 'named');
    const run = await runCli(['provision', '--sites', 'site-a', '--san', 'coordinator.example.org,10.0.0.5', '--coordinator-endpoint', '10.0.0.5:7443', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const coordinator = loadKit(join(out, 'coordinator'));
    expect(new X509Certificate(coordinator.tls.certPem).subjectAltName).toBe('DNS:coordinator, DNS:coordinator.example.org, IP Address:10.0.0.5');
    expect(loadKit(join(out, 'site-a')).consortium.coordinator.endpoint).toBe('10.0.0.5:7443');
  });

  it('--rpc --ledger pin the ledger\'s chain in every kit\'s consortium.json; no ledger there is one line, writing nothing', async () => {
    const chain = await startChain({ port: 0 });
    try {
      const out = join(dir, 'pinned');
      const run = await runCli(['provision', '--sites', 'site-a,site-b', '--out', out, '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress]);
      expect(run.code, run.stderr).toBe(0);
      const pin = await readChainPinAt(chain.rpcUrl, chain.ledgerAddress);
      expect(pin).toMatchObject({ chainId: 31337, ledger: chain.ledgerAddress, deployBlock: 1 });
      for (const party of ['coordinator', 'site-a', 'site-b']) expect(loadKit(join(out, party)).consortium.chain).toEqual(pin);
      expect(run.stdout).toContain(`chain pinned: chain id 31337, ledger ${chain.ledgerAddress} deployed in block 1 (${pin.deployBlockHash})`);
      const missing = join(dir, 'no-ledger');
      const refused = await runCli(['provision', '--sites', 'site-a', '--out', missing, '--rpc', chain.rpcUrl, '--ledger', '0x0000000000000000000000000000000000000001']);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toBe('medfl: LEDGER_NOT_DEPLOYED: no contract at 0x0000000000000000000000000000000000000001 on this chain; check --ledger and --rpc\n');
      expect(existsSync(missing)).toBe(false);
    } finally {
      await chain.stop();
    }
  });

  it('refuses a bad --coordinator-endpoint with one USAGE line, writing nothing', async () => {
    const out = join(dir, 'bad');
    const run = await runCli(['provision', '--sites', 'site-a', '--coordinator-endpoint', 'https://10.0.0.5:7443', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --coordinator-endpoint "https://10.0.0.5:7443" is not host:port (e.g. coordinator.example.org:7443)\n');
    expect(existsSync(out)).toBe(false);
  });

  it('issues no CKKS key for a threshold CKKS plan: one USAGE line, writing nothing (each site makes its own seed)', async () => {
    const out = join(dir, 'threshold');
    const run = await runCli(['provision', '--sites', 'cleveland,hungary,switzerland,va', '--plan', join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: plan uci-heart-fedavg uses ckks updates; a CKKS key is only issued for encryption "ckks-shared-key" (under threshold "ckks" each site makes its own secret)\n');
    expect(existsSync(out)).toBe(false);
  });
});
