// A party's id: its certificate CN, its kit folder's name and its key in consortium.json, so it must be a plain name.
import { z } from 'zod';
import { MedflError } from '../MedflError.ts';

const PARTY_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const RULE = 'lower-case letters, digits and dashes, at most 63, starting with a letter or digit';

export const partyIdSchema = z.string().regex(PARTY_ID, RULE);

/** Throws USAGE naming the flag and the id unless `id` is a party id (so no path, no upper case, no dots). */
export function checkPartyId(id: string, flag: string): void {
  if (PARTY_ID.test(id)) return;
  const hint = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
  throw new MedflError('USAGE', `${flag}: "${id}" is not a party id: use ${RULE}${hint ? ` (e.g. ${hint})` : ''}`);
}
