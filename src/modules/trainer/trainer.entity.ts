import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';

@Entity('trainer')
// Name search is by prefix of the folded names: each driver's migration builds an index that
// serves LIKE 'abc%' (SQLite: NOCASE; PostgreSQL: varchar_pattern_ops), which entities cannot declare.
@Index('IDX_trainer_first_name_key', { synchronize: false })
@Index('IDX_trainer_last_name_key', { synchronize: false })
@ObjectType({ implements: Node, description: 'A certified trainer: the holder of certifications and transcripts.' })
export class Trainer extends Node {
  @Field({ description: 'Given name.' })
  @Column({ type: 'varchar', length: 100 })
  firstName!: string;

  @Field({ description: 'Family name, as printed on the certificate.' })
  @Column({ type: 'varchar', length: 100 })
  lastName!: string;

  /** The given name folded for search (accents, case and runs of spaces do not count). */
  @Column({ type: 'varchar', length: 100, default: '' })
  firstNameKey!: string;

  /** The family name folded for search. */
  @Column({ type: 'varchar', length: 100, default: '' })
  lastNameKey!: string;

  @Field({ description: 'E-mail address of the trainer, trimmed and lower-cased.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Field(() => DateTimeScalar, { description: 'When the trainer was registered.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}

@Entity('certification')
// Lists in expiry order, of all programs or of one: the keyset (expires_on, id) walks an index.
@Index(['expiresOn', 'id'])
@Index(['programCode', 'expiresOn', 'id'])
@ObjectType({ implements: Node, description: 'One trainer’s credential: number, issue date and current expiration.' })
export class Certification extends Node {
  @ManyToOne(() => Trainer, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainer_id' })
  trainer?: Trainer;

  @Index()
  @Column({ type: 'integer' })
  trainerId!: number;

  @Field({ description: 'Code of the credential program, e.g. CPT.' })
  @Column({ type: 'varchar', length: 20 })
  programCode!: string;

  @Field({ description: 'Certification number printed on the certificate; providers report completions with it.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  number!: string;

  @Field(() => DateScalar, { description: 'Date the credential was first issued.' })
  @Column({ type: 'date' })
  issuedOn!: LocalDate;

  @Field(() => DateScalar, {
    description: 'First day of the current cycle: the issue date, or the day after the previous expiry.',
  })
  @Column({ type: 'date' })
  cycleStartsOn!: LocalDate;

  @Field(() => DateScalar, { description: 'Expiration date of the current cycle.' })
  @Column({ type: 'date' })
  expiresOn!: LocalDate;

  @Field(() => DateTimeScalar, { description: 'When the certification was recorded.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}
