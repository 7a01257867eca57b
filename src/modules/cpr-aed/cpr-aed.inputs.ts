import { IsBoolean, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyField } from '../../common/idempotency/idempotency.inputs';
import { DateScalar } from '../../common/scalars';
import { Text } from '../../common/validators';
import { LocalDate } from '../../rules/calendar';
import { CprAedFormat } from './cpr-aed.entity';

/** What a CPR/AED card says: the fields a trainer records, and the go-live import brings. */
@InputType()
export abstract class CprAedCardFields {
  @Field({ description: 'Organisation that issued the card (1–200 characters).' })
  @Text(200)
  issuer!: string;

  @Field(() => String, { nullable: true, description: 'Card or certificate number.' })
  @IsOptional()
  @Text(64)
  cardNumber?: string | null;

  @Field(() => DateScalar, { description: 'Issue date (the course date); not after today.' })
  issuedOn!: LocalDate;

  @Field(() => DateScalar, { description: 'Expiry date; after the issue date.' })
  expiresOn!: LocalDate;

  @Field({ description: 'The course covered adult CPR.' })
  @IsBoolean()
  coversAdultCpr!: boolean;

  @Field({ description: 'The course covered the use of an AED.' })
  @IsBoolean()
  coversAed!: boolean;

  @Field(() => CprAedFormat, { description: 'How it was taken: ONLINE_ONLY lacks the hands-on skills assessment.' })
  format!: CprAedFormat;
}

@InputType({ description: 'A trainer records a CPR/AED card (R7).' })
export class RecordCprAedCredentialInput extends CprAedCardFields {
  @Field(() => ID, {
    nullable: true,
    description:
      'The trainer (trn_…): required for staff; a trainer may leave it out or name themself (another trainer is NOT_FOUND).',
  })
  @IsOptional()
  @MaxLength(40)
  trainerId?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
