import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The first answer to a mutation sent with an idempotency key, replayed for repeats. */
@Entity('idempotency_record')
@Unique(['scope', 'key'])
export class IdempotencyRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The caller the key belongs to: keys of different callers never collide. */
  @Column({ type: 'varchar', length: 100 })
  scope!: string;

  @Column({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'varchar', length: 60 })
  operation!: string;

  /** SHA-256 of the operation and its input, to refuse a key reused with other input. */
  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'text' })
  response!: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}
