// The Provenance is checked with @medplum/core's R4 validator (through validateFhirResource) as well as field by field.
import { describe, expect, it } from 'vitest';
import { buildModelCard } from '../../../consortium/card/buildModelCard.ts';
import { provenanceResource } from '../../../consortium/card/provenanceResource.ts';
import { validateFhirResource } from '../../../consortium/card/validateFhirResource.ts';
import { ADDRESSES, consortium, hash, plan, verification } from './cardFixture.ts';

describe('provenanceResource', () => {
  const card = buildModelCard({ verification: verification(), plan: plan(), consortium: consortium() });
  const provenance = provenanceResource(card);

  it('is a valid FHIR R4 Provenance without even a best-practice warning', () => {
    expect(validateFhirResource(provenance)).toEqual([]);
  });

  it('targets the model by its hash and is recorded at the last commit, over the run from first to last commit', () => {
    expect(provenance.target).toEqual([{ type: 'Device', identifier: { system: 'urn:ietf:rfc:3986', value: `urn:medfl:model:sha256:${hash('2')}` }, display: `federated model ${hash('2')}` }]);
    expect(provenance.recorded).toBe('2026-01-02T12:00:00.000Z');
    expect(provenance.occurredPeriod).toEqual({ start: '2026-01-01T12:00:00.000Z', end: '2026-01-02T12:00:00.000Z' });
    expect(provenance.policy).toEqual([`urn:medfl:plan:sha256:${hash('9')}`]);
  });

  it('has the coordinator as assembler and each contributing site as author, by CAIP-10 account and consortium id', () => {
    const agents = provenance.agent.map((agent) => [agent.type?.coding?.[0]?.code, agent.who.type, agent.who.identifier?.value, agent.who.display]);
    expect(agents).toEqual([
      ['assembler', 'Device', `eip155:31337:${ADDRESSES.coordinator}`, 'coordinator'],
      ['author', 'Organization', `eip155:31337:${ADDRESSES.a}`, 'site-a'],
      ['author', 'Organization', `eip155:31337:${ADDRESSES.b}`, 'site-b'],
      // site-idle is registered but contributed to no round: it is no agent of this model.
    ]);
    expect(provenance.agent.every((agent) => agent.type?.coding?.[0]?.system === 'http://terminology.hl7.org/CodeSystem/provenance-participant-type')).toBe(true);
  });

  it("has per round the model it started from as a derivation and its commit transaction as the source", () => {
    const entities = provenance.entity!.map((entity) => [entity.role, entity.what.identifier?.value]);
    expect(entities).toEqual([
      ['derivation', `urn:medfl:model:sha256:${hash('0')}`],
      ['source', `urn:medfl:eip155:31337:tx:${hash('1')}`],
      ['derivation', `urn:medfl:model:sha256:${hash('1')}`],
      ['source', `urn:medfl:eip155:31337:tx:${hash('2')}`],
    ]);
    expect(provenance.entity![0]!.what.display).toContain('the genesis model');
    expect(provenance.entity![3]!.what.display).toContain(`block 12 of chain 31337, ledger ${card.run.ledger}, run 7, model ${hash('2')}`);
  });

  it('has one ASTM verification signature per recovered signer and round, at its commit time', () => {
    expect(provenance.signature!.map((signature) => [signature.when, signature.who.display, signature.type[0]!.code, signature.type[0]!.system])).toEqual([
      ['2026-01-01T12:00:00.000Z', 'site-a', '1.2.840.10065.1.12.1.5', 'urn:iso-astm:E1762-95:2013'],
      ['2026-01-01T12:00:00.000Z', 'site-b', '1.2.840.10065.1.12.1.5', 'urn:iso-astm:E1762-95:2013'],
      ['2026-01-02T12:00:00.000Z', 'site-a', '1.2.840.10065.1.12.1.5', 'urn:iso-astm:E1762-95:2013'],
      ['2026-01-02T12:00:00.000Z', 'site-b', '1.2.840.10065.1.12.1.5', 'urn:iso-astm:E1762-95:2013'],
    ]);
  });

  it("gives the plan's consent purposes as reasons, research when the plan names none", () => {
    expect(provenance.reason?.map((reason) => reason.coding?.[0]?.code)).toEqual(['HRESRCH', 'HMARKT']);
    const withoutPlan = provenanceResource(buildModelCard({ verification: verification() }));
    expect(withoutPlan.reason).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HRESRCH', display: 'healthcare research' }] }]);
    expect(validateFhirResource(withoutPlan)).toEqual([]);
  });
});
