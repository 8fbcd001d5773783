// Test helper: real model directories (genesis + rounds) whose hashes are committed, round by round, to a real ledger.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Wallet, keccak256, toUtf8Bytes } from 'ethers';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { modelHashOfDir } from '../../../common/model/modelHash.ts';
import { writeModelDir } from '../../../common/model/modelDir.ts';
import type { ModelArtifact } from '../../../common/model/ModelArtifact.ts';
import { signRoundAttestation } from '../../../contracts/attestation.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { buildContributionsTree } from '../../../common/wire/contributionsTree.ts';
import { connectLedger } from '../../../contracts/LedgerClient.ts';

export const hashOf = (label: string): Hash32 => keccak256(toUtf8Bytes(label)) as Hash32;

export interface CommittedModels {
  readonly runId: string;
  readonly planHash: Hash32;
  readonly sites: Wallet[];
  /** modelDirs[0] is the genesis model, modelDirs[r] the model round r committed. */
  readonly modelDirs: string[];
  readonly modelHashes: Hash32[];
  /** manifests[r - 1] is round r's contributions manifest file. */
  readonly manifests: string[];
}

/** A dense 2x2 + bias model whose weights are `base + i / 8`: small, distinct per round, exact in float32. */
function tinyModel(base: number): ModelArtifact {
  return {
    modelTopology: { class_name: 'Sequential', config: { name: 'tiny', layers: [{ class_name: 'Dense', config: { units: 2, name: 'dense' } }] } },
    weightSpecs: [
      { name: 'dense/kernel', shape: [2, 2], dtype: 'float32' },
      { name: 'dense/bias', shape: [2], dtype: 'float32' },
    ],
    weights: Float32Array.from({ length: 6 }, (_, i) => base + i / 8),
  };
}

/** Creates a run with `siteCount` sites (quorum 2) and commits `rounds` rounds, each signed by every site. */
export async function commitModels(rpcUrl: string, ledgerAddress: string, dir: string, rounds: number, siteCount = 3): Promise<CommittedModels> {
  const client = await connectLedger(rpcUrl, ledgerAddress, devWallet(0).privateKey);
  const sites = Array.from({ length: siteCount }, (_, i) => new Wallet(hashOf(`verify-test/site/${i}`)));
  const modelDirs: string[] = [];
  const modelHashes: Hash32[] = [];
  for (let r = 0; r <= rounds; r++) {
    modelDirs.push(join(dir, `model-${r}`));
    writeModelDir(modelDirs[r]!, tinyModel(r));
    modelHashes.push(await modelHashOfDir(modelDirs[r]!));
  }
  const planHash = hashOf('verify-test/plan');
  const runId = await client.createRun({ planHash, genesisModelHash: modelHashes[0]!, sites: sites.map((s) => s.address), quorum: 2 });
  const manifests: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const contributions = sites.map((site, i) => ({ address: site.address, examples: 100 + 10 * i + round, digest: hashOf(`update ${round}/${i}`) }));
    const tree = buildContributionsTree(contributions);
    const fields = {
      runId,
      round,
      prevModelHash: modelHashes[round - 1]!,
      modelHash: modelHashes[round]!,
      aggregateDigest: hashOf(`aggregate ${round}`),
      contributionsRoot: tree.root,
      totalExamples: contributions.reduce((sum, c) => sum + c.examples, 0),
    };
    const domain = { chainId: client.chainId, ledger: ledgerAddress };
    const signatures = await Promise.all(sites.map((site) => signRoundAttestation(site, domain, fields)));
    await client.commitRound({ ...fields, contributions, signatures });
    manifests.push(join(dir, `contributions-${round}.json`));
    writeFileSync(manifests[round - 1]!, JSON.stringify({ runId, round, ...tree.manifest }, null, 1));
  }
  client.provider.destroy();
  return { runId, planHash, sites, modelDirs, modelHashes, manifests };
}
