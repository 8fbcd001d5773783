// The one schema of a 32-byte hash as medfl writes it (plans, models, digests, roots): wire, kit and manifest files.
import { z } from 'zod';
import type { Hash32 } from '../canonicalJson.ts';

/** 0x and 64 lower-case hex digits (bytes32); the output is typed Hash32. */
export const hash32 = z
  .string()
  .regex(/^0x[0-9a-f]{64}$/, 'a 0x-prefixed lower-case 32-byte hex hash')
  .transform((value) => value as Hash32);
