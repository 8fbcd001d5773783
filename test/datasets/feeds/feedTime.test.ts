import { describe, expect, it } from 'vitest';
import { hl7Date, hl7DateTime, hl7Timestamp, isoFeedTime } from '../../../datasets/feeds/feedTime.ts';

const ms = (text: string | undefined) => Date.parse(text ?? '');

describe('isoFeedTime', () => {
  it('reads ISO-8601 date-times with Z, an offset with or without colon, or none (UTC), with T or a space', () => {
    expect(ms(isoFeedTime('2026-01-05T08:30:00Z'))).toBe(Date.UTC(2026, 0, 5, 8, 30));
    expect(ms(isoFeedTime('2026-01-05T09:30:00+01:00'))).toBe(Date.UTC(2026, 0, 5, 8, 30));
    expect(ms(isoFeedTime('2026-01-05 09:30+0100'))).toBe(Date.UTC(2026, 0, 5, 8, 30));
    expect(ms(isoFeedTime('2026-01-05T08:30:00.123456'))).toBe(Date.UTC(2026, 0, 5, 8, 30, 0, 123));
  });

  it('refuses a date alone, other formats and impossible times', () => {
    for (const text of ['2026-01-05', '05/01/2026 08:30', '20260105083000', '2026-13-05T08:30:00Z', 'yesterday', '']) expect(isoFeedTime(text)).toBeUndefined();
  });
});

describe('HL7 times', () => {
  it('reads a DTM to the hour or finer, with its offset, or as UTC without one', () => {
    expect(ms(hl7DateTime('20260105093000+0100'))).toBe(Date.UTC(2026, 0, 5, 8, 30));
    expect(ms(hl7DateTime('202601050830'))).toBe(Date.UTC(2026, 0, 5, 8, 30));
    expect(ms(hl7DateTime('2026010508'))).toBe(Date.UTC(2026, 0, 5, 8));
    expect(ms(hl7DateTime('20260105083000.25'))).toBe(Date.UTC(2026, 0, 5, 8, 30, 0, 250));
    expect(hl7DateTime('20260105')).toBeUndefined();
    expect(hl7DateTime('2026-01-05T08:30')).toBeUndefined();
  });

  it('reads a birth date at the precision given', () => {
    expect(hl7Date('19600101')).toBe('1960-01-01');
    expect(hl7Date('196001')).toBe('1960-01');
    expect(hl7Date('19600101120000')).toBe('1960-01-01');
    expect(hl7Date('1 Jan 1960')).toBeUndefined();
  });

  it('writes an instant as UTC DTM that reads back to the same instant', () => {
    expect(hl7Timestamp('2026-01-05T09:30:00+01:00')).toBe('20260105083000+0000');
    expect(hl7Timestamp('2026-01-05T08:30:00.5Z')).toBe('20260105083000.500+0000');
    expect(ms(hl7DateTime(hl7Timestamp('2026-01-05T08:30:00.5Z')))).toBe(Date.UTC(2026, 0, 5, 8, 30, 0, 500));
  });
});
