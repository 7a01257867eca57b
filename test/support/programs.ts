import { ProgramPolicy } from '../../src/rules/policy';

/**
 * The CPT's policy as the migrations' reference data ships it (migrations/programs-reference.ts),
 * for the rules' unit tests: 2.0 CEUs in 24 months, 0.1 of them from CPR/AED.
 */
export const CPT_DEFAULT_POLICY: ProgramPolicy = Object.freeze({
  cycleMonths: 24,
  requiredCeu: 200,
  ceuPerContactHour: 10,
  cprAedRequired: true,
  cprAedCeu: 10,
  handsOnRequired: true,
  courseworkGraceDays: 90,
  petitionFee: 2500,
  currencyCode: 'USD',
  recertificationFee: 9900,
  lateFee: 3000,
  additionalFee: 5000,
  lateWindowDays: 90,
  closeAfterMonths: 12,
  waiverGraceDays: 60,
  auditRate: 0.1,
  auditDocumentsDays: 30,
  categories: [],
  minimumCategories: 0,
  maximumCeuPerEvent: null,
  minimumOwnCoursesCeu: 0,
  reminderDays: [90, 60, 30, 7],
});
