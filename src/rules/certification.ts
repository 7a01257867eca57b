/**
 * Certifications entering the ledger (issued by staff, or imported from the body's records): the
 * checks both ways share, and R12 read backwards for lists. Pure: no database, no GraphQL, no
 * clock; every "today" is an argument.
 */
import { isEmail } from 'class-validator';
import { addDays, addMonths, LocalDate } from './calendar';
import { ProgramPolicy } from './policy';
import { certificationStatus, CertificationStatus } from './windows';

/** Why a certification or a trainer cannot be recorded; the names are the API's user error codes. */
export type CertificationProblemCode = 'FUTURE_DATE' | 'INVALID_DATES' | 'INVALID_FORMAT' | 'ALREADY_CERTIFIED';

export interface CertificationProblem {
  code: CertificationProblemCode;
  /** The input field at fault. */
  field: 'issuedOn' | 'expiresOn' | 'number' | 'email' | 'trainer';
  /** For people: what is wrong and what to do. */
  message: string;
}

/** Program codes are compared trimmed and upper-cased (`cpt` is the CPT). */
export function normalizeProgramCode(programCode: string): string {
  return programCode.trim().toUpperCase();
}

/** At most this many characters, the width of `certification.number`. */
export const CERTIFICATION_NUMBER_MAX = 32;

/** Letters, digits and inner dashes, starting and ending with a letter or digit. */
const NUMBER_RE = /^[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?$/;

/** Certification numbers are kept trimmed and upper-cased, so that `cpt-1000001` finds `CPT-1000001`. */
export function normalizeCertificationNumber(number: string): string {
  return number.trim().toUpperCase();
}

/** A certification number as given (normalized first): a problem when it has not the accepted form. */
export function certificationNumberProblem(number: string): CertificationProblem | null {
  const normalized = normalizeCertificationNumber(number);
  if (normalized.length <= CERTIFICATION_NUMBER_MAX && NUMBER_RE.test(normalized)) return null;
  return {
    code: 'INVALID_FORMAT',
    field: 'number',
    message: `A certification number is 1 to ${CERTIFICATION_NUMBER_MAX} letters, digits and dashes, such as CPT-1000001.`,
  };
}

/** The serials of generated numbers: exactly seven digits, never with a leading zero. */
export const GENERATED_SERIALS = { min: 1_000_000, max: 9_999_999 } as const;

/**
 * The number given to a certification issued without one: the program code, a dash and a
 * seven-digit serial (`CPT-1000001`).
 */
export function generatedCertificationNumber(programCode: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < GENERATED_SERIALS.min || serial > GENERATED_SERIALS.max) {
    throw new RangeError(`not a seven-digit serial: ${serial}`);
  }
  return `${normalizeProgramCode(programCode)}-${serial}`;
}

/** An e-mail address as given: a problem when it is not one (checked after trimming, at most 254 characters). */
export function emailProblem(email: string): CertificationProblem | null {
  const trimmed = email.trim();
  if (trimmed.length <= 254 && isEmail(trimmed)) return null;
  return { code: 'INVALID_FORMAT', field: 'email', message: 'This is not an e-mail address.' };
}

/**
 * The dates of a certification being recorded on `today`: issued today or earlier, and expiring
 * after its issue date. Problems in input order, at most one per field.
 */
export function certificationDateProblems(
  dates: { issuedOn: LocalDate; expiresOn: LocalDate },
  today: LocalDate,
): CertificationProblem[] {
  const problems: CertificationProblem[] = [];
  if (dates.issuedOn > today) {
    problems.push({
      code: 'FUTURE_DATE',
      field: 'issuedOn',
      message: `The issue date is after today (${today}); a certification is recorded once it is issued.`,
    });
  }
  if (dates.expiresOn <= dates.issuedOn) {
    problems.push({
      code: 'INVALID_DATES',
      field: 'expiresOn',
      message: 'The expiry date must be after the issue date.',
    });
  }
  return problems;
}

/**
 * R12: the trainer holds a current certification of the program on `on`: one that is ACTIVE or
 * EXPIRED (a late application is still possible), not LAPSED. Such a trainer recertifies; a new
 * certification of the same program is refused.
 */
export function holdsCurrentCertification(
  certifications: readonly { programCode: string; expiresOn: LocalDate }[],
  programCode: string,
  on: LocalDate,
  policy: ProgramPolicy,
): boolean {
  return certifications.some(
    (c) => c.programCode === programCode && certificationStatus(c.expiresOn, on, policy) !== 'LAPSED',
  );
}

/** The problem of a trainer who already holds a current certification of the program (see above). */
export function alreadyCertifiedProblem(
  certifications: readonly { programCode: string; expiresOn: LocalDate }[],
  programCode: string,
  on: LocalDate,
  policy: ProgramPolicy,
): CertificationProblem | null {
  if (!holdsCurrentCertification(certifications, programCode, on, policy)) return null;
  return {
    code: 'ALREADY_CERTIFIED',
    field: 'trainer',
    message: `The trainer already holds a current ${programCode} certification; renew it by recertification instead.`,
  };
}

/** A span of expiry dates, both ends included; null is open. */
export interface ExpiryRange {
  from: LocalDate | null;
  through: LocalDate | null;
}

/**
 * The first expiry E whose window is still open on `on` (on < E + closeAfterMonths). Month ends
 * make E ↦ E + n months non-decreasing but not one-to-one (29 Feb and 28 Feb 2024 both reach
 * 28 Feb 2025), so the boundary is found by walking the few days around `on` − n months.
 */
function firstOpenExpiry(on: LocalDate, policy: ProgramPolicy): LocalDate {
  let expiry = addDays(addMonths(on, -policy.closeAfterMonths), -4);
  while (addMonths(expiry, policy.closeAfterMonths) > on) expiry = addDays(expiry, -4);
  while (addMonths(expiry, policy.closeAfterMonths) <= on) expiry = addDays(expiry, 1);
  return expiry;
}

/**
 * R12 backwards: the expiry dates of the certifications that have `status` on `on`.
 * ACTIVE: expiring on `on` or later. EXPIRED: expired before `on`, window still open. LAPSED:
 * window closed. Exactly the expiries for which `certificationStatus` answers `status`.
 */
export function expiryRangeOfStatus(status: CertificationStatus, on: LocalDate, policy: ProgramPolicy): ExpiryRange {
  switch (status) {
    case 'ACTIVE':
      return { from: on, through: null };
    case 'EXPIRED':
      return { from: firstOpenExpiry(on, policy), through: addDays(on, -1) };
    case 'LAPSED':
      return { from: null, through: addDays(firstOpenExpiry(on, policy), -1) };
  }
}

/** The expiries in both ranges (null when none are). */
export function intersectExpiryRanges(a: ExpiryRange, b: ExpiryRange): ExpiryRange | null {
  const from = a.from === null ? b.from : b.from === null ? a.from : a.from > b.from ? a.from : b.from;
  const through =
    a.through === null ? b.through : b.through === null ? a.through : a.through < b.through ? a.through : b.through;
  return from !== null && through !== null && from > through ? null : { from, through };
}

/** What is wrong with the date of a completion on a certification, in words. */
export const COMPLETION_DATE_MESSAGES = Object.freeze({
  FUTURE_DATE: 'The completion date is after today.',
  BEFORE_CERTIFICATION: 'The completion date is before the certification was issued.',
});

/**
 * R5: a completion is dated on or before today and not before its certification was issued; the
 * problem with `completedOn`, or null when it is a possible date.
 */
export function completionDateProblem(
  completedOn: LocalDate,
  certification: { issuedOn: LocalDate },
  today: LocalDate,
): keyof typeof COMPLETION_DATE_MESSAGES | null {
  if (completedOn > today) return 'FUTURE_DATE';
  if (completedOn < certification.issuedOn) return 'BEFORE_CERTIFICATION';
  return null;
}
