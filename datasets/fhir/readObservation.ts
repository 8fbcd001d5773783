// Takes the vital-sign values out of one Observation: matched by LOINC code, unit-normalised, stored per patient.
import type { Observation, Quantity } from 'fhir/r4.js';
import { bump } from './ImportTally.ts';
import { patientFor, type ImportContext } from './ImportContext.ts';
import { BP_PANEL, vitalForCode } from './loincVitals.ts';
import { normaliseQuantity } from './normaliseQuantity.ts';
import { referencedId, seriesOf } from './PatientRecord.ts';

const UNUSABLE_STATUS = new Set(['registered', 'cancelled', 'entered-in-error', 'unknown']);

/** The canonical code this Observation measures (first coding that matches), or undefined if not wanted. */
function matchedCode(codes: { code?: string }[] | undefined, context: ImportContext): string | undefined {
  for (const coding of codes ?? []) {
    const code = coding.code;
    if (code === undefined) continue;
    if (code === BP_PANEL) return BP_PANEL;
    const canonical = vitalForCode(code)?.code ?? code;
    if (vitalForCode(code) !== undefined || context.settings.featureCodes.has(canonical)) return canonical;
  }
  return undefined;
}

// A monitor charts several vitals at one instant, so consecutive Observations mostly share their timestamp.
let lastTimeText: string | undefined;
let lastTime = Number.NaN;

function observationTime(observation: Observation): number {
  const text = observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start;
  if (text === undefined) return Number.NaN;
  if (text !== lastTimeText) [lastTimeText, lastTime] = [text, Date.parse(text)];
  return lastTime;
}

/** The values (code, quantity) an Observation carries: its own, or its components' for a panel. */
function quantities(observation: Observation, code: string, context: ImportContext): [string, Quantity | undefined][] {
  if (code !== BP_PANEL) return [[code, observation.valueQuantity]];
  return (observation.component ?? []).flatMap((component): [string, Quantity | undefined][] => {
    const inner = matchedCode(component.code.coding, context);
    return inner === undefined || inner === BP_PANEL ? [] : [[inner, component.valueQuantity]];
  });
}

/** Converts to the code's canonical unit; undefined (and reported) when the unit is unknown for it. */
function normalised(code: string, quantity: Quantity, context: ImportContext, file: string, line: number): number | undefined {
  const unit = quantity.code ?? quantity.unit ?? '';
  const canonical = vitalForCode(code)?.unit ?? context.settings.extraUnits[code] ?? '';
  const value = normaliseQuantity(quantity.value ?? Number.NaN, unit, canonical);
  const tally = context.tally;
  if (value === undefined) {
    bump(tally.unknownUnits, `${code} ${unit || '(none)'}`);
    tally.issue(file, line, 'FHIR_UNKNOWN_UNIT', `Observation ${code}: unit "${unit}" is unknown for this code (expected ${canonical || 'a unit named in the plan'})`);
    return undefined;
  }
  if (unit !== canonical) bump(tally.unitsNormalised, `${code} ${unit}->${canonical}`);
  return value;
}

export function readObservation(observation: Observation, context: ImportContext, file: string, line: number): void {
  const tally = context.tally;
  tally.observations += 1;
  const code = matchedCode(observation.code?.coding, context);
  if (code === undefined) return;
  tally.vitalSigns += 1;
  bump(tally.observationsByCode, code);
  if (UNUSABLE_STATUS.has(observation.status)) return bump(tally.observationsExcluded, 'status');
  const patientId = referencedId(observation.subject?.reference);
  if (patientId === undefined) {
    tally.issue(file, line, 'FHIR_MISSING_REFERENCE', `Observation ${observation.id ?? ''} has no subject reference`);
    return bump(tally.observationsExcluded, 'noSubject');
  }
  const time = observationTime(observation);
  if (Number.isNaN(time)) {
    tally.issue(file, line, 'FHIR_MALFORMED', `Observation ${observation.id ?? ''} has no valid effective time`);
    return bump(tally.observationsExcluded, 'noTime');
  }
  storeValues(observation, code, time, patientId, context, file, line);
}

function storeValues(observation: Observation, code: string, time: number, patientId: string, context: ImportContext, file: string, line: number): void {
  const tally = context.tally;
  let stored = 0;
  let wanted = false;
  let unknownUnit = false;
  for (const [valueCode, quantity] of quantities(observation, code, context)) {
    const column = context.settings.featureCodes.get(valueCode);
    if (column === undefined) continue;
    wanted = true;
    // Untrusted JSON: a value that is not a finite number (a string, null) is no value.
    if (typeof quantity?.value !== 'number' || !Number.isFinite(quantity.value)) continue;
    const value = normalised(valueCode, quantity, context, file, line);
    if (value === undefined) {
      unknownUnit = true;
      continue;
    }
    seriesOf(patientFor(context, patientId, file, line)).push(column, time, value);
    bump(tally.valuesByCode, valueCode);
    stored += 1;
  }
  if (stored > 0) patientFor(context, patientId, file, line).observationsUsed += 1;
  else bump(tally.observationsExcluded, !wanted ? 'notAFeature' : unknownUnit ? 'unknownUnit' : 'noValue');
}
