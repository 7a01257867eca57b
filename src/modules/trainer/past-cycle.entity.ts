import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDate } from '../../rules/calendar';
import { Certification } from './trainer.entity';

/**
 * A cycle a certification completed before its current one, as brought in by the go-live import
 * (the expiries of earlier cycles). Live renewals keep theirs in the approved application.
 */
@Entity('certification_past_cycle')
@Index(['certificationId', 'expiresOn'], { unique: true })
export class CertificationPastCycle {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Certification, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certification_id' })
  certification?: Certification;

  @Column({ type: 'integer' })
  certificationId!: number;

  @Column({ type: 'date' })
  startsOn!: LocalDate;

  @Column({ type: 'date' })
  expiresOn!: LocalDate;
}
