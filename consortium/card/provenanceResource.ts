// A model card as a FHIR R4 Provenance, the form a hospital's systems already store and audit: the model is the
// target, the coordinator and each contributing site are agents, each round's starting model and commit transaction
// are entities, and each recovered attestation signature is a Signature. Built from the card, so the two agree.
import type { Coding, Identifier, Provenance, ProvenanceAgent, ProvenanceEntity, Reference, Signature } from 'fhir/r4.js';
import type { CardParty, CardRound, ModelCard } from './ModelCard.ts';

/** Any URI is a valid value under this system (FHIR R4 §2.24.0.1 "Identifier"); each value below is one. */
const URI_SYSTEM = 'urn:ietf:rfc:3986';
/** Provenance.agent.type, extensible binding to ValueSet provenance-agent-type. */
const PARTICIPANT_TYPE = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
/** Provenance.activity, extensible binding to ValueSet provenance-activity-type (which includes v3 DataOperation). */
const DATA_OPERATION = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation';
/** Provenance.reason, extensible binding to ValueSet v3-PurposeOfUse (v3 ActReason codes). */
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
/** Signature.type, preferred binding to ValueSet signature-type (ASTM E1762-95 signature types). */
const SIGNATURE_TYPE = 'urn:iso-astm:E1762-95:2013';

const modelIdentifier = (modelHash: string): Identifier => ({ system: URI_SYSTEM, value: `urn:medfl:model:sha256:${modelHash}` });
/** A chain account as a CAIP-10 account id: `eip155:<chain id>:<address>`. */
const accountIdentifier = (chainId: number, address: string): Identifier => ({ system: URI_SYSTEM, value: `eip155:${chainId}:${address}` });
const partyName = (party: CardParty): string => party.id ?? party.address;

function participant(code: 'assembler' | 'author'): { coding: Coding[] } {
  const display = code === 'assembler' ? 'Assembler' : 'Author';
  return { coding: [{ system: PARTICIPANT_TYPE, code, display }] };
}

function partyReference(card: ModelCard, party: CardParty, type: 'Device' | 'Organization'): Reference {
  return { type, identifier: accountIdentifier(card.run.chainId, party.address), display: partyName(party) };
}

/** The coordinator assembled each aggregate without reading it; each site authored the updates from its own data. */
function agents(card: ModelCard): ProvenanceAgent[] {
  const coordinator = { type: participant('assembler'), who: partyReference(card, card.run.coordinator, 'Device') };
  const sites = card.sites.filter((site) => site.rounds.length > 0).map((site) => ({ type: participant('author'), who: partyReference(card, site, 'Organization') }));
  return [coordinator, ...sites];
}

/** Per round: the model it started from (a derivation) and the ledger record it is read from (its source). */
function roundEntities(card: ModelCard, round: CardRound): ProvenanceEntity[] {
  const start = round.prevModelHash === card.run.genesisModelHash ? 'the genesis model' : `round ${round.round - 1}'s model`;
  const prior: Reference = { type: 'Device', identifier: modelIdentifier(round.prevModelHash), display: `round ${round.round} started from ${start} ${round.prevModelHash}` };
  const commit: Reference = {
    identifier: { system: URI_SYSTEM, value: `urn:medfl:eip155:${card.run.chainId}:tx:${round.txHash}` },
    display: `round ${round.round} commit: transaction ${round.txHash} in block ${round.blockNumber} of chain ${card.run.chainId}, ledger ${card.run.ledger}, run ${card.run.runId}, model ${round.modelHash}`,
  };
  return [{ role: 'derivation', what: prior }, { role: 'source', what: commit }];
}

/** Each site signed the round only after checking its aggregate against the signed updates: a verification signature. */
function signatures(card: ModelCard): Signature[] {
  return card.rounds.flatMap((round) =>
    round.signers.map((signer) => ({
      type: [{ system: SIGNATURE_TYPE, code: '1.2.840.10065.1.12.1.5', display: 'Verification Signature' }],
      when: round.committedAt,
      who: partyReference(card, signer, 'Organization'),
    })),
  );
}

/** The purposes the sites' patients consented to (the plan's consentPurposes, research by default). */
function reasons(card: ModelCard): { coding: Coding[] }[] {
  const dataset = card.task?.dataset;
  const purposes = (dataset?.kind === 'fhir' ? dataset.consentPurposes : undefined) ?? ['HRESRCH'];
  return purposes.map((code) => ({ coding: [{ system: ACT_REASON, code, ...(code === 'HRESRCH' ? { display: 'healthcare research' } : {}) }] }));
}

const escapeXml = (text: string): string => text.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as Record<string, string>)[c]};`);

function narrative(card: ModelCard): string {
  const last = card.rounds.at(-1)!;
  const sites = card.sites.filter((site) => site.rounds.length > 0).map(partyName).join(', ');
  const text = `Model ${card.modelHash}: round ${last.round} of federated run ${card.run.runId} on chain ${card.run.chainId} (ledger ${card.run.ledger}), trained by ${sites}.`;
  return `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(text)}</p></div>`;
}

/** The card's rounds are never empty: a verified lineage holds at least the round that produced the model. */
export function provenanceResource(card: ModelCard): Provenance {
  const first = card.rounds[0]!;
  const last = card.rounds.at(-1)!;
  return {
    resourceType: 'Provenance',
    text: { status: 'generated', div: narrative(card) },
    target: [{ type: 'Device', identifier: modelIdentifier(card.modelHash), display: `federated model ${card.modelHash}` }],
    occurredPeriod: { start: first.committedAt, end: last.committedAt },
    recorded: last.committedAt,
    // The plan is what the consortium agreed the run must follow: the policy of the activity, by its on-chain hash.
    policy: [`urn:medfl:plan:sha256:${card.run.planHash}`],
    reason: reasons(card),
    activity: { coding: [{ system: DATA_OPERATION, code: 'CREATE', display: 'create' }], text: `federated training, ${card.rounds.length} rounds` },
    agent: agents(card),
    entity: card.rounds.flatMap((round) => roundEntities(card, round)),
    signature: signatures(card),
  };
}
