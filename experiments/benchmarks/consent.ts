// `npm run bench -- consent`: what consent on chain costs a site and a checker, per patients in a round (100 to
// 100 000): deriving every pseudonym and building the sorted tree (once per round, before the update is signed),
// proving one patient in or out, checking a proof, and the proof file's size. One process, seeded patient ids.
import { randomBytes } from 'node:crypto';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { checkConsentMembership } from '../../common/consent/checkConsentMembership.ts';
import { consentOpening, consentPseudonym } from '../../common/consent/consentPseudonym.ts';
import { CONSENT_PROOF_FORMAT, type ConsentProof } from '../../common/consent/consentProof.ts';
import { ConsentTree } from '../../common/consent/consentTree.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';

const PATIENT_COUNTS = [100, 1_000, 10_000, 100_000];
const SAMPLES = 51;
const RUN_ID = '1';

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round3 = (value: number) => Number(value.toFixed(3));

function timedMs<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

/** The proof file `medfl consent prove` writes, as bytes of pretty-printed JSON. */
function proofBytes(tree: ConsentTree, patient: string, opening: Hash32): number {
  const pseudonym = consentPseudonym(patient, opening);
  const { kind, leafCount, branches } = tree.membership(pseudonym);
  const proof: ConsentProof = {
    format: CONSENT_PROOF_FORMAT, runId: RUN_ID, round: 1, site: 'hospital-1', siteAddress: `0x${'1'.repeat(40)}`, patient, opening, pseudonym,
    consentRoot: tree.root, kind, leafCount, branches: branches.map((branch) => ({ ...branch, siblings: [...branch.siblings] })),
  };
  return Buffer.byteLength(`${JSON.stringify(proof, null, 2)}\n`);
}

function measure(patients: number, key: Uint8Array): BenchRow {
  const ids = Array.from({ length: patients }, (_, i) => `patient-${i}`);
  const derived = timedMs(() => ids.map((id) => consentPseudonym(id, consentOpening(key, RUN_ID, id))));
  const built = timedMs(() => new ConsentTree(derived.value));
  const tree = built.value;
  // Members spread over the tree, and outsiders (withdrawn patients) that fall between its leaves.
  const members = Array.from({ length: SAMPLES }, (_, i) => ids[Math.floor((i * patients) / SAMPLES)]!);
  const outsiders = Array.from({ length: SAMPLES }, (_, i) => `withdrawn-${i}`);
  const timings = (group: readonly string[]) => {
    const prove: number[] = [];
    const check: number[] = [];
    for (const id of group) {
      const pseudonym = consentPseudonym(id, consentOpening(key, RUN_ID, id));
      const proven = timedMs(() => tree.membership(pseudonym));
      const checked = timedMs(() => checkConsentMembership(tree.root, pseudonym, proven.value));
      if (!checked.value) throw new Error(`the proof for ${id} did not check`);
      prove.push(proven.ms);
      check.push(checked.ms);
    }
    return { proveMs: round3(median(prove)), checkMs: round3(median(check)) };
  };
  const inclusion = timings(members);
  const exclusion = timings(outsiders);
  const opening = (id: string) => consentOpening(key, RUN_ID, id);
  return {
    patients,
    pseudonymsMs: round3(derived.ms),
    treeMs: round3(built.ms),
    inclusionProveMs: inclusion.proveMs, inclusionCheckMs: inclusion.checkMs, inclusionBytes: proofBytes(tree, members[1]!, opening(members[1]!)),
    exclusionProveMs: exclusion.proveMs, exclusionCheckMs: exclusion.checkMs, exclusionBytes: proofBytes(tree, outsiders[1]!, opening(outsiders[1]!)),
    recordBytes: Buffer.byteLength(JSON.stringify({ pseudonyms: tree.pseudonyms })),
  };
}

export async function run(): Promise<string> {
  const key = new Uint8Array(randomBytes(32));
  // A warm-up pass, so the first row does not pay for JIT compilation.
  measure(100, key);
  const rows = PATIENT_COUNTS.map((patients) => measure(patients, key));
  printBenchTable('consent on chain: per round and per proof', rows);
  return writeBenchResults('consent', rows, {
    pseudonymsMs: "a site's HMAC opening + sha256 pseudonym for every patient of the round",
    treeMs: 'sorting them and hashing the positional Merkle tree',
    proveMs: `median of ${SAMPLES} patients spread over the tree (inclusion) or absent from it (exclusion); the tree already built`,
    checkMs: 'median time to check that proof against the committed root (no chain call)',
    bytes: 'the proof file medfl consent prove writes (pretty-printed JSON)',
    recordBytes: "the round's consent record in the site's folder (its sorted pseudonyms)",
  });
}
