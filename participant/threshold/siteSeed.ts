// A site's threshold CKKS secret seed: 32 random bytes in its kit, made on the site's own machine the first time it is
// needed and reused ever after (its secret s_i and its group contribution come from it); provisioning never makes it
// and nothing sends it.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_FILES } from '../../common/kit/kitFiles.ts';
import { MedflError } from '../../common/MedflError.ts';

export const SEED_BYTES = 32;

function readSeed(file: string): Uint8Array {
  const text = readFileSync(file, 'utf8').trim();
  const seed = new Uint8Array(Buffer.from(text, 'base64'));
  if (seed.length !== SEED_BYTES || Buffer.from(seed).toString('base64') !== text) {
    throw new MedflError('KIT_INVALID', `${file} must hold ${SEED_BYTES} bytes in base64; restore it from the site's backup (a new seed cannot stand in for shares already sent)`);
  }
  return seed;
}

/** Creates the file exclusively (0600): of two processes racing, one writes and both read the same seed. */
function createSeed(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new MedflError('KIT_INVALID', `cannot create ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    writeSync(fd, `${randomBytes(SEED_BYTES).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The seed in `kitDir`, created first if the kit holds none. */
export function siteSeed(kitDir: string): Uint8Array {
  const file = join(kitDir, KIT_FILES.ckksShareSeed);
  if (!existsSync(file)) createSeed(file);
  return readSeed(file);
}
