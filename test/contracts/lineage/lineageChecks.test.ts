import { describe, expect, it } from 'vitest';
import type { Consortium } from '../../../common/kit/Consortium.ts';
import type { Lineage, LineageRound } from '../../../contracts/lineage/Lineage.ts';
import { lineageChecks, type PlanExpectation } from '../../../contracts/lineage/lineageChecks.ts';
import { runSitesHash } from '../../../contracts/runSitesHash.ts';
import { hashOf } from './committedModels.ts';

const A = '0x1111111111111111111111111111111111111111';
const B = '0x2222222222222222222222222222222222222222';
const COORDINATOR = '0x3333333333333333333333333333333333333333';
const site = (id: string, address: string) => ({ id, address, certFingerprint256: '', signingPublicKey: '', boxPublicKey: '' });
const consortium = { name: 'north', coordinator: { id: 'coordinator', address: COORDINATOR }, sites: [site('a', A), site('b', B)] } as unknown as Consortium;
const plan: PlanExpectation = { file: 'plan.json', planHash: hashOf('plan'), quorum: 2, siteIds: ['a', 'b'] };

function lineage(signers: string[][], overrides: Partial<Lineage> = {}): Lineage {
  const rounds = signers.map((roundSigners, i) => ({ round: i + 1, signers: roundSigners, attesters: roundSigners }) as unknown as LineageRound);
  return {
    ledger: COORDINATOR, chainId: 31337, runId: '1', planHash: hashOf('plan'), genesisModelHash: hashOf('genesis'), coordinator: COORDINATOR,
    quorum: 2, sites: [A, B], sitesHash: runSitesHash([A, B]), rounds, problems: [], ...overrides,
  };
}

const failures = (checks: ReturnType<typeof lineageChecks>) => checks.filter((c) => c.status === 'failed').map((c) => [c.check, c.code, c.detail]);

describe('lineageChecks (pure, on hand-made lineages)', () => {
  it('passes a run of the consortium signed by its sites under the plan, checks in print order', () => {
    const checks = lineageChecks(lineage([[A, B], [B, A]]), consortium, plan);
    expect(checks.map((c) => [c.check, c.status])).toEqual(['attesters', 'quorum', 'coordinator', 'sites', 'plan'].map((name) => [name, 'passed']));
  });

  it('counts a signer twice in one round once toward the quorum', () => {
    expect(failures(lineageChecks(lineage([[A, A.toUpperCase().replace('0X', '0x')]]), consortium, undefined))).toEqual([
      ['quorum', 'QUORUM_TOO_LOW', "round 1 has 1 signatures of consortium north's sites; the run's quorum is 2"],
    ]);
  });

  it("names another coordinator, and sites in another order than the plan's", () => {
    const checks = lineageChecks(lineage([[A, B]], { coordinator: A, sites: [B, A], sitesHash: runSitesHash([B, A]) }), consortium, plan);
    expect(failures(checks)).toEqual([
      ['coordinator', 'RUN_MISMATCH', `run 1 was created by ${A}, not by consortium north's coordinator ${COORDINATOR}`],
      ['sites', 'RUN_MISMATCH', `run 1 registered ${B}, ${A}, not consortium north's a, b (${A}, ${B}) in the plan's order`],
    ]);
  });

  it('without a plan: RunCreated sites that do not hash to the stored sitesHash are RUN_MISMATCH', () => {
    expect(failures(lineageChecks(lineage([[A, B]], { sitesHash: hashOf('other') }), consortium, undefined))).toEqual([
      ['sites', 'RUN_MISMATCH', "the sites of run 1's RunCreated event do not hash to its stored sitesHash"],
    ]);
  });

  it('a plan naming a site the consortium does not list is PLAN_MISMATCH; no consortium and no plan, no checks', () => {
    expect(failures(lineageChecks(lineage([[A, B]]), consortium, { ...plan, siteIds: ['a', 'c'] }))).toEqual([
      ['sites', 'PLAN_MISMATCH', 'plan.json names c, which consortium north does not list'],
    ]);
    expect(lineageChecks(lineage([[A]]), undefined, undefined)).toEqual([]);
  });
});
