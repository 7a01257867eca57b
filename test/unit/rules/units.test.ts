import { formatCeu, formatHours, formatMoney, parseCeu, parseHours, parseMoney } from '../../../src/rules/units';
import { continuingEducationRequired, programCeu } from '../../../src/rules/policy';
import { CPT_DEFAULT_POLICY } from '../../support/programs';

const ceuFromContactHours = (hours: number) => programCeu(hours, CPT_DEFAULT_POLICY);
const GFI_RATE = { ceuPerContactHour: 100 };
const NSCA_LIKE_RATE = { ceuPerContactHour: 15 };

describe('R2 parseCeu: decimal string → integer hundredths', () => {
  it.each([
    ['R2: parseCeu("1.9") = 190', '1.9', 190],
    ['R2: parseCeu("1.90") = 190', '1.90', 190],
    ['R2: parseCeu("1.900") = 190 (zeros past 2 places are harmless)', '1.900', 190],
    ['R2: parseCeu("2") = 200', '2', 200],
    ['R2: parseCeu("2.0") = 200', '2.0', 200],
    ['R2: parseCeu("0") = 0', '0', 0],
    ['R2: parseCeu("0.01") = 1', '0.01', 1],
    ['R2: parseCeu("0.1") = 10', '0.1', 10],
    ['R2: parseCeu("0.15") = 15', '0.15', 15],
    ['R2: parseCeu("1.25") = 125', '1.25', 125],
    ['R2: parseCeu("0.29") = 29 (no float rounding)', '0.29', 29],
    ['R2: parseCeu("1.13") = 113 (no float rounding)', '1.13', 113],
    ['R2: parseCeu("10.5") = 1050', '10.5', 1050],
    ['R2: parseCeu("999999999.99") = 99999999999', '999999999.99', 99_999_999_999],
  ])('%s', (_name, text, expected) => {
    expect(parseCeu(text)).toBe(expected);
  });

  it.each([
    ['R2: parseCeu rejects "1.905" (too many decimals)', '1.905'],
    ['R2: parseCeu rejects "0.001" (too many decimals)', '0.001'],
    ['R2: parseCeu rejects "-1" (negative)', '-1'],
    ['R2: parseCeu rejects "-0.1" (negative)', '-0.1'],
    ['R2: parseCeu rejects "" (empty)', ''],
    ['R2: parseCeu rejects "   " (blank)', '   '],
    ['R2: parseCeu rejects "abc" (letters)', 'abc'],
    ['R2: parseCeu rejects "1.9a" (trailing letters)', '1.9a'],
    ['R2: parseCeu rejects "1e2" (exponent notation)', '1e2'],
    ['R2: parseCeu rejects "1.5e-1" (exponent notation)', '1.5e-1'],
    ['R2: parseCeu rejects "+1" (sign)', '+1'],
    ['R2: parseCeu rejects ".5" (no whole part)', '.5'],
    ['R2: parseCeu rejects "1." (no fraction digits)', '1.'],
    ['R2: parseCeu rejects "1,5" (comma)', '1,5'],
    ['R2: parseCeu rejects "1.2.3"', '1.2.3'],
    ['R2: parseCeu rejects "NaN"', 'NaN'],
    ['R2: parseCeu rejects "Infinity"', 'Infinity'],
    ['R2: parseCeu rejects "0x10" (hex)', '0x10'],
    ['R2: parseCeu rejects "1 000" (inner space)', '1 000'],
    ['R2: parseCeu rejects "1234567890" (more than 9 whole digits)', '1234567890'],
  ])('%s', (_name, text) => {
    expect(parseCeu(text)).toBeNull();
  });
});

describe('R2 formatCeu: integer hundredths → shortest decimal with at least one place', () => {
  it.each([
    ['R2: formatCeu(190) = "1.9"', 190, '1.9'],
    ['R2: formatCeu(200) = "2.0"', 200, '2.0'],
    ['R2: formatCeu(125) = "1.25"', 125, '1.25'],
    ['R2: formatCeu(0) = "0.0"', 0, '0.0'],
    ['R2: formatCeu(1) = "0.01"', 1, '0.01'],
    ['R2: formatCeu(10) = "0.1"', 10, '0.1'],
    ['R2: formatCeu(15) = "0.15"', 15, '0.15'],
    ['R2: formatCeu(105) = "1.05"', 105, '1.05'],
    ['R2: formatCeu(1000) = "10.0"', 1000, '10.0'],
    ['R2: formatCeu(-10) = "-0.1" (a shortfall can be negative)', -10, '-0.1'],
  ])('%s', (_name, value, expected) => {
    expect(formatCeu(value)).toBe(expected);
  });

  it.each([0, 1, 9, 10, 15, 99, 100, 105, 110, 125, 190, 200, 1050, 99_999_999_999])(
    'R2: parseCeu(formatCeu(%i)) round-trips',
    (value) => {
      expect(parseCeu(formatCeu(value))).toBe(value);
    },
  );
});

describe('R2 parseHours / formatHours: integer tenths of a contact hour', () => {
  it.each([
    ['R2: parseHours("1.5") = 15', '1.5', 15],
    ['R2: parseHours("1.50") = 15', '1.50', 15],
    ['R2: parseHours("15") = 150', '15', 150],
    ['R2: parseHours("0.1") = 1', '0.1', 1],
    ['R2: parseHours("0") = 0', '0', 0],
    ['R2: parseHours("19") = 190', '19', 190],
  ])('%s', (_name, text, expected) => {
    expect(parseHours(text)).toBe(expected);
  });

  it.each([
    ['R2: parseHours rejects "1.25" (too many decimals)', '1.25'],
    ['R2: parseHours rejects "0.05" (too many decimals)', '0.05'],
    ['R2: parseHours rejects "-1.5" (negative)', '-1.5'],
    ['R2: parseHours rejects "" (empty)', ''],
    ['R2: parseHours rejects "ten" (letters)', 'ten'],
    ['R2: parseHours rejects "1e1" (exponent notation)', '1e1'],
  ])('%s', (_name, text) => {
    expect(parseHours(text)).toBeNull();
  });

  it.each([
    ['R2: formatHours(15) = "1.5"', 15, '1.5'],
    ['R2: formatHours(10) = "1.0"', 10, '1.0'],
    ['R2: formatHours(0) = "0.0"', 0, '0.0'],
    ['R2: formatHours(1) = "0.1"', 1, '0.1'],
    ['R2: formatHours(150) = "15.0"', 150, '15.0'],
  ])('%s', (_name, value, expected) => {
    expect(formatHours(value)).toBe(expected);
  });

  it.each([0, 1, 5, 10, 15, 99, 150, 1234])('R2: parseHours(formatHours(%i)) round-trips', (value) => {
    expect(parseHours(formatHours(value))).toBe(value);
  });
});

describe('R2/R6 parseMoney / formatMoney: integer cents', () => {
  it.each([
    ['R6: parseMoney("25") = 2500', '25', 2500],
    ['R6: parseMoney("25.00") = 2500', '25.00', 2500],
    ['R6: parseMoney("25.5") = 2550', '25.5', 2550],
    ['R6: parseMoney("99.99") = 9999', '99.99', 9999],
    ['R6: parseMoney("0.07") = 7 (no float rounding)', '0.07', 7],
    ['R6: parseMoney("1.10") = 110', '1.10', 110],
    ['R6: parseMoney("0") = 0', '0', 0],
  ])('%s', (_name, text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it.each([
    ['R6: parseMoney rejects "25.001" (too many decimals)', '25.001'],
    ['R6: parseMoney rejects "-25" (negative)', '-25'],
    ['R6: parseMoney rejects "" (empty)', ''],
    ['R6: parseMoney rejects "USD25" (letters)', 'USD25'],
    ['R6: parseMoney rejects "$25" (symbol)', '$25'],
    ['R6: parseMoney rejects "2.5e1" (exponent notation)', '2.5e1'],
  ])('%s', (_name, text) => {
    expect(parseMoney(text)).toBeNull();
  });

  it.each([
    ['R6: formatMoney(2500) = "25.00"', 2500, '25.00'],
    ['R6: formatMoney(2550) = "25.50"', 2550, '25.50'],
    ['R6: formatMoney(9900) = "99.00"', 9900, '99.00'],
    ['R6: formatMoney(7) = "0.07"', 7, '0.07'],
    ['R6: formatMoney(0) = "0.00"', 0, '0.00'],
    ['R6: formatMoney(17900) = "179.00"', 17900, '179.00'],
  ])('%s', (_name, value, expected) => {
    expect(formatMoney(value)).toBe(expected);
  });

  it.each([0, 7, 10, 2500, 2550, 9999, 17900])('R6: parseMoney(formatMoney(%i)) round-trips', (value) => {
    expect(parseMoney(formatMoney(value))).toBe(value);
  });
});

describe('R2 ceuFromContactHours: contact hours × 0.1', () => {
  it.each([
    ['R2: 1.5 h (15 tenths) → 0.15 CEU (15 hundredths)', 15, 15, '0.15'],
    ['R2: 1 h (10 tenths) → 0.1 CEU', 10, 10, '0.1'],
    ['R2: 0.1 h (1 tenth) → 0.01 CEU', 1, 1, '0.01'],
    ['R2: 19 h (190 tenths) → 1.9 CEU', 190, 190, '1.9'],
    ['R2: 20 h (200 tenths) → 2.0 CEU', 200, 200, '2.0'],
    ['R2: 0 h → 0 CEU', 0, 0, '0.0'],
  ])('%s', (_name, hours, ceu, text) => {
    expect(ceuFromContactHours(hours)).toBe(ceu);
    expect(formatCeu(ceuFromContactHours(hours))).toBe(text);
  });

  it('R2: parse hours text → CEU text end to end ("7.5" h → "0.75")', () => {
    expect(formatCeu(ceuFromContactHours(parseHours('7.5') as number))).toBe('0.75');
  });
});

describe('R2 programCeu: contact hours × the program’s CEUs per hour', () => {
  it.each([
    ['R2: 1 CEU an hour, 6 h → 6.0 CEU', GFI_RATE, 60, '6.0'],
    ['R2: 1 CEU an hour, 0.5 h → 0.5 CEU', GFI_RATE, 5, '0.5'],
    ['R2: 1 CEU an hour, 7.5 h → 7.5 CEU', GFI_RATE, 75, '7.5'],
    ['R2: 0.1 CEU an hour, 6 h → 0.6 CEU', CPT_DEFAULT_POLICY, 60, '0.6'],
    ['R2: 0.15 CEU an hour, 1 h → 0.15 CEU', NSCA_LIKE_RATE, 10, '0.15'],
    ['R2: 0.15 CEU an hour, 0.5 h → 0.07 CEU (whole hundredths, rounded down)', NSCA_LIKE_RATE, 5, '0.07'],
  ])('%s', (_name, rate, tenths, text) => {
    expect(formatCeu(programCeu(tenths, rate))).toBe(text);
  });
});

describe('R2 exact sums', () => {
  it.each([
    ['R2: 0.1 CEU ten times = "1.0"', '0.1', 10, '1.0', 100],
    ['R2: 0.01 CEU 190 times = "1.9"', '0.01', 190, '1.9', 190],
    ['R2: 0.29 CEU three times = "0.87"', '0.29', 3, '0.87', 87],
    ['R2: 0.07 CEU one hundred times = "7.0"', '0.07', 100, '7.0', 700],
  ])('%s', (_name, text, times, expectedText, expectedValue) => {
    let sum = 0;
    for (let i = 0; i < times; i++) sum += parseCeu(text) as number;
    expect(Number.isInteger(sum)).toBe(true);
    expect(sum).toBe(expectedValue);
    expect(formatCeu(sum)).toBe(expectedText);
  });

  it('R2: 0.1 + 0.2 CEU = "0.3" exactly (the float trap)', () => {
    const sum = (parseCeu('0.1') as number) + (parseCeu('0.2') as number);
    expect(sum).toBe(30);
    expect(formatCeu(sum)).toBe('0.3');
  });

  it('R6: 25.00 USD petition fee seven times = "175.00"', () => {
    let sum = 0;
    for (let i = 0; i < 7; i++) sum += parseMoney('25.00') as number;
    expect(formatMoney(sum)).toBe('175.00');
  });
});

describe('R1/R6 CPT default policy values', () => {
  it.each([
    ['R1: cycle lasts 24 months', CPT_DEFAULT_POLICY.cycleMonths, 24],
    ['R1: 2.0 CEUs required', CPT_DEFAULT_POLICY.requiredCeu, 200],
    ['R1: 0.1 CEU for CPR/AED', CPT_DEFAULT_POLICY.cprAedCeu, 10],
    ['R1: 1.9 CEUs of continuing education', continuingEducationRequired(CPT_DEFAULT_POLICY), 190],
    ['R5: 90 grace days', CPT_DEFAULT_POLICY.courseworkGraceDays, 90],
    ['R6: petition fee 25.00', CPT_DEFAULT_POLICY.petitionFee, 2500],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
