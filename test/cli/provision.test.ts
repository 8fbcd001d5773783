// `medfl provision` through the real binary: the coordinator's certificate names and advertised endpoint, and flags
// that are wrong refused in one line before anything is written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKit } from '../../common/kit/loadKit.ts';
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

  it('refuses a bad --coordinator-endpoint with one USAGE line, writing nothing', async () => {
    const out = join(dir, 'bad');
    const run = await runCli(['provision', '--sites', 'site-a', '--coordinator-endpoint', 'https://10.0.0.5:7443', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --coordinator-endpoint "https://10.0.0.5:7443" is not host:port (e.g. coordinator.example.org:7443)\n');
    expect(existsSync(out)).toBe(false);
  });
});
