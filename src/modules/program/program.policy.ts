import { ProgramPolicy } from '../../rules/policy';
import type { Program, ProgramPolicyVersion } from './program.entity';

/*
 * Stored policy rows to the rules' policy, with nothing of the ORM or GraphQL at run time, so
 * that a process without either (the bench's raw-SQL baseline) reads policy the same way.
 */

/** The reminder offsets stored as "90,60,30,7", largest first. */
export function reminderDaysOf(text: string): number[] {
  return text
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => b - a);
}

/** The rules' policy of a stored version: the one place that turns version rows into policy. */
export function policyOfVersion(row: ProgramPolicyVersion, program: Pick<Program, 'currencyCode'>): ProgramPolicy {
  return {
    cycleMonths: row.cycleMonths,
    requiredCeu: row.requiredCeuHundredths,
    ceuPerContactHour: row.ceuPerContactHourHundredths,
    cprAedRequired: Boolean(row.cprAedRequired),
    cprAedCeu: row.cprAedCeuHundredths,
    handsOnRequired: Boolean(row.handsOnRequired),
    courseworkGraceDays: row.courseworkGraceDays,
    petitionFee: row.petitionFeeCents,
    currencyCode: program.currencyCode,
    recertificationFee: row.recertificationFeeCents,
    lateFee: row.lateFeeCents,
    additionalFee: row.additionalFeeCents,
    lateWindowDays: row.lateWindowDays,
    closeAfterMonths: row.closeAfterMonths,
    waiverGraceDays: row.waiverGraceDays,
    auditRate: row.auditRateBasisPoints / 10_000,
    auditDocumentsDays: row.auditDocumentsDays,
    categories: typeof row.categories === 'string' ? JSON.parse(row.categories) : row.categories,
    minimumCategories: row.minimumCategories,
    maximumCeuPerEvent: row.maximumCeuPerEventHundredths,
    minimumOwnCoursesCeu: row.minimumOwnCoursesCeuHundredths,
    reminderDays: reminderDaysOf(row.reminderDays),
  };
}
