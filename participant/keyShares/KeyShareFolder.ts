// Where a site keeps the key shares it was sent: <out>/key-shares/<runId>/<sender>.json, each the signed, sealed entry
// exactly as it arrived. At rest a share stays sealed to the site's box key, and the sender's signature stays with it
// as evidence of what that sender sent; heldKeyShares.ts opens them again.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MedflError } from '../../common/MedflError.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import type { KeyShareEntry } from '../../common/wire/protocolTypes.ts';
import { keyShareEntrySchema } from '../../common/wire/wireSchemas.ts';
import { writeDurably } from '../writeDurably.ts';

const base64 = z.string().transform((value) => new Uint8Array(Buffer.from(value, 'base64')));
const keptEntrySchema = z
  .object({ runId: z.string(), codecId: z.string(), fromSite: z.string(), toSite: z.string(), threshold: z.number(), payloadSealed: base64, nonce: base64, signature: base64 })
  .pipe(keyShareEntrySchema);

const base64Of = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export class KeyShareFolder {
  readonly dir: string;

  constructor(outDir: string, runId: string) {
    if (!/^[0-9]+$/.test(runId)) throw new MedflError('USAGE', `run id "${runId}" is not a decimal run id`);
    this.dir = join(outDir, 'key-shares', runId);
  }

  /** The entry kept from `sender`, if any. */
  entry(sender: string): KeyShareEntry | undefined {
    const file = join(this.dir, `${sender}.json`);
    if (!existsSync(file)) return undefined;
    const kept = readJsonFile(file, keptEntrySchema, 'kept key share', { notJson: 'KEY_SHARE_INVALID', invalid: 'KEY_SHARE_INVALID' });
    if (kept.fromSite !== sender) throw new MedflError('KEY_SHARE_INVALID', `kept key share ${file} is from ${kept.fromSite}, not ${sender}`, { details: { from: sender } });
    return kept;
  }

  /** The senders whose entries this folder holds. */
  senders(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).sort();
  }

  /** Keeps an entry the caller has checked (openKeyShare), durably, before the site relies on holding it. */
  keep(entry: KeyShareEntry): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const { payloadSealed, nonce, signature, ...fields } = entry;
    const kept = { ...fields, payloadSealed: base64Of(payloadSealed), nonce: base64Of(nonce), signature: base64Of(signature) };
    writeDurably(join(this.dir, `${entry.fromSite}.json`), `${JSON.stringify(kept, null, 2)}\n`);
  }
}
