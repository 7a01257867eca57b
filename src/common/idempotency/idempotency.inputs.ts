import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Text } from '../validators';

/** Base of the inputs of mutations that create things and may be repeated safely. */
@InputType()
export abstract class IdempotentInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Repeat-safe key chosen by the client: a repeat with the same key and input returns the first result; the same key with other input is refused.',
  })
  @IsOptional()
  @Text(200)
  idempotencyKey?: string | null;
}
