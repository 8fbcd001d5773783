// Converts a measured value from the UCUM unit a device reported to the unit the plan wants for its code, through
// the NLM's UCUM library (@lhncbc/ucum-lhc): any commensurable unit converts, anything else is refused.
import { createRequire } from 'node:module';

type Conversion = (value: number) => number;

interface UcumResult {
  readonly status: string;
  readonly toVal: number | null;
}

interface UcumUtils {
  convertUnitTo(fromUnit: string, value: number, toUnit: string): UcumResult;
}

let ucum: UcumUtils | undefined;

// Loaded on first use: its unit table costs every command that never reads FHIR data a noticeable start-up.
function ucumUtils(): UcumUtils {
  if (ucum === undefined) {
    const pkg = createRequire(import.meta.url)('@lhncbc/ucum-lhc') as { UcumLhcUtils: { getInstance(): UcumUtils } };
    ucum = pkg.UcumLhcUtils.getInstance();
  }
  return ucum;
}

function convert(value: number, unit: string, target: string): number | undefined {
  const result = ucumUtils().convertUnitTo(unit, value, target);
  return result.status === 'succeeded' && typeof result.toVal === 'number' ? result.toVal : undefined;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The conversion from `unit` to `target`, or undefined when they are not commensurable. One library call costs
 * several microseconds, more than the rest of an Observation's import, so an affine conversion (every unit pair of a
 * vital sign, temperatures included) becomes `a + b·x` from two probes, checked at two more points; any other
 * (logarithmic units such as pH) keeps calling the library.
 */
function conversionFor(unit: string, target: string): Conversion | undefined {
  if (unit === '' || target === '') return undefined;
  const [at0, at1] = [convert(0, unit, target), convert(1, unit, target)];
  if (at0 === undefined || at1 === undefined) return undefined;
  const slope = at1 - at0;
  const affine = [37, -250].every((x) => close(convert(x, unit, target) ?? Number.NaN, at0 + slope * x));
  if (!affine) return (value) => convert(value, unit, target) ?? Number.NaN;
  return slope === 1 && at0 === 0 ? (value) => value : (value) => at0 + slope * value;
}

/** Conversions keyed `unit->target`; `null` remembers a pair the library refused, so it is asked only once. */
const conversions = new Map<string, Conversion | null>();

/** The value in `target`, or undefined when `unit` cannot be converted to it (callers count that, never guess). */
export function normaliseQuantity(value: number, unit: string, target: string): number | undefined {
  const key = `${unit}->${target}`;
  let conversion = conversions.get(key);
  if (conversion === undefined) {
    conversion = conversionFor(unit, target) ?? null;
    conversions.set(key, conversion);
  }
  if (conversion === null) return undefined;
  const converted = conversion(value);
  return Number.isFinite(converted) ? converted : undefined;
}
