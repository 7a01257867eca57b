import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Text } from '../validators';

/** The `idempotencyKey` field of a creating mutation's input (for inputs that extend another base). */
export function IdempotencyKeyField(): PropertyDecorator {
  return (target, key) => {
    Field(() => String, {
      nullable: true,
      description:
        'Repeat-safe key chosen by the client: a repeat with the same key and input returns the first result; the same key with other input is refused.',
    })(target, key);
    IsOptional()(target, key);
    Text(200)(target, key);
  };
}

/** Base of the inputs of mutations that create things and may be repeated safely. */
@InputType()
export abstract class IdempotentInput {
  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
