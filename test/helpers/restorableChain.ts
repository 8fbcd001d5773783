// Test helper: a real anvil with the ledger deployed that can go away (an outage) and come back on the same port,
// either as it was or from a state saved earlier (anvil_dumpState), so the chain id and the ledger address stay the same.
import { writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { spawnAnvil, type AnvilProcess } from '../../contracts/chain/spawnAnvil.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';

/** One JSON-RPC call with a plain fetch (no provider to clean up). */
export async function rpc<T>(rpcUrl: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export class RestorableChain {
  private running?: { stop(): Promise<void> };

  private constructor(
    first: RunningChain,
    readonly rpcUrl: string,
    readonly ledgerAddress: string,
    private readonly port: number,
  ) {
    this.running = first;
  }

  static async start(): Promise<RestorableChain> {
    const first = await startChain({ port: 0 });
    return new RestorableChain(first, first.rpcUrl, first.ledgerAddress, Number(new URL(first.rpcUrl).port));
  }

  /** Writes the chain's state now to `file`, in the form anvil's --state reads. */
  async saveState(file: string): Promise<void> {
    const dumped = await rpc<string>(this.rpcUrl, 'anvil_dumpState');
    writeFileSync(file, gunzipSync(Buffer.from(dumped.slice(2), 'hex')));
  }

  /** Stops anvil: nothing answers on its port until restore(). */
  async halt(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }

  /** Starts anvil again on the same port from the state in `file` (the state it had when that file was saved). */
  async restore(file: string): Promise<void> {
    const anvil: AnvilProcess = await spawnAnvil({ port: this.port, stateFile: file });
    this.running = anvil;
  }

  async stop(): Promise<void> {
    await this.halt();
  }
}
