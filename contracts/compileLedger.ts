// Compiles RoundLedger.sol with the pinned solc-js and OpenZeppelin sources from node_modules (no download).
// `npm run compile:contracts` (tsx contracts/compileLedger.ts) rewrites contracts/build/RoundLedger.json; a test checks it is current.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonFragment } from 'ethers';
import { MedflError } from '../common/MedflError.ts';
import type { LedgerArtifact } from './ledgerArtifact.ts';

const require = createRequire(import.meta.url);
const CONTRACTS_DIR = dirname(fileURLToPath(import.meta.url));
export const SOURCE_FILE = join(CONTRACTS_DIR, 'RoundLedger.sol');
export const ARTIFACT_FILE = join(CONTRACTS_DIR, 'build', 'RoundLedger.json');
/** The Solidity files beside RoundLedger.sol that it imports (as `./Name.sol`, which solc resolves to `Name.sol`). */
const LOCAL_SOURCES = ['IRoundLedger.sol', 'ContributionLeaves.sol'];

interface Solc {
  version(): string;
  compile(input: string, callbacks: { import: (path: string) => { contents: string } | { error: string } }): string;
}

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: JsonFragment[]; evm: { bytecode: { object: string } } }>>;
}

/** cancun: the newest EVM anvil runs by default; 10k optimizer runs because commitRound is called far more than deployed. */
export const COMPILER_SETTINGS = { evmVersion: 'cancun', optimizer: { enabled: true, runs: 10_000 } } as const;

/** solc asks for every import by the path it names: OpenZeppelin from node_modules, the ledger's own files from here. */
function findImport(path: string): { contents: string } | { error: string } {
  const local = LOCAL_SOURCES.find((name) => name === path);
  try {
    return { contents: readFileSync(local ? join(CONTRACTS_DIR, local) : require.resolve(path), 'utf8') };
  } catch {
    return { error: `import ${path} not found in contracts/ or node_modules` };
  }
}

/** Compiles the ledger and returns its ABI and creation bytecode; compiler errors become LEDGER_ARTIFACT_STALE. */
export function compileLedger(): LedgerArtifact {
  const solc = require('solc') as Solc;
  const input = {
    language: 'Solidity',
    sources: { 'RoundLedger.sol': { content: readFileSync(SOURCE_FILE, 'utf8') } },
    settings: { ...COMPILER_SETTINGS, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  const problems = (output.errors ?? []).filter((entry) => entry.severity === 'error');
  const compiled = output.contracts?.['RoundLedger.sol']?.['RoundLedger'];
  if (problems.length > 0 || !compiled) {
    throw new MedflError('LEDGER_ARTIFACT_STALE', `RoundLedger.sol does not compile: ${problems.map((p) => p.formattedMessage).join('\n')}`);
  }
  return {
    contractName: 'RoundLedger',
    compiler: `solc-js ${solc.version()}`,
    settings: COMPILER_SETTINGS,
    abi: compiled.abi,
    bytecode: `0x${compiled.evm.bytecode.object}`,
  };
}

export function artifactJson(artifact: LedgerArtifact): string {
  return `${JSON.stringify(artifact, null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(ARTIFACT_FILE), { recursive: true });
  writeFileSync(ARTIFACT_FILE, artifactJson(compileLedger()));
  process.stdout.write(`wrote ${ARTIFACT_FILE}\n`);
}
