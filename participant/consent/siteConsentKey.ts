// A site's consent key: 32 random bytes in its kit, made on the site's machine the first time it trains and never sent.
// Every patient's opening is an HMAC under it (common/consent/consentPseudonym.ts), so nothing on chain or in a proof
// lets anyone test patient ids against the site's pseudonyms.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { createKitSecret, readKitSecret } from '../kitSecret.ts';

export const CONSENT_KEY_FILE = 'consent.key';

/** The key in `kitDir`, created first when `create` is set (a training node); a prover finds it or fails. */
export function siteConsentKey(kitDir: string, options: { create: boolean }): Uint8Array {
  const file = join(kitDir, CONSENT_KEY_FILE);
  if (!existsSync(file)) {
    if (!options.create) throw new MedflError('CONSENT_RECORD_MISSING', `kit ${kitDir} holds no ${CONSENT_KEY_FILE}: this site has not trained with consent roots yet`);
    createKitSecret(file);
  }
  return readKitSecret(file, 'proofs for past rounds need the same key');
}
