// participant/wiring.ts against real anvil chains: a site whose consortium.json pins the chain refuses another one;
// and the plan's codec: threshold CKKS from the kit's own seed, no sealed key needed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { KIT_FILES } from '../../common/kit/kitFiles.ts';
import { loadKit, type Kit } from '../../common/kit/loadKit.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { isThresholdCodec } from '../../participant/ports.ts';
import { readChainPinAt } from '../../contracts/chain/readChainPin.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { siteCodec, siteLedger } from '../../participant/wiring.ts';
import { provisionConsortium } from '../../provision/provisionConsortium.ts';
import { startLaterChain } from '../helpers/laterChain.ts';

describe('siteLedger and the pinned chain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-site-wiring-'));
  let honest: RunningChain;
  let kit: Kit;

  beforeAll(async () => {
    honest = await startChain({ port: 0 });
    const chain = await readChainPinAt(honest.rpcUrl, honest.ledgerAddress);
    await provisionConsortium({ consortium: 'north', sites: ['site-a'], outDir: join(dir, 'kits'), chain });
    kit = loadKit(join(dir, 'kits', 'site-a'));
  }, 60_000);

  afterAll(async () => {
    await honest?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects to the chain its consortium.json pins', async () => {
    const ledger = await siteLedger({ rpcUrl: honest.rpcUrl, ledgerAddress: honest.ledgerAddress, kit });
    expect(ledger.ledgerAddress).toBe(honest.ledgerAddress);
    await expect(ledger.closedAttempt('1', 1, 0)).resolves.toBeUndefined();
  });

  it('opens a threshold CKKS plan\'s codec from a seed it makes in the kit (no sealed key); the single-key codec still needs one', async () => {
    const plan = loadPlan(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'));
    const codec = await siteCodec(plan, kit);
    try {
      expect(isThresholdCodec(codec)).toBe(true);
      expect(codec.codecId).toBe(runCodecParameters(plan).codecId);
      expect(existsSync(join(kit.dir, KIT_FILES.ckksShareSeed))).toBe(true);
    } finally {
      codec.dispose();
    }
    const sharedKey = { ...plan, privacy: { ...plan.privacy, encryption: 'ckks-shared-key' as const } };
    await expect(siteCodec(sharedKey, kit)).rejects.toMatchObject({ code: 'KEY_ABSENT', message: expect.stringContaining('no CKKS key file at') });
  });

  it('refuses a fresh chain with the same chain id and ledger address: CHAIN_MISMATCH naming deployBlockHash', async () => {
    const attacker = await startLaterChain(honest);
    try {
      await expect(siteLedger({ rpcUrl: attacker.rpcUrl, ledgerAddress: attacker.ledgerAddress, kit })).rejects.toMatchObject({
        code: 'CHAIN_MISMATCH',
        message: expect.stringMatching(/is not the consortium's pinned chain: deployBlockHash \(block 1\) 0x[0-9a-f]{64}, pinned 0x[0-9a-f]{64}$/),
      });
    } finally {
      await attacker.stop();
    }
  });
});
