// medfl's version, read from its package.json, for `medfl --version`.
import { readFileSync } from 'node:fs';

export function medflVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return String(manifest.version ?? 'unknown');
}
