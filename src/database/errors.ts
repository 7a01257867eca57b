/** True when a database error is a unique-constraint violation (PostgreSQL 23505, SQLite UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/** PostgreSQL errors that a fresh attempt of the same transaction may not meet again. */
export function isTransientConflict(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === '40001' || code === '40P01';
}
