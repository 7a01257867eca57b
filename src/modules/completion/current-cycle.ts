import { LocalDate } from '../../rules/calendar';
import { Cycle, cycleOf, CycleSummary, Standing, summarizeCycle } from '../../rules/cycle';
import { CPT_DEFAULT_POLICY } from '../../rules/policy';
import { CeuHundredths } from '../../rules/units';
import { CertificationRecord } from '../recertification/certification-record';
import { Certification } from '../trainer/trainer.entity';
import { Completion } from './completion.entity';

/** A certification's current cycle read on a day: the entries its transcript shows and how they stand. */
export interface CurrentCycle {
  cycle: Cycle;
  /** Completions dated inside the cycle up to the day, oldest first. */
  completions: Completion[];
  summary: CycleSummary;
}

/**
 * The current cycle of a certification on `day`, from its record read up to that day (see
 * readCertificationRecords): what the transcript shows, and what a provider's report row is told.
 */
export function currentCycle(certification: Certification, record: CertificationRecord, day: LocalDate): CurrentCycle {
  const cycle = cycleOf(certification, CPT_DEFAULT_POLICY);
  const last = cycle.courseworkDeadline < day ? cycle.courseworkDeadline : day;
  const inCycle = (c: { completedOn: LocalDate }) => c.completedOn >= cycle.startsOn && c.completedOn <= last;
  return {
    cycle,
    completions: record.completions.filter(inCycle),
    summary: summarizeCycle(cycle, record.input.entries.filter(inCycle)),
  };
}

/** R5/R6: how one completion stands in the cycle and the CEUs it contributes (none unless COUNTED). */
export function standingIn(
  current: CurrentCycle,
  completion: Pick<Completion, 'id' | 'ceuHundredths'>,
): { standing: Standing; countedCeu: CeuHundredths } {
  const standing = current.summary.standings.get(completion.id) ?? 'OUTSIDE_CYCLE';
  return { standing, countedCeu: standing === 'COUNTED' ? completion.ceuHundredths : 0 };
}
