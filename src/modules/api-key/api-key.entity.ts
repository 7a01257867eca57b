import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';
import { Provider } from '../provider/provider.entity';

/**
 * A provider partner's API key. The secret is shown once at creation; only a slow salted hash
 * (scrypt) is kept. The visible prefix identifies the key in lists and logs.
 */
@Entity('api_key')
@ObjectType({
  implements: Node,
  description: 'An API key of a provider partner. The secret itself is shown only once, when it is created.',
})
export class ApiKey extends Node {
  @ManyToOne(() => Provider, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Provider;

  @Index()
  @Column({ type: 'integer' })
  providerId!: number;

  @Field({
    description:
      'The visible start of the key, e.g. ceu_live_Ab3dE9fGh2; enough to recognise it, useless to call with.',
  })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  prefix!: string;

  /** scrypt parameters, salt and hash of the secret part. */
  @Column({ type: 'varchar', length: 200 })
  secretHash!: string;

  @Field(() => String, { nullable: true, description: 'What the key is for, e.g. "LMS integration".' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  label!: string | null;

  @Field({ description: 'Staff member who created the key.' })
  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'When the key was created.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the key was last used (updated at most once a minute).',
  })
  @Column({ type: 'varchar', length: 30, nullable: true })
  lastUsedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked; a revoked key is refused.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  revokedAt!: string | null;
}
