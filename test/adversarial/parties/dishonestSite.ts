// A dishonest hospital site, as a process: the real `medfl participant` (its kit, data, training, codec and ledger)
// with one behaviour changed in this process only. Test-only; nothing outside test/adversarial imports it.
//   node --import bin/loadTypeScript.js dishonestSite.ts --attack <name> --attack-round <n> participant --json --kit … --data … --out …
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { RoundTask, UpdateEnvelope } from '../../../common/wire/protocolTypes.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { SiteNode, type SiteConnection, type SiteNodeParts } from '../../../participant/node/SiteNode.ts';
import { announceAttack, runMedfl, takeAttackFlags } from './attackFlags.ts';
import { envelopeFields, SITE_ATTACKS, type SiteSecrets } from './siteAttacks.ts';

const { attack, round: attackRound, medflArgs } = takeAttackFlags(process.argv.slice(2), ['none', ...Object.keys(SITE_ATTACKS)]);
const chosen = SITE_ATTACKS[attack] ?? {};
const outDir = medflArgs[medflArgs.indexOf('--out') + 1] ?? '';
let mounted = false;
const mount = (notMounted?: string) => {
  if (!mounted) announceAttack(attack, attackRound, notMounted);
  mounted = true;
};
if (attack === 'none') mount();

type Secrets = SiteSecrets & { lastUpdate: Float32Array; round: number };
let site: { secrets: Secrets; signingKey: Uint8Array } | undefined;

/** Puts the attack between the node and its own codec, which holds this site's CKKS key. */
function armCodec(parts: SiteNodeParts): NonNullable<typeof site> {
  type Encrypt = (update: Float32Array, examples: number, ...rest: unknown[]) => Iterable<Uint8Array>;
  const codec = parts.codec as unknown as { encryptUpdate: Encrypt };
  const honestEncrypt = codec.encryptUpdate.bind(parts.codec);
  let rest: unknown[] = [];
  const secrets: Secrets = {
    plan: parts.plan, outDir, round: 0, lastUpdate: new Float32Array(0),
    encrypt: (update, examples) => [...honestEncrypt(update, examples, ...rest)],
  };
  codec.encryptUpdate = (update, examples, ...more) => {
    rest = more;
    secrets.lastUpdate = update;
    const attacked = secrets.round === attackRound && chosen.encrypt;
    if (attacked) mount();
    return attacked ? chosen.encrypt!(secrets, update, examples) : secrets.encrypt(update, examples);
  };
  return { secrets, signingKey: parts.kit.signingSecretKey! };
}

// SiteNode.contribute is private: the step that trains, encrypts and uploads this site's update for a task.
const node = SiteNode.prototype as unknown as { contribute(client: SiteConnection, task: RoundTask, key: string): Promise<void> };
const honestContribute = node.contribute;
node.contribute = function contribute(this: { parts: SiteNodeParts }, client: SiteConnection, task: RoundTask, key: string) {
  site ??= armCodec(this.parts);
  site.secrets.round = task.round;
  return honestContribute.call(this, client, task, key);
};

const honestSubmit = CoordinatorClient.prototype.submitUpdate;
CoordinatorClient.prototype.submitUpdate = async function submitUpdate(this: CoordinatorClient, envelope: UpdateEnvelope, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) {
  const attacked = envelope.round === attackRound && site;
  let sent = { envelope, chunks };
  if (attacked && chosen.upload) {
    const rewritten = chosen.upload(site!.secrets, { fields: envelopeFields(envelope), chunks: [...(chunks as Iterable<Uint8Array>)] });
    mount();
    sent = { envelope: signEnvelope(rewritten.fields, site!.signingKey), chunks: rewritten.chunks };
  }
  const receipt = await honestSubmit.call(this, sent.envelope, sent.chunks);
  if (attacked && chosen.uploaded) {
    mount();
    chosen.uploaded();
    return new Promise<never>(() => undefined); // the process ends before the node goes on
  }
  return receipt;
};

// Threshold CKKS: the call that sends this site's decryption share.
const client = CoordinatorClient.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
const honestShare = client.submitDecryptionShare;
if (chosen.share && honestShare) {
  client.submitDecryptionShare = function submitDecryptionShare(this: CoordinatorClient, ...args: unknown[]) {
    const envelope = args[0] as { round: number };
    if (envelope.round === attackRound) {
      mount();
      chosen.share!();
      return new Promise<never>(() => undefined); // the process ends before the share goes
    }
    return honestShare.apply(this, args);
  };
}

await runMedfl(medflArgs);
