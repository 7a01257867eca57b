import { Field, ObjectType } from 'type-graphql';
import { describeEnum, enumOf } from '../../common/enums';
import { DateScalar, DecimalScalar, Money } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { BlockerCode as BlockerCodeValue } from '../../rules/compliance';
import { CprAedStatus as CprAedStatusValue } from '../../rules/cpr-aed';
import { CertificationStatus as StatusValue } from '../../rules/windows';
import { CeuTotals, CycleInfo } from '../completion/transcript.types';
import { CprAedCredential } from '../cpr-aed/cpr-aed.entity';
import { FeeLine, WindowPhase } from './recertification.entity';

export const CertificationStatus = enumOf<StatusValue>(['ACTIVE', 'EXPIRED', 'LAPSED']);
describeEnum(CertificationStatus, 'CertificationStatus', 'Status of a certification on a date (R12).', {
  ACTIVE: 'Up to and including the expiry date.',
  EXPIRED: 'From the day after expiry, while a late application is still possible.',
  LAPSED: 'From a year after expiry: the credential has lapsed.',
});

export const BlockerCode = enumOf<BlockerCodeValue>([
  'CLOSED',
  'CE_SHORT',
  'CPR_AED_MISSING',
  'CPR_AED_EXPIRED',
  'CPR_AED_COVERAGE',
  'CPR_AED_HANDS_ON',
  'ALREADY_APPLIED',
  'CATEGORY_MINIMUM',
  'CATEGORIES_TOO_FEW',
  'OWN_COURSES_MINIMUM',
]);
describeEnum(BlockerCode, 'BlockerCode', 'Why an application would be refused (R9).', {
  CLOSED: 'The window is closed: received a year or more after expiry.',
  CE_SHORT: 'Continuing-education CEUs are short of 1.9.',
  CPR_AED_MISSING: 'No CPR/AED card on record.',
  CPR_AED_EXPIRED: 'The CPR/AED card has expired by the date.',
  CPR_AED_COVERAGE: 'The CPR/AED card does not cover both adult CPR and AED.',
  CPR_AED_HANDS_ON: 'The CPR/AED card lacks a hands-on skills assessment and no waiver covers it.',
  ALREADY_APPLIED: 'An application for this cycle already exists.',
  CATEGORY_MINIMUM: 'A category of the program has fewer counted CEUs than its minimum.',
  CATEGORIES_TOO_FEW: 'Credit counts from fewer categories than the program requires.',
  OWN_COURSES_MINIMUM: 'Fewer counted CEUs from the certifying body’s own courses than the program requires.',
});

export const CprAedStatus = enumOf<CprAedStatusValue>([
  'VALID',
  'ACCEPTED_UNDER_WAIVER',
  'MISSING',
  'EXPIRED',
  'COVERAGE_INCOMPLETE',
  'HANDS_ON_REQUIRED',
]);
describeEnum(CprAedStatus, 'CprAedStatus', 'How the CPR/AED requirement stands (R7).', {
  VALID: 'A current card covering adult CPR and AED, with a hands-on skills assessment.',
  ACCEPTED_UNDER_WAIVER: 'An online-only card issued during a hands-on waiver: accepted, hands-on recommended.',
  MISSING: 'No card on record.',
  EXPIRED: 'The card expired before the date.',
  COVERAGE_INCOMPLETE: 'The card does not cover both adult CPR and AED.',
  HANDS_ON_REQUIRED: 'The card is online-only and no waiver covers its issue date.',
});

export const Advisory = enumOf(['HANDS_ON_RECOMMENDED'] as const);
describeEnum(Advisory, 'Advisory', 'Advice that does not block an application.', {
  HANDS_ON_RECOMMENDED: 'The card was accepted under a waiver; a hands-on skills assessment is recommended.',
});

export const DeadlineKind = enumOf(['EXPIRES', 'LATE_FEE_STARTS', 'ADDITIONAL_FEE_STARTS', 'WINDOW_CLOSES'] as const);
describeEnum(DeadlineKind, 'DeadlineKind', 'What happens on a deadline.', {
  EXPIRES: 'The certification expires: apply by this day to pay no late fee.',
  LATE_FEE_STARTS: 'From this day the late fee applies.',
  ADDITIONAL_FEE_STARTS: 'From this day the additional fee applies.',
  WINDOW_CLOSES: 'From this day applications are refused and the credential lapses.',
});

@ObjectType({ description: 'A blocker: something that must change before an application would be accepted (R9).' })
export class Blocker {
  @Field(() => BlockerCode, { description: 'Stable code.' })
  code!: BlockerCodeValue;

  @Field({ description: 'What is missing, in words.' })
  message!: string;
}

@ObjectType({ description: 'The application window around the expiry date E (R8).' })
export class RecertificationWindow {
  @Field(() => WindowPhase, { description: 'Phase on the date asked about.' })
  phase!: string;

  @Field(() => DateScalar, { description: 'E: last day to apply on time.' })
  expiresOn!: LocalDate;

  @Field(() => DateScalar, { description: 'E+1: the late fee applies from this day.' })
  lateFeeFrom!: LocalDate;

  @Field(() => DateScalar, { description: 'E+90: last day coursework still counts toward the cycle (R5).' })
  courseworkDeadline!: LocalDate;

  @Field(() => DateScalar, { description: 'E+91: the additional fee applies from this day.' })
  additionalFeeFrom!: LocalDate;

  @Field(() => DateScalar, { description: 'E+1 year − 1 day: last day an application is received.' })
  lastDayToApply!: LocalDate;

  @Field(() => DateScalar, { description: 'E+1 year: applications are refused from this day; the credential lapses.' })
  closesOn!: LocalDate;
}

@ObjectType({ description: 'The next date that matters for the certification.' })
export class Deadline {
  @Field(() => DateScalar, { description: 'The date.' })
  date!: LocalDate;

  @Field(() => DeadlineKind, { description: 'What happens then.' })
  kind!: string;
}

@ObjectType({ description: 'The CPR/AED part of the requirement (R1, R7).' })
export class CprAedCompliance {
  @Field(() => CprAedStatus, { description: 'How the requirement stands.' })
  status!: CprAedStatusValue;

  @Field({ description: 'True when the card counts (VALID or ACCEPTED_UNDER_WAIVER).' })
  counts!: boolean;

  @Field({ description: 'The status in words.' })
  reason!: string;

  @Field(() => [Advisory], { description: 'Advice that does not block (e.g. HANDS_ON_RECOMMENDED).' })
  advisories!: string[];

  @Field(() => DecimalScalar, { description: 'CEUs it brings: 0.1 when it counts, else 0.0.' })
  earned!: string;

  @Field(() => DecimalScalar, { description: 'CEUs required from CPR/AED (R1: 0.1).' })
  required!: string;

  @Field(() => CprAedCredential, { nullable: true, description: 'The card assessed: the best on record.' })
  credential!: CprAedCredential | null;
}

@ObjectType({
  description:
    'What an application received on a date would cost, and whether it would be accepted (the what-if answer).',
})
export class RecertificationQuote {
  @Field(() => DateScalar, { description: 'The receipt date asked about.' })
  receivedOn!: LocalDate;

  @Field(() => WindowPhase, { description: 'Window phase on that date (R8).' })
  phase!: string;

  @Field(() => [FeeLine], { description: 'Fee lines (none when the window is closed).' })
  fees!: FeeLine[];

  @Field(() => Money, { description: 'Total of the fee lines.' })
  total!: Money;

  @Field({
    description: 'True when an application received that day would be accepted (R9), given today’s transcript.',
  })
  acceptable!: boolean;

  @Field(() => [Blocker], { description: 'Every reason it would be refused.' })
  blockers!: Blocker[];
}

@ObjectType({ description: 'What one category of the program earned and counted in the cycle, against its caps.' })
export class CategoryCompliance {
  @Field({ description: 'Category code.' })
  code!: string;

  @Field({ description: 'Category name.' })
  name!: string;

  @Field(() => DecimalScalar, { description: 'CEUs earned in the category (before caps).' })
  earned!: string;

  @Field(() => DecimalScalar, { description: 'CEUs that count toward the requirement (after caps).' })
  counted!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'At most this many count; null for no cap.' })
  maximum!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'At least this many must count; null for no minimum.' })
  minimum!: string | null;
}

@ObjectType({ description: 'CEUs from the certifying body’s own courses, against the program’s minimum.' })
export class OwnCoursesCompliance {
  @Field(() => DecimalScalar, { description: 'CEUs earned from its own courses (before caps).' })
  earned!: string;

  @Field(() => DecimalScalar, { description: 'What of that counts (after caps).' })
  counted!: string;

  @Field(() => DecimalScalar, { description: 'At least this many must count ("0.0": no such rule).' })
  minimum!: string;
}

@ObjectType({
  description:
    'Does the trainer meet the recertification requirements on a date, and if not what is missing, by when, and at what cost (R1, R5, R7–R9, R12).',
})
export class Compliance {
  @Field(() => DateScalar, { description: 'The date decided on.' })
  asOf!: LocalDate;

  @Field(() => CycleInfo, { description: 'The cycle.' })
  cycle!: CycleInfo;

  @Field(() => CertificationStatus, { description: 'Certification status on the date (R12).' })
  status!: string;

  @Field(() => RecertificationWindow, { description: 'The application window and its phase on the date (R8).' })
  window!: RecertificationWindow;

  @Field(() => CeuTotals, { description: 'Continuing education: required, earned, pending, remaining (R1, R5, R6).' })
  continuingEducation!: CeuTotals;

  @Field(() => CprAedCompliance, { description: 'CPR/AED: status, reason and advisory (R7).' })
  cprAed!: CprAedCompliance;

  @Field(() => [CategoryCompliance], {
    description:
      'Per category of the program: earned, counted, maximum and minimum; empty for a program without categories.',
  })
  categories!: CategoryCompliance[];

  @Field(() => OwnCoursesCompliance, { description: 'CEUs from the certifying body’s own courses.' })
  ownCourses!: OwnCoursesCompliance;

  @Field(() => DecimalScalar, {
    description: 'CEUs earned but not counted because a cap of the program (per event or per category) was reached.',
  })
  cappedCeu!: string;

  @Field(() => DecimalScalar, { description: 'All CEUs earned: continuing education plus CPR/AED.' })
  totalEarned!: string;

  @Field(() => DecimalScalar, { description: 'All CEUs required (R1: 2.0).' })
  totalRequired!: string;

  @Field(() => RecertificationQuote, { description: 'What applying on the date would cost, and the blockers.' })
  quote!: RecertificationQuote;

  @Field({ description: 'True when an application received on the date would be accepted (R9).' })
  acceptable!: boolean;

  @Field(() => [Blocker], { description: 'Every blocker, each with what is missing.' })
  blockers!: Blocker[];

  @Field(() => Deadline, {
    nullable: true,
    description: 'The next deadline: expiry, the additional fee, or the closing of the window.',
  })
  nextDeadline!: Deadline | null;
}
