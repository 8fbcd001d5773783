import { describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { runSitesHash } from '../../../contracts/runSitesHash.ts';
import { checkRun, type ApprovedRun } from '../../../participant/node/checkRun.ts';
import type { OnChainRun } from '../../../participant/ports.ts';

const hash = (digit: string) => `0x${digit.repeat(64)}` as Hash32;
const sites = ['0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222'];
const approved: ApprovedRun = { planHash: hash('a'), genesisModelHash: hash('b'), sitesHash: runSitesHash(sites), quorum: 2, coordinator: '0xC0000000000000000000000000000000000000dE' };
const ledger = (run: OnChainRun) => ({ run: async () => run });

describe('checkRun (in-process ledger double)', () => {
  it('accepts the run it approved (addresses compared without regard to case)', async () => {
    await expect(checkRun(ledger({ ...approved, coordinator: approved.coordinator.toLowerCase() }), '1', approved)).resolves.toBeUndefined();
  });

  it('names every fact that differs: plan, genesis, sites (another order too), quorum, coordinator', async () => {
    const forged: OnChainRun = { planHash: hash('c'), genesisModelHash: hash('d'), sitesHash: runSitesHash([...sites].reverse()), quorum: 1, coordinator: '0x0000000000000000000000000000000000000bad' };
    await expect(checkRun(ledger(forged), '7', approved)).rejects.toMatchObject({
      code: 'RUN_MISMATCH',
      message: `run 7 on the ledger is not the run this site approved: plan hash ${hash('c')}, not the approved ${hash('a')}; genesis model ${hash('d')}, not the plan's ${hash('b')}; a site list other than the consortium's sites in the plan's order; quorum 1, not the plan's 2; coordinator 0x0000000000000000000000000000000000000bad, not the consortium's ${approved.coordinator}`,
    });
  });
});
