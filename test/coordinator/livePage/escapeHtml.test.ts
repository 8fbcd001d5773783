import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../coordinator/livePage/escapeHtml.ts';

describe('escapeHtml', () => {
  it('turns every character that could open markup or leave a quoted attribute into an entity', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&amp;`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;');
    expect(escapeHtml(42)).toBe('42');
  });
});
