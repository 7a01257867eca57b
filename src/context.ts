import { Identity } from './common/identity';
import type { Client } from './common/rate-limit';
import { Loaders } from './loaders';
import { LocalDate } from './rules/calendar';

/** Everything one request carries from the HTTP layer down to services. */
export interface RequestContext {
  requestId: string;
  identity: Identity;
  /** Per-request DataLoaders, one per relation. */
  loaders: Loaders;
  /** The calendar date (UTC) the request is decided on. */
  today: LocalDate;
  /** The instant the request is decided at, ISO 8601. */
  now: string;
  /** What an HTTP request cost, for headers and logs (absent for work outside a request). */
  trace?: RequestTrace;
  /** Whose rate limits and cost budget the request spends (absent for work outside a request). */
  client?: Client;
}

export interface RequestTrace {
  /** True when the document was parsed and validated, false when it came from the document cache. */
  parsed: boolean;
  /** The request's ID: the caller's X-Request-Id when it is a sane one, else a fresh one. */
  requestId: string;
  /** The operation's name (or its type when anonymous), once it is resolved. */
  operation?: string;
}

export function isStaff(ctx: RequestContext): boolean {
  return ctx.identity.kind === 'STAFF';
}

export function providerIdOf(ctx: RequestContext): number | null {
  return ctx.identity.kind === 'PROVIDER' ? ctx.identity.providerId : null;
}

export function trainerIdOf(ctx: RequestContext): number | null {
  return ctx.identity.kind === 'TRAINER' ? ctx.identity.trainerId : null;
}
