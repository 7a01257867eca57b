import { Field, Int, ObjectType } from 'type-graphql';
import { describeEnum, enumOf } from '../../common/enums';
import { Payload, REFUSAL_DEFAULTS } from '../../common/user-errors';
import { Completion } from './completion.entity';

@ObjectType({ description: 'Result of a self-reported completion.' })
export class CompletionPayload extends Payload {
  @Field(() => Completion, { nullable: true, description: 'The transcript entry; null when refused.' })
  completion?: Completion | null;
}

export const REPORT_ROW_STATUSES = [
  'ACCEPTED',
  'DUPLICATE',
  'UNKNOWN_CERTIFICATION',
  'NAME_MISMATCH',
  'DATE_OUTSIDE_APPROVAL',
  'FUTURE_DATE',
  'BEFORE_CERTIFICATION',
  'COURSE_NOT_REPORTABLE',
] as const;
export const ReportRowStatus = enumOf(REPORT_ROW_STATUSES);
export type ReportRowStatus = (typeof REPORT_ROW_STATUSES)[number];
describeEnum(ReportRowStatus, 'ReportRowStatus', 'What became of one row of a completion report.', {
  ACCEPTED: 'Recorded on the trainer’s transcript.',
  DUPLICATE: 'Already on the transcript (same trainer, course and date); merged, not counted twice.',
  UNKNOWN_CERTIFICATION: 'No certification has this number.',
  NAME_MISMATCH: 'The name does not match the holder of the certification.',
  DATE_OUTSIDE_APPROVAL: 'The course (or the provider) was not approved on the completion date (R3/R4).',
  FUTURE_DATE: 'The completion date is after today.',
  BEFORE_CERTIFICATION: 'The completion date is before the certification was issued.',
  COURSE_NOT_REPORTABLE:
    'The course does not exist, is not one of the caller’s courses, or was never approved (pending review or rejected).',
});

/** The plain, storable answer for one row (replayed as-is for an idempotent repeat). */
export interface RowOutcome {
  index: number;
  status: ReportRowStatus;
  message: string;
  completionId: number | null;
  externalRef: string | null;
}

@ObjectType({ description: 'The answer for one row of a completion report.' })
export class ReportRowResult {
  @Field(() => Int, { description: 'Position of the row in the input, from 0.' })
  index!: number;

  @Field(() => ReportRowStatus, { description: 'What became of the row.' })
  status!: ReportRowStatus;

  @Field({ description: 'The status in words.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The provider’s reference for the row, echoed back.' })
  externalRef!: string | null;

  @Field(() => Completion, { nullable: true, description: 'The transcript entry, for accepted and duplicate rows.' })
  completion!: Completion | null;
}

@ObjectType({ description: 'Result of a completion report: one answer per row, in input order.' })
export class ReportCompletionsPayload extends Payload {
  @Field(() => [ReportRowResult], { description: 'One result per input row, in order.' })
  results!: ReportRowResult[];

  @Field(() => Int, { description: 'Rows recorded.' })
  acceptedCount!: number;

  @Field(() => Int, { description: 'Rows already on a transcript.' })
  duplicateCount!: number;

  @Field(() => Int, { description: 'Rows refused for another reason.' })
  rejectedCount!: number;
}

REFUSAL_DEFAULTS.set('ReportCompletionsPayload', {
  results: [],
  acceptedCount: 0,
  duplicateCount: 0,
  rejectedCount: 0,
});
