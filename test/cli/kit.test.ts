// The distributed provisioning flow through the real `medfl` binary: kit init on each party, provision --requests by
// the administrator, kit import back on each party, then the CKKS key issued by one site and imported by another.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKit } from '../../common/kit/loadKit.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { runCli } from '../helpers/runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-kit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const kit = (id: string) => join(dir, id);
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('medfl kit / provision --requests / key', () => {
  it('provisions a consortium in which no party\'s private key leaves its machine', async () => {
    mkdirSync(join(dir, 'requests'));
    for (const [id, role] of [['coordinator', 'coordinator'], ['hospital-1', 'site'], ['hospital-2', 'site']]) {
      const init = await runCli(['kit', 'init', '--json', '--id', id!, '--role', role!, '--consortium', 'demo-iomt', '--out', kit(id!)]);
      expect(init.code, init.stderr).toBe(0);
      copyFileSync(String(json(init.stdout).requestFile), join(dir, 'requests', `${id}.json`));
    }
    const admin = await runCli(['provision', '--json', '--requests', join(dir, 'requests'), '--out', join(dir, 'admin')]);
    expect(admin.code, admin.stderr).toBe(0);
    const issuedDirs = json(admin.stdout).issuedDirs as Record<string, string>;
    for (const id of ['coordinator', 'hospital-1', 'hospital-2']) {
      const imported = await runCli(['kit', 'import', '--kit', kit(id), '--issued', issuedDirs[id]!]);
      expect(imported.stdout).toContain(`kit ${kit(id)} complete`);
    }
    expect(loadKit(kit('hospital-2')).consortium.sites.map((site) => site.id)).toEqual(['hospital-1', 'hospital-2']);

    const plan = join(REPO_ROOT, 'plans', 'demo.json');
    const planFile = join(dir, 'plan.json');
    const demo = JSON.parse(readFileSync(plan, 'utf8')) as { consortium: { sites: string[]; minUpdates: number; quorum: number }; privacy: object };
    // A key is issued only for the single-key codec: under threshold CKKS ("ckks") no party holds the whole key.
    const privacy = { ...demo.privacy, encryption: 'ckks-shared-key' };
    writeFileSync(planFile, JSON.stringify({ ...demo, privacy, consortium: { ...demo.consortium, sites: ['hospital-1', 'hospital-2'], minUpdates: 2, quorum: 2 } }));
    const issued = await runCli(['key', 'issue', '--json', '--plan', planFile, '--kit', kit('hospital-1'), '--out', join(dir, 'keys')]);
    expect(issued.code, issued.stderr).toBe(0);
    const files = json(issued.stdout).files as Record<string, string>;
    const wrong = await runCli(['key', 'import', '--plan', planFile, '--kit', kit('hospital-2'), '--file', files['hospital-1']!]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('KEY_SEAL_OPEN_FAILED');
    const right = await runCli(['key', 'import', '--plan', planFile, '--kit', kit('hospital-2'), '--file', files['hospital-2']!]);
    expect(right.stdout).toContain(`CKKS key placed in ${join(kit('hospital-2'), 'ckks.sealed')}`);
    const coordinator = await runCli(['key', 'issue', '--plan', planFile, '--kit', kit('coordinator'), '--out', join(dir, 'nope')]);
    expect(coordinator.stderr).toContain("is the coordinator's kit; the CKKS key is issued by a key-holding site");
  }, 120_000);

  it('refuses an id that is not a party id with one USAGE line, and writes no kit', async () => {
    const run = await runCli(['kit', 'init', '--id', 'Hungary2', '--consortium', 'demo-iomt', '--out', kit('hungary')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --id: "Hungary2" is not a party id: use lower-case letters, digits and dashes, at most 63, starting with a letter or digit (e.g. hungary2)\n');
    expect(existsSync(kit('hungary'))).toBe(false);
  });

  it('refuses a --san name that cannot be certified with one USAGE line naming it, and writes no kit', async () => {
    const run = await runCli(['kit', 'init', '--id', 'coordinator', '--role', 'coordinator', '--consortium', 'demo-iomt', '--san', 'coordinator.example.org,bad_name', '--out', kit('named')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --san: "bad_name" is neither an IP address nor a DNS name (lower-case letters, digits, dashes and dots; no wildcards)\n');
    expect(existsSync(kit('named'))).toBe(false);
  });
});
