// HL7 v2 ORU^R01 feeds end to end through loadFhirSites: framing and segment ends, PID demographics, the outcome
// OBX, and every bad message or segment counted with its line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFhirSites } from '../../../datasets/fhir/loadFhirSites.ts';
import { ICU_ADMISSION } from '../../../datasets/fhir/windowing.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const dtm = (hours: number) => new Date(T0 + hours * HOUR).toISOString().replace(/[-:T]/g, '').slice(0, 12);
const windowing = { windowHours: 4, horizonHours: 4, strideHours: 1, minValues: 2, featureCodes: ['8867-4', '8310-5'], extraUnits: {}, aggregates: ['last' as const], demographics: true, outcome: { ...ICU_ADMISSION } };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'medfl-hl7-feed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const MSH = (type = 'ORU^R01^ORU_R01') => `MSH|^~\\&|MON|WARD|MEDFL|SITE|202601010000||${type}|1|P|2.5.1`;
const PID = (patient: string) => `PID|1||${patient}^^^HOSP^MR||Doe^Jane||19600701|F`;

/** One reading: heart rate (OBX-14 time) and temperature in °F (time from OBR-7). */
function reading(patient: string, hour: number): string[] {
  return [MSH(), PID(patient), `OBR|1|||85353-1^Vital signs^LN|||${dtm(hour)}`, `OBX|1|NM|8867-4^Heart rate^LN||${70 + hour}|/min^^UCUM|||||F|||${dtm(hour)}`, `OBX|2|NM|8310-5^Body temp^LN||98.6|[degF]^^UCUM|||||F`];
}

const outcome = (patient: string, hour: number) => [MSH(), PID(patient), `OBR|1|||x|||${dtm(hour)}`, `OBX|1|CWE|${ICU_ADMISSION.code}^ICU admission^SCT||Y|||||F`];

describe('HL7 v2 feeds', () => {
  it('reads MLLP-framed messages with CR segment ends and CRLF batch files alike, into the same site', async () => {
    const messages = Array.from({ length: 12 }, (_, h) => reading('p1', h));
    writeFileSync(join(dir, 'a.hl7'), messages.slice(0, 6).map((m) => `\x0b${m.join('\r')}\r\x1c\r`).join(''));
    // b.hl7 is a batch file: FHS/BHS headers and BTS/FTS trailers around the messages.
    const batch = ['FHS|^~\\&|MON', 'BHS|^~\\&|MON', ...messages.slice(6).flat(), ...outcome('p1', 14), 'BTS|7', 'FTS|1'];
    writeFileSync(join(dir, 'b.hl7'), `${batch.join('\r\n')}\r\n`);
    const { sites, summaries } = await loadFhirSites(dir, { windowing, testFraction: 0 });
    expect(summaries[0]?.resources).toEqual({ 'ORU^R01': 13, Observation: 24, Encounter: 1 });
    expect(summaries[0]?.patients).toEqual({ found: 1, used: 1, excluded: {} });
    expect(summaries[0]?.unitsNormalised).toEqual({ '8310-5 [degF]->Cel': 12 });
    expect(summaries[0]?.windows).toEqual({ total: 8, positive: 2, train: 8, test: 0 });
    expect(summaries[0]?.issuesTotal).toBe(0);
    expect(sites[0]?.train.rows).toBe(8);
  });

  it('counts bad messages and segments with their file and line, and reads the rest', async () => {
    const lines = [
      ...reading('p1', 1),
      ...reading('p1', 2),
      MSH('ADT^A01'), PID('p1'),
      MSH(), 'PID|1||^^^HOSP^MR',
      MSH(), PID('p2'), 'OBR|1', 'OBX|1|NM|HR^Heart rate^L||80|/min|||||F|||202601010100',
      'OBX|2|NM|8867-5^Heart rate^LN||80|/min|||||F|||202601010100',
      'OBX|3|NM|8867-4^Heart rate^LN||high|/min|||||F|||202601010100',
      'OBX|4|NM|8867-4^Heart rate^LN||80|/min|||||F|||yesterday',
      'OBX|5|NM|8867-4^Heart rate^LN||80|bpm|||||F|||202601010100',
      'this line is not a segment',
      'OBX|6|NM|local^HR^L^8867-4^Heart rate^LN||81|/min|||||F|||202601010200',
      'OBX|7|CWE|22298006^Myocardial infarction^SCT||Y|||||F|||202601010200',
      'OBX|8|ST|8867-4^Heart rate^LN||see note|/min|||||F|||202601010200',
    ];
    writeFileSync(join(dir, 'feed.hl7'), lines.join('\r'));
    const { summaries } = await loadFhirSites(dir, { windowing, testFraction: 0 });
    expect(summaries[0]?.issues.map(({ file, line, code, message }) => `${file}:${line} ${code} ${message}`)).toEqual([
      'feed.hl7:11 HL7_MALFORMED message type ADT^A01 (MSH-9) is not read: medfl reads ORU^R01 observation results',
      'feed.hl7:14 HL7_MALFORMED PID-3 (patient id) is empty',
      // A stray line is reported as it streams past, before the message around it ends and is read.
      'feed.hl7:23 HL7_MALFORMED not an HL7 segment ("this line is not a segment"); skipped',
      'feed.hl7:18 HL7_MALFORMED numeric OBX-3 "HR^Heart rate^L" has no LOINC code (coding system LN)',
      'feed.hl7:19 HL7_MALFORMED OBX-3 code "8867-5" is not a LOINC code (digits, hyphen, check digit)',
      'feed.hl7:20 HL7_MALFORMED OBX-5 value "high" of 8867-4 is not a number',
      'feed.hl7:21 HL7_MALFORMED OBX for 8867-4 has no valid time in OBX-14 or OBR-7 ("yesterday")',
      'feed.hl7:22 FHIR_UNKNOWN_UNIT Observation 8867-4: unit "bpm" is unknown for this code (expected /min)',
    ]);
    // p1's four values and p2's one good OBX (LOINC as the alternate identifier); a coded finding that is not the
    // outcome (OBX 7) is not read and not an issue; a text-typed heart rate (OBX 8) is read and has no value.
    expect(summaries[0]?.valuesByCode).toEqual({ '8867-4': 3, '8310-5': 2 });
    expect(summaries[0]?.malformed).toBe(7);
    expect(summaries[0]?.observations.excluded).toMatchObject({ noValue: 1 });
  });

  it('a .hl7 file that does not start with MSH is one HL7_NOT_HL7 error with its line', async () => {
    writeFileSync(join(dir, 'feed.hl7'), '\n{"resourceType":"Bundle"}\n');
    await expect(loadFhirSites(dir)).rejects.toMatchObject({ code: 'HL7_NOT_HL7', message: 'feed.hl7:2: not an HL7 v2 feed: the first segment must be MSH, found "{\\"resourceType\\":\\"Bundle\\"}"' });
    writeFileSync(join(dir, 'feed.hl7'), '\r\n');
    await expect(loadFhirSites(dir)).rejects.toMatchObject({ code: 'HL7_NOT_HL7', message: 'feed.hl7 is empty: an HL7 v2 feed holds MSH-started messages' });
  });
});
