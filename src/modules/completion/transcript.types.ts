import { Field, Int, ObjectType } from 'type-graphql';
import { describeEnum, enumOf } from '../../common/enums';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { Closing, Standing as StandingValue } from '../../rules/cycle';
import { Certification } from '../trainer/trainer.entity';
import { Completion } from './completion.entity';

export const Standing = enumOf<StandingValue>([
  'COUNTED',
  'CAPPED',
  'OUTSIDE_CYCLE',
  'USED_BY_EARLIER_APPLICATION',
  'SAME_COURSE_ALREADY_COUNTED',
  'PETITION_PENDING',
  'PETITION_NEEDED',
  'PETITION_DENIED',
]);
export type Standing = StandingValue;
describeEnum(Standing, 'Standing', 'How a transcript entry stands in the cycle (R5, R6).', {
  COUNTED:
    'Counts toward the cycle (`countedCeu` may be less than the entry is worth when a cap of the program cut it).',
  CAPPED:
    'Earns credit, but a cap of the program (per event or per category) was already reached: shown, counted for nothing.',
  OUTSIDE_CYCLE: 'Outside the cycle (before its start or after expiry + 90 days).',
  USED_BY_EARLIER_APPLICATION:
    'Already used by an approved recertification application (it is shown, and counted, in the cycle that application closed).',
  SAME_COURSE_ALREADY_COUNTED: 'An earlier completion of the same course already counts this cycle.',
  PETITION_PENDING: 'Needs a petition, and one is waiting for staff.',
  PETITION_NEEDED: 'Needs a petition; none is pending or approved.',
  PETITION_DENIED: 'Its petition was denied; it earns nothing.',
});

@ObjectType({ description: 'A recertification cycle (R1, R5).' })
export class CycleInfo {
  @Field(() => DateScalar, { description: 'First day: the issue date, or the day after the previous expiry.' })
  startsOn!: LocalDate;

  @Field(() => DateScalar, { description: 'Expiration date.' })
  expiresOn!: LocalDate;

  @Field(() => DateScalar, {
    description:
      'First day a completion counts toward this cycle (R5): its start, or the receipt date of the approved application that opened it when that came earlier (an early applicant keeps learning).',
  })
  courseworkFrom!: LocalDate;

  @Field(() => DateScalar, {
    description: 'Last day a completion still counts toward this cycle: expiry + 90 days (R5).',
  })
  courseworkDeadline!: LocalDate;
}

@ObjectType({
  description: 'One cycle of a certification’s history, with the days whose coursework belongs to it (R5).',
})
export class CertificationCycle extends CycleInfo {
  @Field(() => Int, { description: 'Its number: 1 for the first cycle; the current one has the highest.' })
  number!: number;

  @Field({ description: 'True for the current cycle.' })
  current!: boolean;

  @Field(() => DateScalar, {
    description:
      'Last day whose coursework belongs to this cycle: the day before the next cycle’s coursework starts (a cycle closed by an application received on S keeps the days before S), or the deadline of the current cycle.',
  })
  courseworkThrough!: LocalDate;

  /** The approved application that closed the cycle, resolved by `closedBy`. */
  closedBy!: Closing | null;
}

@ObjectType({ description: 'One completion as it stands in the cycle.' })
export class TranscriptEntry {
  @Field(() => Completion, { description: 'The completion.' })
  completion!: Completion;

  @Field(() => Standing, { description: 'Whether and why it counts.' })
  standing!: Standing;

  @Field(() => DecimalScalar, { description: 'CEUs it contributes to the cycle ("0.0" unless COUNTED).' })
  countedCeu!: string;
}

@ObjectType({ description: 'Continuing-education CEUs of a cycle (CPR/AED apart). Exact decimals.' })
export class CeuTotals {
  @Field(() => DecimalScalar, { description: 'Earned by completions that counted automatically.' })
  earnedAutomatic!: string;

  @Field(() => DecimalScalar, { description: 'Earned by completions with an approved petition.' })
  earnedByPetition!: string;

  @Field(() => DecimalScalar, { description: 'All continuing education earned: automatic plus petition.' })
  earned!: string;

  @Field(() => DecimalScalar, { description: 'Asked for by pending petitions; counts for nothing until approved.' })
  pending!: string;

  @Field(() => DecimalScalar, { description: 'Continuing education required in a cycle (R1: 1.9).' })
  required!: string;

  @Field(() => DecimalScalar, { description: 'Still missing: required minus earned, never below zero.' })
  remaining!: string;
}

@ObjectType({ description: 'A certification’s transcript for its current cycle, as of a date.' })
export class Transcript {
  @Field(() => Certification, { description: 'The certification.' })
  certification!: Certification;

  @Field(() => DateScalar, { description: 'The date the transcript is read on; completions after it are left out.' })
  asOf!: LocalDate;

  @Field(() => CertificationCycle, { description: 'The cycle shown.' })
  cycle!: CertificationCycle;

  @Field(() => [TranscriptEntry], {
    description: 'Every completion dated inside the cycle up to `asOf`, oldest first.',
  })
  entries!: TranscriptEntry[];

  @Field(() => CeuTotals, { description: 'CEU totals of the cycle.' })
  ceu!: CeuTotals;
}
