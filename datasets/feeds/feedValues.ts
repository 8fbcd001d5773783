// What the feed exporters take from FHIR resources: the LOINC-coded values of an Observation, its time, and the
// outcome-like codings of an Encounter.
import type { Encounter, Observation, Quantity } from 'fhir/r4.js';
import { LOINC_SYSTEM } from '../fhir/loincVitals.ts';

export interface FeedValue {
  readonly code: string;
  readonly value: number;
  readonly unit: string;
}

function loincCode(codings: { system?: string; code?: string }[] | undefined): string | undefined {
  return codings?.find((coding) => coding.system === LOINC_SYSTEM && coding.code !== undefined)?.code;
}

function feedValue(code: string | undefined, quantity: Quantity | undefined): FeedValue[] {
  if (code === undefined || typeof quantity?.value !== 'number') return [];
  return [{ code, value: quantity.value, unit: quantity.code ?? quantity.unit ?? '' }];
}

/** The Observation's own value, or each component's (a blood-pressure panel gives systolic and diastolic). */
export function feedValues(observation: Observation): FeedValue[] {
  if (observation.valueQuantity !== undefined) return feedValue(loincCode(observation.code.coding), observation.valueQuantity);
  return (observation.component ?? []).flatMap((component) => feedValue(loincCode(component.code.coding), component.valueQuantity));
}

export function observationTime(observation: Observation): string | undefined {
  return observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start;
}


/** Each coding of the Encounter's type with its start: the events a legacy feed carries. */
export function encounterEvents(encounter: Encounter): { system: string; code: string; time: string }[] {
  const time = encounter.period?.start;
  if (time === undefined) return [];
  return (encounter.type ?? []).flatMap((type) => type.coding ?? []).flatMap((coding) => (coding.system && coding.code ? [{ system: coding.system, code: coding.code, time }] : []));
}
