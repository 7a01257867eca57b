import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts SQL statements: in total, and per scope (one HTTP request), so
 * that tests and logs can show what a request cost. It prints nothing.
 */
export class StatementCounter extends AbstractLogger {
  total = 0;
  private readonly scope = new AsyncLocalStorage<{ count: number }>();

  override logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.total++;
    const current = this.scope.getStore();
    if (current) current.count++;
  }

  /**
   * A fresh scope: what `run` does in it is counted; `count()` tells how many statements it has
   * issued so far (usable before `run` returns, e.g. by an answer sent synchronously).
   */
  open(): { run<T>(work: () => T): T; count: () => number } {
    const store = { count: 0 };
    return { run: (work) => this.scope.run(store, work), count: () => store.count };
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {
    // Counting only: query errors surface as exceptions and are logged by the server.
  }
}
