// `npm run bench -- gas`: gas of RoundLedger.commitRound for 2..32 sites (all sites contribute and sign) and of
// createRun, measured from receipts on a real anvil, of a round that keeps its parent's model (keptModelGas) and of
// closing a round attempt (closeAttemptGas: one new slot, the same at any site count).
// Goal (issue 6): ≤ 200k gas at 4 sites, ≤ 12k per extra site.
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain } from '../../contracts/chain/startChain.ts';
import { connectLedger, type LedgerClient } from '../../contracts/LedgerClient.ts';
// The signed-round builder is shared with the contract tests so the bench measures exactly what they check.
import { hashOf, signedRound, siteWallets } from '../../test/contracts/signedRound.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';

const SITE_COUNTS = [2, 4, 8, 16, 32];

async function gasOf(client: LedgerClient, txHash: string): Promise<number> {
  const receipt = await client.provider.getTransactionReceipt(txHash);
  return Number(receipt?.gasUsed ?? 0);
}

/** Gas of the last mined transaction (anvil mines one per block), for calls that return a value instead of a hash. */
async function lastTxGas(client: LedgerClient): Promise<number> {
  const block = await client.provider.getBlock('latest');
  return gasOf(client, block?.transactions[0] ?? '');
}

async function measure(client: LedgerClient, sites: number): Promise<BenchRow> {
  const wallets = siteWallets(`gas-bench-${sites}`, sites);
  const genesis = hashOf(`genesis ${sites}`);
  const runId = await client.createRun({ planHash: hashOf('plan'), genesisModelHash: genesis, sites: wallets.map((w) => w.address), quorum: sites });
  const createRunGas = await lastTxGas(client);
  const first = await signedRound(client, runId, 1, genesis, wallets);
  const firstRoundGas = await gasOf(client, await client.commitRound(first));
  const second = await signedRound(client, runId, 2, first.modelHash, wallets);
  const txHash = await client.commitRound(second);
  const commitGas = await gasOf(client, txHash);
  const calldataBytes = ((await client.provider.getTransaction(txHash))?.data.length ?? 2) / 2 - 1;
  // A round that leaves the model unchanged (every update zero) stores its numbers by round instead of in the index.
  const kept = await signedRound(client, runId, 3, second.modelHash, wallets, wallets, second.modelHash);
  const keptModelGas = await gasOf(client, await client.commitRound(kept));
  const closeAttemptGas = await gasOf(client, await client.closeAttempt(runId, 4, 0, hashOf(`sets ${sites}`)));
  return { sites, commitGas, firstRoundGas, keptModelGas, closeAttemptGas, createRunGas, calldataBytes };
}

export async function run(): Promise<void> {
  const chain = await startChain();
  const client = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
  try {
    const rows: BenchRow[] = [];
    for (const sites of SITE_COUNTS) rows.push(await measure(client, sites));
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const perExtraSite = Math.round((Number(last.commitGas) - Number(first.commitGas)) / (Number(last.sites) - Number(first.sites)));
    const withMarginal = rows.map((row, index) => ({
      ...row,
      perExtraSite: index === 0 ? null : Math.round((Number(row.commitGas) - Number(rows[index - 1]!.commitGas)) / (Number(row.sites) - Number(rows[index - 1]!.sites))),
    }));
    printBenchTable(`RoundLedger gas (quorum = all sites; commitGas = round 2, perExtraSite 2→32: ${perExtraSite})`, withMarginal);
    const file = writeBenchResults('gas', withMarginal, { quorum: 'all sites sign', perExtraSite2to32: perExtraSite, chain: 'anvil (cancun)' });
    process.stdout.write(`\nwrote ${file}\n`);
  } finally {
    client.provider.destroy();
    await chain.stop();
  }
}
