// The vital signs medfl reads from FHIR, by LOINC code: which codes mean the same measurement and its canonical UCUM unit.

/** One measured quantity, keyed by its canonical LOINC code. */
export interface VitalDefinition {
  readonly code: string;
  readonly name: string;
  /** UCUM code every value is converted to. */
  readonly unit: string;
  /** Further LOINC codes that carry the same measurement (e.g. SpO2 by pulse oximetry). */
  readonly aliases: readonly string[];
}

export const LOINC_SYSTEM = 'http://loinc.org';

/** Blood-pressure panel: no value of its own, its components carry systolic and diastolic pressure. */
export const BP_PANEL = '85354-9';

export const VITALS: readonly VitalDefinition[] = [
  { code: '8867-4', name: 'heartRate', unit: '/min', aliases: [] },
  { code: '9279-1', name: 'respiratoryRate', unit: '/min', aliases: [] },
  { code: '59408-5', name: 'spo2', unit: '%', aliases: ['2708-6'] },
  { code: '8480-6', name: 'systolicBp', unit: 'mm[Hg]', aliases: [] },
  { code: '8462-4', name: 'diastolicBp', unit: 'mm[Hg]', aliases: [] },
  { code: '8310-5', name: 'temperature', unit: 'Cel', aliases: ['8331-1'] },
];

const byCode = new Map<string, VitalDefinition>();
for (const vital of VITALS) for (const code of [vital.code, ...vital.aliases]) byCode.set(code, vital);

/** The built-in vital a LOINC code measures, if any. */
export function vitalForCode(code: string): VitalDefinition | undefined {
  return byCode.get(code);
}

/** A short readable name for a feature code: the vital's name, or the code itself for codes the plan adds. */
export function featureLabel(code: string): string {
  return byCode.get(code)?.name ?? code;
}
