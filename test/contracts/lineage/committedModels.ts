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
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

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

/** Writes `rounds + 1` model directories (model-B..model-B+rounds, B = `base`) and returns them with their hashes. */
export async function writeModels(dir: string, rounds: number, base = 0): Promise<{ modelDirs: string[]; modelHashes: Hash32[] }> {
  const modelDirs: string[] = [];
  const modelHashes: Hash32[] = [];
  for (let r = 0; r <= rounds; r++) {
    modelDirs.push(join(dir, `model-${base + r}`));
    writeModelDir(modelDirs[r]!, tinyModel(base + r));
    modelHashes.push(await modelHashOfDir(modelDirs[r]!));
  }
  return { modelDirs, modelHashes };
}

export interface LineageToCommit {
  readonly planHash: Hash32;
  readonly sites: Wallet[];
  /** modelHashes[0] is the run's genesis model, modelHashes[r] the model round r commits (repeat one to keep it). */
  readonly modelHashes: readonly Hash32[];
  /** The coordinator's key (it must hold COORDINATOR_ROLE); anvil's first account by default. */
  readonly privateKey?: string;
  /** Where to write each round's contributions manifest (contributions-RUN-ROUND.json). */
  readonly dir?: string;
  /** The run's quorum; 2 by default. */
  readonly quorum?: number;
}

/** Creates a run (quorum 2 unless given) and commits one round per model hash after the genesis, each signed by every site. */
export async function commitLineage(rpcUrl: string, ledgerAddress: string, lineage: LineageToCommit): Promise<{ runId: string; manifests: string[] }> {
  const { planHash, sites, modelHashes } = lineage;
  const client = await connectLedger(rpcUrl, ledgerAddress, lineage.privateKey ?? devWallet(0).privateKey);
  const runId = await client.createRun({ planHash, genesisModelHash: modelHashes[0]!, sites: sites.map((s) => s.address), quorum: lineage.quorum ?? 2 });
  const manifests: string[] = [];
  for (let round = 1; round < modelHashes.length; round++) {
    const contributions = sites.map((site, i) => ({ address: site.address, examples: 100 + 10 * i + round, digest: hashOf(`update ${round}/${i}`), epsilonMicros: 400_000 * round + i, consentRoot: NO_CONSENT_ROOT }));
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
    if (lineage.dir) {
      manifests.push(join(lineage.dir, `contributions-${runId}-${round}.json`));
      writeFileSync(manifests[round - 1]!, JSON.stringify({ runId, round, ...tree.manifest }, null, 1));
    }
  }
  client.provider.destroy();
  return { runId, manifests };
}

/** The sites every test lineage uses. */
export function lineageSites(siteCount = 3): Wallet[] {
  return Array.from({ length: siteCount }, (_, i) => new Wallet(hashOf(`verify-test/site/${i}`)));
}

/** Writes real model directories and commits them as one run with `siteCount` sites (quorum 2). */
export async function commitModels(rpcUrl: string, ledgerAddress: string, dir: string, rounds: number, siteCount = 3): Promise<CommittedModels> {
  const sites = lineageSites(siteCount);
  const { modelDirs, modelHashes } = await writeModels(dir, rounds);
  const planHash = hashOf('verify-test/plan');
  const { runId, manifests } = await commitLineage(rpcUrl, ledgerAddress, { planHash, sites, modelHashes, dir });
  return { runId, planHash, sites, modelDirs, modelHashes, manifests };
}
