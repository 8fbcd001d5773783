// The embedded chain: anvil (on loopback unless told another address) with its state in a file, or Hardhat's EDR in
// memory, and the RoundLedger deployed on it exactly once.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { NonceManager, type JsonRpcProvider } from 'ethers';
import { z } from 'zod';
import { MedflError } from '../../common/MedflError.ts';
import { childLogger } from '../../common/log.ts';
import { connectRpc } from './connectRpc.ts';
import { deployLedger } from './deployLedger.ts';
import { devWallet } from './devAccounts.ts';
import { spawnAnvil } from './spawnAnvil.ts';
import type { ChainNode } from './spawnChainNode.ts';
import { spawnEdr } from './spawnEdr.ts';

export interface RunningChain {
  readonly rpcUrl: string;
  readonly ledgerAddress: string;
  readonly chainId: number;
  /** True when the ledger was found at the address remembered beside the state file. */
  readonly reused: boolean;
  stop(): Promise<void>;
}

/** anvil is the default; EDR (Hardhat's node) shows medfl does not depend on one EVM's quirks. */
export type ChainEngine = 'anvil' | 'edr';

/** Only anvil has a state file: EDR's chain lives in memory and ends with its process. */
export type ChainOptions =
  | { readonly engine?: 'anvil'; readonly stateFile?: string; readonly host?: string; readonly port?: number }
  | { readonly engine: 'edr'; readonly host?: string; readonly port?: number };

const ledgerRecordSchema = z.object({ address: z.string(), chainId: z.number().int(), deployBlock: z.number().int() });
type LedgerRecord = z.infer<typeof ledgerRecordSchema>;

/** Where the ledger address is remembered: beside the chain's state file. */
export function ledgerRecordFile(stateFile: string): string {
  return `${stateFile}.ledger.json`;
}

function readLedgerRecord(file: string): LedgerRecord | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = ledgerRecordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new MedflError('LEDGER_NOT_DEPLOYED', `${file} is not a ledger record ({address, chainId, deployBlock}); delete it to redeploy`);
  return parsed.data;
}

async function findOrDeploy(provider: JsonRpcProvider, chainId: number, recordFile: string | undefined): Promise<{ address: string; reused: boolean }> {
  const log = childLogger('chain');
  const record = recordFile ? readLedgerRecord(recordFile) : undefined;
  if (record && record.chainId === chainId && (await provider.getCode(record.address)) !== '0x') {
    log.info({ ledger: record.address }, 'ledger found in the chain state');
    return { address: record.address, reused: true };
  }
  if (record) log.warn({ ledger: record.address }, 'no ledger code at the remembered address (state lost?); deploying a new one');
  const deployed = await deployLedger(new NonceManager(devWallet(0, provider)));
  if (recordFile) writeFileSync(recordFile, `${JSON.stringify({ ...deployed, chainId }, null, 1)}\n`);
  log.info({ ledger: deployed.address }, 'ledger deployed');
  return { address: deployed.address, reused: false };
}

/** Starts the node (port 0 = any free port) and returns its RPC URL and the ledger address; `stop()` saves anvil's state. */
export async function startChain(options: ChainOptions = {}): Promise<RunningChain> {
  const stateFile = options.engine === 'edr' ? undefined : options.stateFile;
  const node: ChainNode = options.engine === 'edr' ? await spawnEdr(options) : await spawnAnvil(options);
  let provider: JsonRpcProvider | undefined;
  try {
    provider = await connectRpc(node.rpcUrl);
    const chainId = Number((await provider.getNetwork()).chainId);
    const recordFile = stateFile ? ledgerRecordFile(stateFile) : undefined;
    const { address, reused } = await findOrDeploy(provider, chainId, recordFile);
    return {
      rpcUrl: node.rpcUrl,
      ledgerAddress: address,
      chainId,
      reused,
      stop: async () => {
        provider?.destroy();
        await node.stop();
      },
    };
  } catch (error) {
    provider?.destroy();
    await node.stop();
    throw error;
  }
}
