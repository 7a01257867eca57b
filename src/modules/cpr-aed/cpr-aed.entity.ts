import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { describeEnum, enumOf } from '../../common/enums';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { Trainer } from '../trainer/trainer.entity';

export const CPR_AED_FORMATS = ['IN_PERSON', 'BLENDED', 'ONLINE_ONLY'] as const;
export const CprAedFormat = enumOf(CPR_AED_FORMATS);
export type CprAedFormat = (typeof CPR_AED_FORMATS)[number];
describeEnum(CprAedFormat, 'CprAedFormat', 'How a CPR/AED course was taken (R7).', {
  IN_PERSON: 'Classroom course with a hands-on skills assessment.',
  BLENDED: 'Online theory followed by an in-person hands-on skills assessment.',
  ONLINE_ONLY: 'Entirely online, without a hands-on skills assessment.',
});

/** A trainer's emergency-care card (R7). */
@Entity('cpr_aed_credential')
@ObjectType({
  implements: Node,
  description: 'A trainer’s CPR/AED card: required for recertification and worth 0.1 CEU (R1, R7).',
})
export class CprAedCredential extends Node {
  @ManyToOne(() => Trainer, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainer_id' })
  trainer?: Trainer;

  @Index()
  @Column({ type: 'integer' })
  trainerId!: number;

  @Field({ description: 'Organisation that issued the card, e.g. American Red Cross.' })
  @Column({ type: 'varchar', length: 200 })
  issuer!: string;

  @Field(() => String, { nullable: true, description: 'Card or certificate number.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  cardNumber!: string | null;

  @Field(() => DateScalar, { description: 'Date the card was issued (the course date).' })
  @Column({ type: 'date' })
  issuedOn!: LocalDate;

  @Field(() => DateScalar, { description: 'Date the card expires.' })
  @Column({ type: 'date' })
  expiresOn!: LocalDate;

  @Field({ description: 'The course covered adult CPR.' })
  @Column({ type: 'boolean' })
  coversAdultCpr!: boolean;

  @Field({ description: 'The course covered the use of an AED.' })
  @Column({ type: 'boolean' })
  coversAed!: boolean;

  @Field(() => CprAedFormat, {
    description: 'How the course was taken; ONLINE_ONLY lacks the hands-on skills assessment.',
  })
  @Column({ type: 'varchar', length: 20 })
  format!: CprAedFormat;

  @Field(() => DateTimeScalar, { description: 'When the card was recorded.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}
