import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/pagination';
import { Payload, REFUSAL_DEFAULTS } from '../../common/user-errors';
import { Completion } from './completion.entity';
import { CompletionReport, ReportRowResult } from './completion-report.entity';

export { REPORT_ROW_STATUSES, ReportRowStatus } from './completion-report.entity';

export const CompletionConnection = connectionType(Completion, 'Completion');

@ObjectType({ description: 'Result of a self-reported completion.' })
export class CompletionPayload extends Payload {
  @Field(() => Completion, { nullable: true, description: 'The transcript entry; null when refused.' })
  completion?: Completion | null;
}

@ObjectType({ description: 'Result of a completion report: one answer per row, in input order.' })
export class ReportCompletionsPayload extends Payload {
  @Field(() => CompletionReport, {
    nullable: true,
    description:
      'The stored report (rpt_…): read it again later with completionReport(id:). Null when the call was refused.',
  })
  report!: CompletionReport | null;

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
  report: null,
  results: [],
  acceptedCount: 0,
  duplicateCount: 0,
  rejectedCount: 0,
});
