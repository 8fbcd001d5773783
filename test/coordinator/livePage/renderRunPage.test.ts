import { describe, expect, it } from 'vitest';
import { liveRunView } from '../../../coordinator/livePage/liveRunView.ts';
import { renderRunPage } from '../../../coordinator/livePage/renderRunPage.ts';
import { committedRound, liveRunInput, runningStatus } from './liveRunFixtures.ts';

const HOSTILE = '<script>alert(1)</script>';

describe('renderRunPage', () => {
  it('shows the run, the committed round with its full model hash and chain state, the open round and the sites', () => {
    const html = renderRunPage(liveRunView(liveRunInput()));
    expect(html).toContain('<h1>demo</h1>');
    expect(html).toContain('1 of 2 rounds committed');
    expect(html).toContain(`<code class="hash" data-model-hash>${committedRound(1).modelHash}</code>`);
    expect(html).toContain('data-verification="confirmed">on chain · 3 confirmations</span>');
    expect(html).toContain('block 12');
    expect(html).toMatch(/<td class="num">0\.600<\/td>\s*<td class="num">0\.800<\/td>\s*<td class="num">0\.750<\/td>/);
    expect(html).toContain('data-current-round="2"');
    expect(html).toContain('12:30:00 UTC');
    expect(html).toContain('<tr data-site="site-a"><td>site-a</td><td><span class="dot on"></span>following the run</td><td>12:00:05 UTC</td><td class="num">1</td></tr>');
  });

  it('escapes every value it renders: plan name, site ids, failure and hashes cannot become markup', () => {
    const commit = committedRound(1, { attesters: [HOSTILE], contributions: [{ site: HOSTILE, address: '0x1', examples: 1, digest: '0x', epsilonMicros: 0, consentRoot: '0x' }], txHash: `"><b>${HOSTILE}` });
    const input = liveRunInput({
      plan: { name: `plan ${HOSTILE}`, encryption: HOSTILE, sites: [HOSTILE], quorum: 1 },
      status: runningStatus(commit, { runState: 'STOPPED', failure: `round 2 failed: ${HOSTILE}`, updatesIn: [HOSTILE] }),
      commits: [commit],
    });
    const html = renderRunPage(liveRunView(input));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<p class="failure">round 2 failed: &lt;script&gt;');
  });

  it('says when nothing is committed yet, and which commit the chain does not hold', () => {
    expect(renderRunPage(liveRunView(liveRunInput({ commits: [], status: runningStatus(undefined) })))).toContain('no round committed yet');
    const missing = renderRunPage(liveRunView(liveRunInput({ chain: new Map([[1, { confirmations: 0 }]]) })));
    expect(missing).toContain('data-verification="missing">not on chain · 0 confirmations</span>');
  });
});
