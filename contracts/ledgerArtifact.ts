// The committed RoundLedger ABI and bytecode (contracts/build/RoundLedger.json, produced by compileLedger.ts).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonFragment } from 'ethers';

export interface LedgerArtifact {
  readonly contractName: 'RoundLedger';
  readonly compiler: string;
  readonly settings: unknown;
  readonly abi: JsonFragment[];
  readonly bytecode: string;
}

let cached: LedgerArtifact | undefined;

/** Reads the build artifact once; it is part of the repository, so a missing file is a broken checkout. */
export function ledgerArtifact(): LedgerArtifact {
  cached ??= JSON.parse(
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'build', 'RoundLedger.json'), 'utf8'),
  ) as LedgerArtifact;
  return cached;
}
