import { dateOf, LocalDate } from '../rules/calendar';

/** The source of "now". Injected so that tests can stand on any day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock standing still at one instant, for tests and reproducible demos. */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at) };
}

export function today(clock: Clock): LocalDate {
  return dateOf(clock.now());
}

export function timestamp(clock: Clock): string {
  return clock.now().toISOString();
}
