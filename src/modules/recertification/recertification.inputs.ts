import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotentInput } from '../../common/idempotency/idempotency.inputs';
import { ApplicationStatus } from './recertification.entity';

@InputType({ description: 'A trainer applies to recertify, today. Refused with every blocker when R9 is not met.' })
export class SubmitRecertificationInput extends IdempotentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The certification (crt_…); may be left out by a trainer holding one.',
  })
  @IsOptional()
  @MaxLength(40)
  certificationId?: string | null;
}

@InputType({ description: 'Which applications to list.' })
export class RecertificationApplicationFilter {
  @Field(() => ApplicationStatus, { nullable: true, description: 'Only applications in this status.' })
  @IsOptional()
  status?: ApplicationStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only applications of this certification (crt_…).' })
  @IsOptional()
  @MaxLength(40)
  certificationId?: string | null;
}
