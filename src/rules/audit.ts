/**
 * R11 audits: random selection from an injected source, and overdue documents. Pure: every
 * "today" is an argument.
 */
import { addDays, LocalDate } from './calendar';
import { ProgramPolicy } from './policy';

export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
}

export interface AuditDecision {
  selected: boolean;
  /** Selection day + the documents window (30 days), when selected. */
  documentsDueOn: LocalDate | null;
}

/** R11: selected when the injected source draws below the rate; documents due 30 days later. */
export function decideAudit(
  rate: number,
  random: RandomSource,
  selectedOn: LocalDate,
  policy: ProgramPolicy,
): AuditDecision {
  const selected = random.next() < rate;
  return { selected, documentsDueOn: selected ? addDays(selectedOn, policy.auditDocumentsDays) : null };
}

/** R11: an audit is overdue when its documents are missing after the due date. */
export function auditOverdue(documentsDueOn: LocalDate, documentsSubmitted: boolean, on: LocalDate): boolean {
  return !documentsSubmitted && on > documentsDueOn;
}
