// Timestamps of legacy feeds as the ISO-8601 text a FHIR Observation would carry. A time without a UTC offset is read
// as UTC (never as the importing machine's local time), so every site and every machine reads the same instants.

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const HL7_TS = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d{1,4})?([+-]\d{4})?$/;

/** `+0100` → `+01:00`; `Z` and `+01:00` stay; none → `Z`. */
function offset(text: string | undefined): string {
  if (text === undefined || text === 'Z') return 'Z';
  return text.includes(':') ? text : `${text.slice(0, 3)}:${text.slice(3)}`;
}

/** Milliseconds kept to three digits: JavaScript's Date reads no more. */
function seconds(text: string | undefined): string {
  if (text === undefined) return ':00';
  const dot = text.indexOf('.');
  return dot < 0 ? text : text.slice(0, dot + 4);
}

const valid = (iso: string) => !Number.isNaN(Date.parse(iso));

/** An ISO-8601 date-time (`T` or a space between date and time) as `YYYY-MM-DDTHH:MM:SS[.sss]±HH:MM`, or undefined. */
export function isoFeedTime(text: string): string | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (match === null) return undefined;
  const iso = `${match[1]}T${match[2]}${seconds(match[3])}${offset(match[4])}`;
  return valid(iso) ? iso : undefined;
}

/** An HL7 v2 TS/DTM (`YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`) down to the hour at least, or undefined. */
export function hl7DateTime(text: string): string | undefined {
  const match = HL7_TS.exec(text.trim());
  if (match === null || match[4] === undefined) return undefined;
  const [, year, month, day, hour, minute = '00', second = '00', fraction = ''] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset(match[8])}`;
  return valid(iso) ? iso : undefined;
}

/** The date part of an HL7 v2 TS/DTM as a FHIR date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or undefined. */
export function hl7Date(text: string): string | undefined {
  const match = HL7_TS.exec(text.trim());
  if (match === null) return undefined;
  const date = [match[1], match[2], match[3]].filter((part) => part !== undefined).join('-');
  return valid(date) ? date : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as an HL7 v2 DTM in UTC (`YYYYMMDDHHMMSS[.sss]+0000`), what the HL7 exporter writes. */
export function hl7Timestamp(iso: string): string {
  const d = new Date(iso);
  const ms = d.getUTCMilliseconds();
  const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  return `${date}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}+0000`;
}
