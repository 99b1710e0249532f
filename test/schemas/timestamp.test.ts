import { describe, expect, it } from 'vitest';
import { isTimestamp, nullableTimestamp, parseTimestamp, timestamp } from '../../src/schemas/index.js';

describe('parseTimestamp', () => {
  it('reads RFC 3339 with Z as that UTC instant', () => {
    expect(parseTimestamp('2024-01-01T00:00:00Z').getTime()).toBe(Date.UTC(2024, 0, 1, 0, 0, 0));
  });

  it('reads RFC 3339 fractions of a second', () => {
    expect(parseTimestamp('2024-03-05T06:07:08.9Z').getTime()).toBe(Date.UTC(2024, 2, 5, 6, 7, 8, 900));
    expect(parseTimestamp('2024-03-05T06:07:08.123456Z').getTime()).toBe(Date.UTC(2024, 2, 5, 6, 7, 8, 123));
  });

  it('applies a numeric offset', () => {
    expect(parseTimestamp('2024-01-01T12:30:00+02:00').getTime()).toBe(Date.UTC(2024, 0, 1, 10, 30, 0));
    expect(parseTimestamp('2024-01-01T00:15:00-05:30').getTime()).toBe(Date.UTC(2024, 0, 1, 5, 45, 0));
    expect(parseTimestamp('2024-01-01T12:30:00.250+0100').getTime()).toBe(Date.UTC(2024, 0, 1, 11, 30, 0, 250));
  });

  it('reads the v1 YYYY-MM-DD HH:MM:SS form as UTC', () => {
    expect(parseTimestamp('2019-12-09 13:59:21').getTime()).toBe(Date.UTC(2019, 11, 9, 13, 59, 21));
  });

  it('reads lead ISO timestamps with milliseconds and Z', () => {
    expect(parseTimestamp('2020-10-14T11:30:36.551Z').getTime()).toBe(Date.UTC(2020, 9, 14, 11, 30, 36, 551));
  });

  it('reads a plain date as midnight UTC', () => {
    expect(parseTimestamp('2024-02-29').getTime()).toBe(Date.UTC(2024, 1, 29));
  });

  it.each([
    ['empty', ''],
    ['words', 'yesterday'],
    ['a US date', '01/02/2024'],
    ['a T time without zone', '2024-01-01T00:00:00'],
    ['a space time with zone', '2024-01-01 00:00:00Z'],
    ['a month 13', '2024-13-01'],
    ['February 30', '2024-02-30 00:00:00'],
    ['February 29 of a common year', '2023-02-29'],
    ['April 31', '2024-04-31T00:00:00Z'],
    ['hour 24', '2024-01-01T24:00:00Z'],
    ['no seconds', '2024-01-01 10:00'],
    ['trailing text', '2024-01-01T00:00:00Zjunk'],
    ['an epoch number as text', '1704067200'],
  ])('throws a TypeError for %s', (_label, value) => {
    expect(() => parseTimestamp(value)).toThrow(TypeError);
    expect(() => parseTimestamp(value)).toThrow(/Invalid Pipedrive timestamp/);
    expect(isTimestamp(value)).toBe(false);
  });

  it('throws a TypeError for a non-string at runtime', () => {
    expect(() => parseTimestamp(1704067200 as unknown as string)).toThrow(TypeError);
  });

  it('accepts February 29 of a leap year in every form', () => {
    expect(isTimestamp('2000-02-29 00:00:00')).toBe(true);
    expect(isTimestamp('1900-02-29')).toBe(false);
  });
});

describe('timestamp schema', () => {
  it('keeps the original string as output', () => {
    expect(timestamp.parse('2019-12-09 13:59:21')).toBe('2019-12-09 13:59:21');
    expect(timestamp.parse('2024-01-01T00:00:00+02:00')).toBe('2024-01-01T00:00:00+02:00');
  });

  it('rejects a string parseTimestamp rejects', () => {
    expect(timestamp.safeParse('2024-02-30').success).toBe(false);
    expect(timestamp.safeParse(1704067200).success).toBe(false);
  });

  it('lets the nullable variant take null and undefined', () => {
    expect(nullableTimestamp.parse(null)).toBeNull();
    expect(nullableTimestamp.parse(undefined)).toBeUndefined();
    expect(nullableTimestamp.safeParse('soon').success).toBe(false);
  });
});
