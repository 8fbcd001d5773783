// A dishonest hospital site, as a process: the real `medfl participant` (its kit, data, training, codec and ledger)
// with one behaviour changed in this process only. Test-only; nothing outside test/adversarial imports it.
//   node --import tsx dishonestSite.ts --attack <name> --attack-round <n> participant --json --kit … --data …
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { RoundTask, UpdateEnvelope } from '../../../common/wire/protocolTypes.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { SiteNode, type SiteConnection, type SiteNodeParts } from '../../../participant/node/SiteNode.ts';
import type { SiteCodec } from '../../../participant/ports.ts';
import { announceAttack, runMedfl, takeAttackFlags } from './attackFlags.ts';
import { envelopeFields, SITE_ATTACKS, type SiteSecrets } from './siteAttacks.ts';

const { attack, round: attackRound, medflArgs } = takeAttackFlags(process.argv.slice(2), ['none', ...Object.keys(SITE_ATTACKS)]);
const chosen = SITE_ATTACKS[attack] ?? {};
let mounted = false;
const mount = (notMounted?: string) => {
  if (!mounted) announceAttack(attack, attackRound, notMounted);
  mounted = true;
};
if (attack === 'none') mount();

let currentRound = 0;
let site: { secrets: SiteSecrets & { lastUpdate: Float32Array }; signingKey: Uint8Array } | undefined;

/** Puts the attack between the node and its own codec, which holds the consortium's CKKS key. */
function armCodec(parts: SiteNodeParts): NonNullable<typeof site> {
  const codec = parts.codec as { encryptUpdate: SiteCodec['encryptUpdate'] };
  const honestEncrypt = codec.encryptUpdate.bind(parts.codec);
  const secrets = { plan: parts.plan, encrypt: (update: Float32Array, examples: number) => [...honestEncrypt(update, examples)], lastUpdate: new Float32Array(0) as Float32Array };
  codec.encryptUpdate = (update, examples) => {
    secrets.lastUpdate = update;
    const attacked = currentRound === attackRound && chosen.encrypt;
    if (attacked) mount();
    return attacked ? chosen.encrypt!(secrets, update, examples) : secrets.encrypt(update, examples);
  };
  return { secrets, signingKey: parts.kit.signingSecretKey! };
}

// SiteNode.contribute is private: the step that trains, encrypts and uploads this site's update for a task.
const node = SiteNode.prototype as unknown as { contribute(client: SiteConnection, task: RoundTask, key: string): Promise<void> };
const honestContribute = node.contribute;
node.contribute = function contribute(this: { parts: SiteNodeParts }, client: SiteConnection, task: RoundTask, key: string) {
  currentRound = task.round;
  site ??= armCodec(this.parts);
  return honestContribute.call(this, client, task, key);
};

const honestSubmit = CoordinatorClient.prototype.submitUpdate;
CoordinatorClient.prototype.submitUpdate = function submitUpdate(this: CoordinatorClient, envelope: UpdateEnvelope, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) {
  if (envelope.round !== attackRound || !chosen.upload || !site) return honestSubmit.call(this, envelope, chunks);
  const rewritten = chosen.upload(site.secrets, { fields: envelopeFields(envelope), chunks: [...(chunks as Iterable<Uint8Array>)] });
  mount();
  return honestSubmit.call(this, signEnvelope(rewritten.fields, site.signingKey), rewritten.chunks);
};

await runMedfl(medflArgs);
