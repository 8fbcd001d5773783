// `medfl consent` as a user runs it: bad input is one line with its code and exit status, before any chain call.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { exitCodeFor } from '../../common/errorCodes.ts';
import { CONSENT_PROOF_FORMAT } from '../../common/consent/consentProof.ts';
import { consentPseudonym } from '../../common/consent/consentPseudonym.ts';
import { ConsentTree } from '../../common/consent/consentTree.ts';
import { runCli } from '../helpers/runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-consent-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LEDGER = `0x${'5'.repeat(40)}`;
const hash = (digit: string): Hash32 => `0x${digit.repeat(64)}`;

describe('medfl consent', () => {
  it('check refuses a file that is not a proof with CONSENT_PROOF_INVALID, in one line', async () => {
    const file = join(dir, 'not-a-proof.json');
    writeFileSync(file, '{"format":"something else"}');
    const run = await runCli(['consent', 'check', file, '--ledger', LEDGER, '--rpc', 'http://127.0.0.1:1']);
    expect(run.code).toBe(exitCodeFor('CONSENT_PROOF_INVALID'));
    expect(run.stderr).toMatch(/^medfl: CONSENT_PROOF_INVALID: consent proof .*not-a-proof\.json/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('check refuses two proofs that give one patient two openings, before asking the chain', async () => {
    const proof = {
      format: CONSENT_PROOF_FORMAT, runId: '1', round: 1, site: 'site-a', siteAddress: `0x${'1'.repeat(40)}`, patient: 'p', opening: hash('a'),
      pseudonym: hash('b'), consentRoot: hash('c'), kind: 'exclusion', leafCount: 0, branches: [],
    };
    const empty = new ConsentTree([]).root;
    const first = { ...proof, pseudonym: consentPseudonym('p', hash('a')), consentRoot: empty };
    const second = { ...proof, round: 2, opening: hash('d'), pseudonym: consentPseudonym('p', hash('d')), consentRoot: empty };
    writeFileSync(join(dir, 'first.json'), JSON.stringify(first));
    writeFileSync(join(dir, 'second.json'), JSON.stringify(second));
    const run = await runCli(['consent', 'check', join(dir, 'first.json'), join(dir, 'second.json'), '--ledger', LEDGER, '--rpc', 'http://127.0.0.1:1']);
    expect(run.code).toBe(exitCodeFor('CONSENT_PROOF_INVALID'));
    expect(run.stderr).toContain('give patient p two openings in run 1');
  });

  it('check names a --ledger with no contract LEDGER_NOT_DEPLOYED, not a missing record', async () => {
    const empty = new ConsentTree([]).root;
    const proof = {
      format: CONSENT_PROOF_FORMAT, runId: '1', round: 1, site: 'site-a', siteAddress: `0x${'1'.repeat(40)}`, patient: 'p', opening: hash('a'),
      pseudonym: consentPseudonym('p', hash('a')), consentRoot: empty, kind: 'exclusion', leafCount: 0, branches: [],
    };
    writeFileSync(join(dir, 'sound.json'), JSON.stringify(proof));
    const run = await runCli(['consent', 'check', join(dir, 'sound.json'), '--ledger', LEDGER, '--rpc', inject('sharedChain').rpcUrl]);
    expect(run.code).toBe(exitCodeFor('LEDGER_NOT_DEPLOYED'));
    expect(run.stderr).toBe(`medfl: LEDGER_NOT_DEPLOYED: no contract at ${LEDGER} on this chain; check --ledger and --rpc\n`);
  });

  it('check refuses a proof whose run id is not a run number with CONSENT_PROOF_INVALID, not an internal error', async () => {
    const proof = {
      format: CONSENT_PROOF_FORMAT, runId: 'abc', round: 1, site: 'site-a', siteAddress: `0x${'1'.repeat(40)}`, patient: 'p', opening: hash('a'),
      pseudonym: consentPseudonym('p', hash('a')), consentRoot: new ConsentTree([]).root, kind: 'exclusion', leafCount: 0, branches: [],
    };
    writeFileSync(join(dir, 'bad-run.json'), JSON.stringify(proof));
    const run = await runCli(['consent', 'check', join(dir, 'bad-run.json'), '--ledger', LEDGER, '--rpc', 'http://127.0.0.1:1']);
    expect(run.code).toBe(exitCodeFor('CONSENT_PROOF_INVALID'));
    expect(run.stderr).toBe(`medfl: CONSENT_PROOF_INVALID: consent proof ${join(dir, 'bad-run.json')} is invalid: runId: a run id (1, 2, …)\n`);
  });

  it('prove refuses an empty --patient before reading the kit', async () => {
    const run = await runCli(['consent', 'prove', '--patient', '', '--round', '1', '--kit', join(dir, 'no-kit')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("medfl: USAGE: --patient is empty; give the FHIR Patient id as in the site's export\n");
  });

  it('prove refuses a folder that is not a site kit, and a round that is not one', async () => {
    const run = await runCli(['consent', 'prove', '--patient', 'p', '--round', '1', '--kit', join(dir, 'no-kit'), '--site-dir', dir]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^medfl: KIT_INVALID: /);
    const badRound = await runCli(['consent', 'prove', '--patient', 'p', '--round', '0', '--kit', dir]);
    expect(badRound.stderr).toMatch(/^medfl: USAGE: --round 0 is not a whole number of 1 or more/);
    const notNumber = await runCli(['consent', 'prove', '--patient', 'p', '--round', 'abc', '--kit', dir]);
    expect(notNumber.stderr).toBe('medfl: USAGE: --round takes a whole number of 1 or more; the value given is not a number\n');
  });
});
