import { EntityManager } from 'typeorm';
import { UnitOfWork } from './unit-of-work';

/** The database as services see it: a unit of work for changes, a reader for queries. */
export interface Database {
  kind: 'sqlite' | 'postgres';
  uow: UnitOfWork;
  /** Reads outside a unit of work: on SQLite a read-only connection that sees committed data only. */
  reader: EntityManager;
}
