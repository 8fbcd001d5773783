// A site's threshold CKKS secret seed: 32 random bytes in its kit, made on the site's own machine the first time it is
// needed and reused ever after (its secret s_i and its group contribution come from it); provisioning never makes it
// and nothing sends it.
import { join } from 'node:path';
import { KIT_FILES } from '../../common/kit/kitFiles.ts';
import { createKitSecret, readKitSecret } from '../kitSecret.ts';

/** The seed in `kitDir`, created first if the kit holds none. */
export function siteSeed(kitDir: string): Uint8Array {
  const file = join(kitDir, KIT_FILES.ckksShareSeed);
  createKitSecret(file);
  return readKitSecret(file, 'a new seed cannot stand in for shares already sent');
}
