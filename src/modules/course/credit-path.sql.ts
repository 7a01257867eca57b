/**
 * R3 per program in SQL, for the catalogue's `creditPath` filter: the same decision as
 * `decideCreditPath` over `programCoverage` (src/rules/coverage.ts), written as a condition so
 * that a filtered page is one statement. test/e2e/credit-path-sql checks that the two agree.
 *
 * True when a completion of course `alias` (provider `providerAlias`) on `:on` counts
 * automatically for program `:program`: a course approval period covers the day, the program
 * approved the course by then, and the provider is the certifying body or was approved that day.
 */
export function automaticOnSql(alias: string, providerAlias: string): string {
  return `(EXISTS (SELECT 1 FROM course_approval_period cap WHERE cap.course_id = ${alias}.id
      AND cap.from_date <= :on AND cap.through_date >= :on)
    AND EXISTS (SELECT 1 FROM course_program cpa WHERE cpa.course_id = ${alias}.id
      AND cpa.program_code = :program AND cpa.approved_from <= :on)
    AND (${providerAlias}.kind = 'CERTIFYING_BODY' OR EXISTS (SELECT 1 FROM provider_approval_period pap
      WHERE pap.provider_id = ${alias}.provider_id AND pap.from_date <= :on
      AND (pap.through_date IS NULL OR pap.through_date >= :on))))`;
}

/**
 * The last day a course's approval periods cover (`Course.approvedThrough`), as a subquery on
 * course `alias`: null before any approval. `lastCoveredDay` (src/rules/coverage.ts) in SQL:
 * course periods always end (R4), so it is the latest `through_date`. The catalogue page and the
 * loader both read it here; test/e2e/catalogue-columns checks that the two agree.
 */
export function approvedThroughSql(alias: string): string {
  return `(SELECT MAX(cap.through_date) FROM course_approval_period cap WHERE cap.course_id = ${alias}.id)`;
}
