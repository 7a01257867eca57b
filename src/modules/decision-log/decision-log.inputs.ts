import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Text } from '../../common/validators';

@InputType({ description: 'Which decision-log entries to list.' })
export class DecisionLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only decisions about this object (any global ID).' })
  @IsOptional()
  @MaxLength(40)
  subjectId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only decisions of this action, e.g. PETITION_APPROVED.' })
  @IsOptional()
  @Text(60, { blank: true })
  action?: string | null;
}
