// Is a text a LOINC code: 1 to 7 digits, a hyphen and the check digit LOINC computes with the mod-10 (Luhn)
// algorithm? A hand-typed or mis-mapped code in a legacy feed is caught here instead of being read as "not a vital".

const LOINC_PATTERN = /^(\d{1,7})-(\d)$/;

/** The mod-10 check digit of LOINC's number part: every other digit from the right doubled, digit sums added. */
export function loincCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLoincCode(text: string): boolean {
  const match = LOINC_PATTERN.exec(text);
  return match !== null && loincCheckDigit(match[1] ?? '') === Number(match[2]);
}
