import { JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { ID_PREFIXES, NodeTypeName, toGlobalId } from '../../common/ids';
import { Node } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';

/**
 * One staff decision or policy change: who, when, what, about which object, and why.
 * Append-only: rows are inserted and never updated or deleted.
 */
@Entity('decision_log_entry')
@Index(['subjectType', 'subjectId'])
@ObjectType({
  implements: Node,
  description: 'An entry of the append-only log of staff decisions: who decided what, when and why.',
})
export class DecisionLogEntry extends Node {
  @Field(() => DateTimeScalar, { description: 'When the decision was recorded.' })
  @Index()
  @Column({ type: 'varchar', length: 30 })
  occurredAt!: string;

  @Field({ description: 'Kind of actor: STAFF, PROVIDER, TRAINER or SYSTEM.' })
  @Column({ type: 'varchar', length: 20 })
  actorType!: string;

  @Field({ description: 'Who decided: the staff member’s id, or the global ID of the provider or trainer.' })
  @Column({ type: 'varchar', length: 64 })
  actorId!: string;

  @Field({ description: 'What was decided, e.g. PROVIDER_APPROVED, COURSE_REJECTED, PETITION_APPROVED.' })
  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Field({ description: 'Type of the object decided on, e.g. Provider, Course, Petition.' })
  @Column({ type: 'varchar', length: 40 })
  subjectType!: string;

  @Column({ type: 'integer' })
  subjectId!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'Global ID of the object decided on; null for program-wide settings.',
  })
  get subject(): string | null {
    return this.subjectType in ID_PREFIXES ? toGlobalId(this.subjectType as NodeTypeName, this.subjectId) : null;
  }

  @Field(() => String, { nullable: true, description: 'The reason given with the decision.' })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field(() => JSONObjectResolver, { description: 'Facts of the decision (values awarded, periods, amounts).' })
  @Column({ type: 'simple-json' })
  details!: Record<string, unknown>;
}
