import { AsyncLocalStorage } from 'node:async_hooks';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One unit of work = one database transaction. Services run every state change through
 * `run`, so a mutation and all its consequences commit together or not at all.
 *
 * SQLite: the driver gives TypeORM one shared connection, so two transactions started by two
 * requests would interleave on it ("cannot start a transaction within a transaction", or one
 * request committing another's half-done writes). Write transactions are therefore queued
 * behind a mutex, and reads go to a second, read-only connection that in WAL mode sees only
 * committed data.
 *
 * PostgreSQL: each transaction takes its own pooled connection with real isolation; no queue.
 */
export class UnitOfWork {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(
    private readonly writer: DataSource,
    private readonly writeLock: Mutex | null,
    private readonly retryable: (error: unknown) => boolean,
  ) {}

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const open = this.current.getStore();
    if (open) return work(open); // nested call: join the transaction already open
    const attempt = () => this.writer.transaction((em) => this.current.run(em, () => work(em)));
    const once = () => (this.writeLock ? this.writeLock.runExclusive(attempt) : attempt());
    for (let tries = 1; ; tries++) {
      try {
        return await once();
      } catch (error) {
        if (tries >= 3 || !this.retryable(error)) throw error;
      }
    }
  }
}
