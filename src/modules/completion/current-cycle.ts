import { CycleSpan, CycleSummary, Standing, summarizeCycle } from '../../rules/cycle';
import { CeuHundredths } from '../../rules/units';
import { CertificationRecord } from '../recertification/certification-record';
import { Completion } from './completion.entity';

/** One cycle of a certification as its transcript shows it: its entries and how they stand. */
export interface CycleView {
  cycle: CycleSpan;
  /** The completions that belong to the cycle (R5, see `cycleSpans`), up to the day read, oldest first. */
  completions: Completion[];
  summary: CycleSummary;
}

/**
 * A cycle of a certification (by number; the current one by default), from its record read up to
 * a day (see readCertificationRecords): what the transcript shows, and what a provider's report
 * row is told. Null when the certification has no such cycle.
 */
export function cycleView(record: CertificationRecord, number?: number | null): CycleView | null {
  const cycle = number == null ? record.cycles[record.cycles.length - 1] : record.cycles[number - 1];
  if (!cycle) return null;
  const inCycle = (c: { id: number }) => record.cycleOfCompletion.get(c.id) === cycle.number;
  // In a closed cycle, what its own application used counts: that is what the application counted.
  const entries = record.input.entries
    .filter(inCycle)
    .map((e) => (cycle.current ? e : { ...e, usedByApplication: false }));
  return {
    cycle,
    completions: record.completions.filter(inCycle),
    summary: summarizeCycle(cycle, entries, record.input.policy),
  };
}

/** The current cycle of a certification (see `cycleView`). */
export function currentCycle(record: CertificationRecord): CycleView {
  return cycleView(record) as CycleView;
}

/** R5/R6: how one completion stands in its cycle and the CEUs it contributes (none unless COUNTED; less when capped). */
export function standingIn(
  view: CycleView,
  completion: Pick<Completion, 'id'>,
): { standing: Standing; countedCeu: CeuHundredths } {
  const standing = view.summary.standings.get(completion.id) ?? 'OUTSIDE_CYCLE';
  return { standing, countedCeu: view.summary.counted.get(completion.id) ?? 0 };
}
