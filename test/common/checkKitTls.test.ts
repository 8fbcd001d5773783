import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKitTls } from '../../common/checkKitTls.ts';
import { testConsortium, testPlan, type TestConsortium } from '../coordinator/helpers/testConsortium.ts';
import { loadKit } from '../../common/kit/loadKit.ts';

let world: TestConsortium;
beforeAll(async () => {
  world = await testConsortium(testPlan({}, 1, 'plaintext'));
});
afterAll(() => world.cleanup());

describe('checkKitTls', () => {
  it('accepts a provisioned kit', () => {
    expect(() => checkKitTls(loadKit(world.kitDirs['site-a']!))).not.toThrow();
  });

  it('names tls.key when it is truncated or is not the certificate’s key, and tls.crt when it is damaged', () => {
    const kit = loadKit(world.kitDirs['site-a']!);
    const keyFile = join(kit.dir, 'tls.key');
    const truncated = { dir: kit.dir, tls: { ...kit.tls, keyPem: kit.tls.keyPem.slice(0, 100) } };
    expect(() => checkKitTls(truncated)).toThrow(expect.objectContaining({ code: 'KIT_INVALID', message: expect.stringMatching(new RegExp(`^${keyFile} is not a usable private key \\(.+\\); copy the kit again`)) }));
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => checkKitTls({ dir: kit.dir, tls: { ...kit.tls, keyPem: otherKey } })).toThrow(`${keyFile} is not the private key of ${join(kit.dir, 'tls.crt')}`);
    expect(() => checkKitTls({ dir: kit.dir, tls: { ...kit.tls, certPem: 'garbage' } })).toThrow(expect.objectContaining({ code: 'KIT_INVALID', message: expect.stringContaining(`${join(kit.dir, 'tls.crt')} is not a usable certificate`) }));
  });
});
