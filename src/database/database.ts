import { EntityManager } from 'typeorm';
import { UnitOfWork } from './unit-of-work';

/** The database as services see it: a unit of work for changes, a reader for queries. */
export interface Database {
  kind: 'sqlite' | 'postgres';
  uow: UnitOfWork;
  /** Reads outside a unit of work: on SQLite a read-only connection that sees committed data only. */
  reader: EntityManager;
  /**
   * Readiness: 'ready' when the database answers reads and would take a write (proved by one that
   * changes nothing, rolled back), 'read-only' when it answers but every write would fail;
   * throws when it does not answer.
   */
  probe(): Promise<'ready' | 'read-only'>;
}
