import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARTIFACT_FILE, artifactJson, compileLedger } from '../../../contracts/compileLedger.ts';

describe('contracts/build/RoundLedger.json', () => {
  it('is what RoundLedger.sol compiles to today (run `npm run compile:contracts` after editing the contract)', () => {
    const compiled = compileLedger();
    expect(compiled.compiler).toMatch(/^solc-js 0\.8\.28\+/);
    expect(readFileSync(ARTIFACT_FILE, 'utf8')).toBe(artifactJson(compiled));
  });
});
