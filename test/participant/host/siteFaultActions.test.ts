import { describe, expect, it } from 'vitest';
import { childLogger } from '../../../common/log.ts';
import { siteFaultActions } from '../../../participant/host/siteFaultActions.ts';
import type { SiteFault } from '../../../participant/host/siteFaults.ts';

const faults: SiteFault[] = [
  { round: 2, kind: 'slow-site', site: 'hospital-1', delayMs: 100 },
  { round: 2, kind: 'late-join', site: 'hospital-2', delayMs: 300 },
];

describe('siteFaultActions', () => {
  it("gives a site only its own faults, each once, reporting each as it is taken", () => {
    const reported: SiteFault[] = [];
    const actions = siteFaultActions(async () => undefined, 'hospital-1', faults, childLogger('test'), (fault) => reported.push(fault));
    expect(actions.take(2, ['late-join'])).toBeUndefined();
    expect(actions.take(2, ['slow-site', 'upload-dropped'])).toEqual(faults[0]);
    expect(actions.take(2, ['slow-site'])).toBeUndefined();
    expect(reported).toEqual([faults[0]]);
    expect(faults).toHaveLength(2); // the drill's list is not consumed: every site reads the same one
  });

  it("restarts the site through its host without waiting for it", async () => {
    const calls: [string, number][] = [];
    let finish!: () => void;
    const restart = (site: string, afterMs: number) => {
      calls.push([site, afterMs]);
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const actions = siteFaultActions(restart, 'hospital-2', faults, childLogger('test'), () => undefined);
    actions.restart(300);
    expect(calls).toEqual([['hospital-2', 300]]);
    finish();
  });
});
