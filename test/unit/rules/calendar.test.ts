import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dateOf,
  daysBetween,
  daysInMonth,
  endOfYear,
  fromParts,
  isLocalDate,
  parts,
  startOfYear,
  yearOf,
} from '../../../src/rules/calendar';

describe('calendar: addMonths keeps the day of the month and clamps to the last day', () => {
  it.each([
    ['2024-02-29 + 12 months = 2025-02-28 (leap day, non-leap target)', '2024-02-29', 12, '2025-02-28'],
    ['2024-02-29 + 48 months = 2028-02-29 (leap day, leap target)', '2024-02-29', 48, '2028-02-29'],
    ['2026-08-31 + 24 months = 2028-08-31', '2026-08-31', 24, '2028-08-31'],
    ['2026-01-31 + 1 month = 2026-02-28', '2026-01-31', 1, '2026-02-28'],
    ['2028-01-31 + 1 month = 2028-02-29 (leap February)', '2028-01-31', 1, '2028-02-29'],
    ['2027-12-31 + 2 months = 2028-02-29 (across a year into a leap February)', '2027-12-31', 2, '2028-02-29'],
    ['2026-03-31 + 1 month = 2026-04-30', '2026-03-31', 1, '2026-04-30'],
    ['2026-05-15 + 0 months = 2026-05-15', '2026-05-15', 0, '2026-05-15'],
    ['2026-11-30 + 1 month = 2026-12-30', '2026-11-30', 1, '2026-12-30'],
    ['2026-12-01 + 1 month = 2027-01-01 (year rolls over)', '2026-12-01', 1, '2027-01-01'],
    ['2026-12-31 + 12 months = 2027-12-31', '2026-12-31', 12, '2027-12-31'],
    ['2026-03-31 - 1 month = 2026-02-28', '2026-03-31', -1, '2026-02-28'],
    ['2026-01-15 - 1 month = 2025-12-15 (back across a year)', '2026-01-15', -1, '2025-12-15'],
    ['2026-01-01 - 24 months = 2024-01-01', '2026-01-01', -24, '2024-01-01'],
  ])('%s', (_name, date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('calendar: addYears', () => {
  it.each([
    ['2024-02-29 + 1 year = 2025-02-28', '2024-02-29', 1, '2025-02-28'],
    ['2024-02-29 + 4 years = 2028-02-29', '2024-02-29', 4, '2028-02-29'],
    ['2026-08-31 + 2 years = 2028-08-31', '2026-08-31', 2, '2028-08-31'],
    ['2026-01-01 - 1 year = 2025-01-01', '2026-01-01', -1, '2025-01-01'],
  ])('%s', (_name, date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('calendar: addDays across month, year and leap boundaries', () => {
  it.each([
    ['2026-01-31 + 1 = 2026-02-01 (month end)', '2026-01-31', 1, '2026-02-01'],
    ['2026-02-28 + 1 = 2026-03-01 (non-leap February)', '2026-02-28', 1, '2026-03-01'],
    ['2028-02-28 + 1 = 2028-02-29 (leap February)', '2028-02-28', 1, '2028-02-29'],
    ['2028-02-29 + 1 = 2028-03-01', '2028-02-29', 1, '2028-03-01'],
    ['2026-12-31 + 1 = 2027-01-01 (year end)', '2026-12-31', 1, '2027-01-01'],
    ['2027-01-01 - 1 = 2026-12-31', '2027-01-01', -1, '2026-12-31'],
    ['2028-03-01 - 1 = 2028-02-29', '2028-03-01', -1, '2028-02-29'],
    ['2026-08-31 + 90 = 2026-11-29', '2026-08-31', 90, '2026-11-29'],
    ['2026-08-31 + 91 = 2026-11-30', '2026-08-31', 91, '2026-11-30'],
    ['2026-12-15 + 90 = 2027-03-15 (across a year)', '2026-12-15', 90, '2027-03-15'],
    ['2027-12-15 + 90 = 2028-03-14 (across a leap February)', '2027-12-15', 90, '2028-03-14'],
    ['2026-03-08 + 1 = 2026-03-09 (US DST start has no effect)', '2026-03-08', 1, '2026-03-09'],
    ['2026-11-01 + 1 = 2026-11-02 (US DST end has no effect)', '2026-11-01', 1, '2026-11-02'],
    ['2026-05-05 + 0 = 2026-05-05', '2026-05-05', 0, '2026-05-05'],
    ['2024-01-01 + 366 = 2025-01-01 (leap year length)', '2024-01-01', 366, '2025-01-01'],
    ['2025-01-01 + 365 = 2026-01-01', '2025-01-01', 365, '2026-01-01'],
  ])('%s', (_name, date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('calendar: daysBetween', () => {
  it.each([
    ['2026-01-01 → 2026-01-01 = 0', '2026-01-01', '2026-01-01', 0],
    ['2026-12-31 → 2027-01-01 = 1', '2026-12-31', '2027-01-01', 1],
    ['2027-01-01 → 2026-12-31 = -1', '2027-01-01', '2026-12-31', -1],
    ['2028-02-28 → 2028-03-01 = 2 (leap)', '2028-02-28', '2028-03-01', 2],
    ['2026-02-28 → 2026-03-01 = 1 (non-leap)', '2026-02-28', '2026-03-01', 1],
    ['2026-08-31 → 2026-11-29 = 90', '2026-08-31', '2026-11-29', 90],
    ['2024-01-01 → 2025-01-01 = 366', '2024-01-01', '2025-01-01', 366],
  ])('%s', (_name, a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });
});

describe('calendar: isLocalDate', () => {
  it.each([
    ['accepts 2024-02-29 (leap day)', '2024-02-29', true],
    ['accepts 2000-02-29 (400-year leap)', '2000-02-29', true],
    ['rejects 1900-02-29 (century, not leap)', '1900-02-29', false],
    ['accepts 2026-12-31', '2026-12-31', true],
    ['accepts 2026-01-01', '2026-01-01', true],
    ['accepts 2026-04-30', '2026-04-30', true],
    ['rejects 2026-04-31', '2026-04-31', false],
    ['rejects 2026-02-30', '2026-02-30', false],
    ['rejects 2025-02-29 (not a leap year)', '2025-02-29', false],
    ['rejects 2026-13-01 (month 13)', '2026-13-01', false],
    ['rejects 2026-00-10 (month 0)', '2026-00-10', false],
    ['rejects 2026-01-00 (day 0)', '2026-01-00', false],
    ['rejects 2026-01-32', '2026-01-32', false],
    ["rejects '2026-1-01' (unpadded month)", '2026-1-01', false],
    ["rejects '2026-01-1' (unpadded day)", '2026-01-1', false],
    ['rejects a date-time string', '2026-01-01T00:00:00Z', false],
    ['rejects surrounding spaces', ' 2026-01-01', false],
    ['rejects the empty string', '', false],
    ['rejects 0999-12-31 (before year 1000)', '0999-12-31', false],
    ['rejects 26-01-01', '26-01-01', false],
    ['rejects 2026/01/01', '2026/01/01', false],
    ['rejects a number', 20260101, false],
    ['rejects null', null, false],
    ['rejects undefined', undefined, false],
    ['rejects a Date object', new Date(Date.UTC(2026, 0, 1)), false],
  ])('%s', (_name, value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });
});

describe('calendar: daysInMonth (1-based month)', () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2000, 2, 29],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });
});

describe('calendar: small helpers', () => {
  it('parts splits a date and fromParts pads it back', () => {
    expect(parts('2026-03-09')).toEqual({ year: 2026, month: 3, day: 9 });
    expect(fromParts(2026, 3, 9)).toBe('2026-03-09');
  });
  it.each(['2026-02-30', '2026-1-01', 'nonsense'])('parts throws a RangeError on %p', (bad) => {
    expect(() => parts(bad)).toThrow(RangeError);
  });
  it('addDays and addMonths throw on an invalid date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-13-01', 1)).toThrow(RangeError);
  });
  it.each([
    ['2026-01-01', '2026-01-02', -1],
    ['2026-01-02', '2026-01-01', 1],
    ['2026-01-01', '2026-01-01', 0],
    ['2026-12-31', '2027-01-01', -1],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });
  it('yearOf / startOfYear / endOfYear', () => {
    expect(yearOf('2026-12-31')).toBe(2026);
    expect(yearOf('2027-01-01')).toBe(2027);
    expect(startOfYear(2026)).toBe('2026-01-01');
    expect(endOfYear(2026)).toBe('2026-12-31');
  });
  it.each([
    ['2026-03-10T23:30:00-05:00', '2026-03-11'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31'],
    ['2027-01-01T00:00:00.000Z', '2027-01-01'],
    ['2027-01-01T01:00:00+02:00', '2026-12-31'],
  ])('dateOf(%s) is the UTC date %s', (instant, expected) => {
    expect(dateOf(new Date(instant))).toBe(expected);
  });
});
