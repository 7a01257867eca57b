import fc from 'fast-check';
import { addDays, daysInMonth, fromParts } from '../../../src/rules/calendar';
import {
  alreadyCertifiedProblem,
  certificationDateProblems,
  certificationNumberProblem,
  emailProblem,
  expiryRangeOfStatus,
  generatedCertificationNumber,
  holdsCurrentCertification,
  intersectExpiryRanges,
  normalizeCertificationNumber,
} from '../../../src/rules/certification';
import { defaultExpiry } from '../../../src/rules/cycle';
import { ProgramPolicy } from '../../../src/rules/policy';
import { CPT_DEFAULT_POLICY } from '../../support/programs';
import { certificationStatus, CertificationStatus } from '../../../src/rules/windows';

const P = CPT_DEFAULT_POLICY;

describe('issuing a certification: the checks the API and the import share', () => {
  it.each([
    ['2024-02-29', '2026-02-28'],
    ['2024-08-31', '2026-08-31'],
    ['2025-01-31', '2027-01-31'],
    ['2025-03-15', '2027-03-15'],
  ])('R1: issued on %s, the default expiry is %s', (issuedOn, expiresOn) => {
    expect(defaultExpiry(issuedOn, P)).toBe(expiresOn);
  });

  it.each<[string, string, string[]]>([
    ['2026-06-15', '2028-06-15', []],
    ['2026-06-16', '2028-06-16', ['FUTURE_DATE']],
    ['2026-06-15', '2026-06-15', ['INVALID_DATES']],
    ['2026-06-15', '2026-06-14', ['INVALID_DATES']],
    ['2026-06-20', '2026-06-01', ['FUTURE_DATE', 'INVALID_DATES']],
  ])('issued %s, expiring %s, recorded on 2026-06-15 → %j', (issuedOn, expiresOn, codes) => {
    expect(certificationDateProblems({ issuedOn, expiresOn }, '2026-06-15').map((p) => p.code)).toEqual(codes);
  });

  it.each<[string, string | null]>([
    ['CPT-1000001', null],
    [' cpt-1000001 ', null],
    ['A', null],
    ['NASM123456', null],
    ['CPT 1000001', 'INVALID_FORMAT'],
    ['-CPT1', 'INVALID_FORMAT'],
    ['CPT-', 'INVALID_FORMAT'],
    ['CPT_1', 'INVALID_FORMAT'],
    ['X'.repeat(33), 'INVALID_FORMAT'],
    ['', 'INVALID_FORMAT'],
  ])('certification number %j → %s', (number, code) => {
    expect(certificationNumberProblem(number)?.code ?? null).toBe(code);
  });

  it('numbers are trimmed and upper-cased; generated ones are the program, a dash and seven digits', () => {
    expect(normalizeCertificationNumber('  cpt-1000001 ')).toBe('CPT-1000001');
    expect(generatedCertificationNumber('cpt', 4821937)).toBe('CPT-4821937');
    expect(certificationNumberProblem(generatedCertificationNumber('CPT', 9_999_999))).toBeNull();
    expect(() => generatedCertificationNumber('CPT', 999_999)).toThrow(RangeError);
    expect(() => generatedCertificationNumber('CPT', 10_000_000)).toThrow(RangeError);
  });

  it.each<[string, boolean]>([
    ['ann@example.org', true],
    ['  Ann.Lee@Example.org ', true],
    ['ann@', false],
    ['ann example.org', false],
    ['@example.org', false],
    [`${'a'.repeat(250)}@x.io`, false],
  ])('e-mail %j is an address: %s', (email, ok) => {
    expect(emailProblem(email) === null).toBe(ok);
  });

  it.each<[string, string, boolean]>([
    ['2026-06-15', 'expires today: ACTIVE', true],
    ['2026-06-14', 'expired yesterday: EXPIRED', true],
    ['2025-06-16', 'closes tomorrow: EXPIRED', true],
    ['2025-06-15', 'closed today: LAPSED', false],
  ])('R12: a CPT certification expiring %s (%s) is current: %s', (expiresOn, _why, current) => {
    const held = [{ programCode: 'CPT', expiresOn }];
    expect(holdsCurrentCertification(held, 'CPT', '2026-06-15', P)).toBe(current);
    expect(alreadyCertifiedProblem(held, 'CPT', '2026-06-15', P)?.code ?? null).toBe(
      current ? 'ALREADY_CERTIFIED' : null,
    );
    expect(holdsCurrentCertification(held, 'CES', '2026-06-15', P)).toBe(false);
  });
});

describe('R12 backwards: the expiry dates of a status on a date', () => {
  it.each<[CertificationStatus, string, string | null, string | null]>([
    ['ACTIVE', '2026-06-15', '2026-06-15', null],
    ['EXPIRED', '2026-06-15', '2025-06-16', '2026-06-14'],
    ['LAPSED', '2026-06-15', null, '2025-06-15'],
    // 28 Feb 2025 is a year after both 28 and 29 Feb 2024: both have lapsed on it.
    ['EXPIRED', '2025-02-28', '2024-03-01', '2025-02-27'],
    ['LAPSED', '2025-02-28', null, '2024-02-29'],
    ['EXPIRED', '2025-03-01', '2024-03-02', '2025-02-28'],
    ['EXPIRED', '2024-02-29', '2023-03-01', '2024-02-28'],
    ['EXPIRED', '2024-03-01', '2023-03-02', '2024-02-29'],
  ])('%s on %s: expiring from %s through %s', (status, on, from, through) => {
    expect(expiryRangeOfStatus(status, on, P)).toEqual({ from, through });
  });

  /** Dates from 2019 to 2031, with month ends and 29 February drawn often. */
  const dateArb = fc.oneof(
    fc.integer({ min: 0, max: 4700 }).map((n) => addDays('2019-01-01', n)),
    fc
      .record({ year: fc.integer({ min: 2019, max: 2031 }), month: fc.integer({ min: 1, max: 12 }) })
      .map(({ year, month }) => fromParts(year, month, daysInMonth(year, month))),
    fc.constantFrom('2020-02-29', '2024-02-29', '2028-02-29', '2021-02-28', '2025-02-28', '2024-03-01'),
  );
  const policyArb = fc.oneof(
    fc.constant<ProgramPolicy>(P),
    fc.integer({ min: 1, max: 36 }).map((closeAfterMonths): ProgramPolicy => ({ ...P, closeAfterMonths })),
  );

  it('property: an expiry lies in the range of a status exactly when certificationStatus gives that status', () => {
    fc.assert(
      fc.property(dateArb, dateArb, policyArb, (expiresOn, on, policy) => {
        for (const status of ['ACTIVE', 'EXPIRED', 'LAPSED'] as const) {
          const { from, through } = expiryRangeOfStatus(status, on, policy);
          const inside = (from === null || expiresOn >= from) && (through === null || expiresOn <= through);
          expect(inside).toBe(certificationStatus(expiresOn, on, policy) === status);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('ranges intersect end to end, and apart to nothing', () => {
    expect(intersectExpiryRanges({ from: '2026-01-01', through: null }, { from: null, through: '2026-03-31' })).toEqual(
      { from: '2026-01-01', through: '2026-03-31' },
    );
    expect(
      intersectExpiryRanges(
        { from: '2026-01-01', through: '2026-12-31' },
        { from: '2026-06-01', through: '2027-01-31' },
      ),
    ).toEqual({ from: '2026-06-01', through: '2026-12-31' });
    expect(
      intersectExpiryRanges({ from: '2026-06-01', through: null }, { from: null, through: '2026-05-31' }),
    ).toBeNull();
    expect(intersectExpiryRanges({ from: null, through: null }, { from: null, through: null })).toEqual({
      from: null,
      through: null,
    });
  });
});
