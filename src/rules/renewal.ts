/**
 * R10 renewal: the expiry an approved application gives, and where the next cycle starts (R5).
 */
import { addDays, addMonths, LocalDate } from './calendar';
import { ProgramPolicy } from './policy';

/** R10: the new expiry is the old one + 24 months, whatever the receipt date. */
export function renewedExpiry(expiresOn: LocalDate, policy: ProgramPolicy): LocalDate {
  return addMonths(expiresOn, policy.cycleMonths);
}

/** R5: the next cycle starts the day after the old expiry. */
export function nextCycleStart(expiresOn: LocalDate): LocalDate {
  return addDays(expiresOn, 1);
}
