import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** Stable codes of business refusals. Clients branch on these; never rename one. */
export enum UserErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  REQUIRED = 'REQUIRED',
  TOO_SHORT = 'TOO_SHORT',
  TOO_LONG = 'TOO_LONG',
  TOO_MANY_ITEMS = 'TOO_MANY_ITEMS',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  INVALID_FORMAT = 'INVALID_FORMAT',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  CONCURRENT_UPDATE = 'CONCURRENT_UPDATE',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  DUPLICATE_PROVIDER = 'DUPLICATE_PROVIDER',
  PROVIDER_NOT_APPROVED = 'PROVIDER_NOT_APPROVED',
  DUPLICATE_COURSE_CODE = 'DUPLICATE_COURSE_CODE',
  COURSE_NOT_REPORTABLE = 'COURSE_NOT_REPORTABLE',
  RENEWAL_ALREADY_REQUESTED = 'RENEWAL_ALREADY_REQUESTED',
  RENEWAL_TOO_EARLY = 'RENEWAL_TOO_EARLY',
  DUPLICATE_COMPLETION = 'DUPLICATE_COMPLETION',
  UNKNOWN_CERTIFICATION = 'UNKNOWN_CERTIFICATION',
  NAME_MISMATCH = 'NAME_MISMATCH',
  DATE_OUTSIDE_APPROVAL = 'DATE_OUTSIDE_APPROVAL',
  FUTURE_DATE = 'FUTURE_DATE',
  BEFORE_CERTIFICATION = 'BEFORE_CERTIFICATION',
  NO_PETITION_NEEDED = 'NO_PETITION_NEEDED',
  PETITION_ALREADY_OPEN = 'PETITION_ALREADY_OPEN',
  CLOSED = 'CLOSED',
  CE_SHORT = 'CE_SHORT',
  CATEGORY_MINIMUM = 'CATEGORY_MINIMUM',
  CATEGORIES_TOO_FEW = 'CATEGORIES_TOO_FEW',
  OWN_COURSES_MINIMUM = 'OWN_COURSES_MINIMUM',
  CPR_AED_MISSING = 'CPR_AED_MISSING',
  CPR_AED_EXPIRED = 'CPR_AED_EXPIRED',
  CPR_AED_COVERAGE = 'CPR_AED_COVERAGE',
  CPR_AED_HANDS_ON = 'CPR_AED_HANDS_ON',
  ALREADY_APPLIED = 'ALREADY_APPLIED',
  INVALID_DATES = 'INVALID_DATES',
  UNKNOWN_PROGRAM = 'UNKNOWN_PROGRAM',
  PROGRAM_CODE_TAKEN = 'PROGRAM_CODE_TAKEN',
  NOT_APPROVED_FOR_PROGRAM = 'NOT_APPROVED_FOR_PROGRAM',
  CERTIFICATION_NUMBER_TAKEN = 'CERTIFICATION_NUMBER_TAKEN',
  ALREADY_CERTIFIED = 'ALREADY_CERTIFIED',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  NOT_PERMITTED = 'NOT_PERMITTED',
  IMPORT_CONFLICT = 'IMPORT_CONFLICT',
  UNKNOWN_REFERENCE = 'UNKNOWN_REFERENCE',
  IMPORT_REFUSED = 'IMPORT_REFUSED',
  EFFECTIVE_IN_PAST = 'EFFECTIVE_IN_PAST',
  EFFECTIVE_DATE_TAKEN = 'EFFECTIVE_DATE_TAKEN',
  INVALID_URL = 'INVALID_URL',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input. Stable: clients may branch on these values.',
  valuesConfig: {
    INVALID_INPUT: { description: 'The value is not acceptable for this field.' },
    REQUIRED: { description: 'A value is required here.' },
    TOO_SHORT: { description: 'The text is shorter than allowed.' },
    TOO_LONG: { description: 'The text is longer than allowed.' },
    TOO_MANY_ITEMS: { description: 'The list has more items than allowed.' },
    OUT_OF_RANGE: { description: 'The number or date is outside the allowed range.' },
    INVALID_FORMAT: { description: 'The value does not have the expected form (e-mail, URL, code).' },
    NOT_FOUND: { description: 'No object with this ID exists, or the caller may not see it.' },
    INVALID_TRANSITION: { description: 'The object is not in a status that allows this action.' },
    CONCURRENT_UPDATE: { description: 'Another request changed the object first; read it again and retry.' },
    IDEMPOTENCY_KEY_REUSED: { description: 'The idempotency key was already used with different input.' },
    DUPLICATE_PROVIDER: { description: 'A provider with this name already exists.' },
    PROVIDER_NOT_APPROVED: { description: 'The provider is not approved, so it cannot do this.' },
    DUPLICATE_COURSE_CODE: { description: 'The provider already has a course with this code.' },
    COURSE_NOT_REPORTABLE: { description: 'Completions can only be reported for approved courses of the caller.' },
    RENEWAL_ALREADY_REQUESTED: { description: 'A renewal of this course is already waiting for staff.' },
    RENEWAL_TOO_EARLY: { description: 'The course is already approved for the next calendar year.' },
    DUPLICATE_COMPLETION: { description: 'This completion is already on the transcript.' },
    UNKNOWN_CERTIFICATION: { description: 'No certification has this number.' },
    NAME_MISMATCH: { description: 'The name does not match the holder of the certification.' },
    DATE_OUTSIDE_APPROVAL: { description: 'The course approval does not cover the completion date (R3/R4).' },
    FUTURE_DATE: { description: 'The date is after today: a completion date, or a certification’s issue date.' },
    BEFORE_CERTIFICATION: { description: 'The completion date is before the certification was issued.' },
    NO_PETITION_NEEDED: { description: 'The completion already counts automatically; no petition is needed.' },
    PETITION_ALREADY_OPEN: { description: 'The completion already has a pending or approved petition.' },
    CLOSED: {
      description: 'R8: received a year or more after expiry: the window is closed and the credential has lapsed.',
    },
    CE_SHORT: { description: 'R9: not enough continuing-education CEUs counted toward the cycle.' },
    CATEGORY_MINIMUM: { description: 'R9: a category of the program has fewer counted CEUs than its minimum.' },
    CATEGORIES_TOO_FEW: { description: 'R9: credit counts from fewer categories than the program requires.' },
    OWN_COURSES_MINIMUM: {
      description: 'R9: fewer counted CEUs from the certifying body’s own courses than the program requires.',
    },
    CPR_AED_MISSING: { description: 'R7: no CPR/AED card on record.' },
    CPR_AED_EXPIRED: { description: 'R7: the CPR/AED card has expired by the application date.' },
    CPR_AED_COVERAGE: { description: 'R7: the CPR/AED card does not cover both adult CPR and AED.' },
    CPR_AED_HANDS_ON: { description: 'R7: the card lacks a hands-on skills assessment and no waiver covers it.' },
    ALREADY_APPLIED: { description: 'An application for this cycle already exists.' },
    INVALID_DATES: { description: 'The dates contradict each other (e.g. expiry before issue).' },
    UNKNOWN_PROGRAM: { description: 'No credential program has this code.' },
    PROGRAM_CODE_TAKEN: { description: 'Another credential program already has this code.' },
    NOT_APPROVED_FOR_PROGRAM: {
      description: 'The provider did not apply for the program, or the course is not approved for it.',
    },
    CERTIFICATION_NUMBER_TAKEN: { description: 'Another certification already has this number.' },
    ALREADY_CERTIFIED: {
      description:
        'The trainer already holds a current certification of the program (ACTIVE or EXPIRED, not LAPSED, R12): renew it instead.',
    },
    EMAIL_TAKEN: { description: 'Another trainer already has this e-mail address.' },
    NOT_PERMITTED: {
      description: 'The caller may not make this change (a trainer may change only their own e-mail address).',
    },
    IMPORT_CONFLICT: {
      description:
        'A record with this external ID was imported before (or given earlier in the call) with other content.',
    },
    UNKNOWN_REFERENCE: { description: 'The external ID names no record of this call or of an earlier import.' },
    IMPORT_REFUSED: { description: 'Some records of the import were refused, so none was written; see the results.' },
    EFFECTIVE_IN_PAST: {
      description:
        'A policy change would apply to a day before today: dated policy changes apply from today or later; fix the past with a correction (correctFeeSchedule, correctHandsOnWaiver).',
    },
    EFFECTIVE_DATE_TAKEN: {
      description: 'A fee schedule already takes effect on this date: correct it with correctFeeSchedule instead.',
    },
    INVALID_URL: {
      description:
        'A webhook endpoint URL is not acceptable: not an absolute http(s) address, or in production not https or not a public host.',
    },
  },
});

@ObjectType({ description: 'A business refusal of a mutation: the input was understood but not accepted.' })
export class UserError {
  @Field(() => UserErrorCode, { description: 'Stable machine-readable reason.' })
  code!: UserErrorCode;

  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. ["input", "rows", "3", "completedOn"].',
  })
  field?: string[] | null;

  @Field({ description: 'Human-readable explanation, in English.' })
  message!: string;
}

export function userError(code: UserErrorCode, message: string, field?: string[]): UserError {
  return { code, message, field: field ?? null };
}

/**
 * Thrown by services to refuse a mutation. It rolls the unit of work back, and the mutation
 * boundary turns it into the payload's `userErrors`.
 */
export class Refusal extends Error {
  readonly userErrors: UserError[];
  constructor(errors: UserError | UserError[]) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => e.message).join('; '));
    this.userErrors = list;
  }
}

/**
 * What a refused payload holds besides `userErrors`, by payload type name, for payloads with
 * non-null fields (e.g. an empty list of row results).
 */
export const REFUSAL_DEFAULTS = new Map<string, Record<string, unknown>>();

export function refuse(code: UserErrorCode, message: string, field?: string[]): never {
  throw new Refusal(userError(code, message, field));
}

@ObjectType()
export abstract class Payload {
  @Field(() => [UserError], {
    description: 'Why the mutation was refused; empty when it succeeded. A refused mutation changes nothing.',
  })
  userErrors!: UserError[];
}
