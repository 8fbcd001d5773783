// Converts a measured value from the UCUM unit a device reported to the canonical unit of its vital sign.

type Conversion = (value: number) => number;

const identity: Conversion = (value) => value;

/** Conversions keyed `from->to` by UCUM code; units that are only spelled differently map by identity. */
const CONVERSIONS = new Map<string, Conversion>([
  ['/min->/min', identity],
  ['{beats}/min->/min', identity],
  ['{beat}/min->/min', identity],
  ['{breaths}/min->/min', identity],
  ['{breath}/min->/min', identity],
  ['min-1->/min', identity],
  ['/s->/min', (value) => value * 60],
  ['%->%', identity],
  ['1->%', (value) => value * 100],
  ['mm[Hg]->mm[Hg]', identity],
  ['mmHg->mm[Hg]', identity],
  ['kPa->mm[Hg]', (value) => value * 7.500617],
  ['Cel->Cel', identity],
  ['[degF]->Cel', (value) => ((value - 32) * 5) / 9],
  ['K->Cel', (value) => value - 273.15],
]);

/** The value in `canonicalUnit`, or undefined when `unit` is unknown for it (callers count that, never guess). */
export function normaliseQuantity(value: number, unit: string, canonicalUnit: string): number | undefined {
  const conversion = CONVERSIONS.get(`${unit}->${canonicalUnit}`);
  return conversion === undefined ? undefined : conversion(value);
}
