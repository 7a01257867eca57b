import { toGlobalId } from '../src/common/ids';
import { addDays, LocalDate } from '../src/rules/calendar';
import { PreparedRequest, RequestSource } from './load';
import {
  catalogueBody,
  decidePetitionBody,
  decidePetitionProblems,
  DecidePetitionInput,
  reportCompletionBody,
  reportCompletionProblems,
  ReportCompletionInput,
  transcriptBody,
} from './operations';
import { Subjects, TargetSubjects } from './subjects';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * A check that an answer carries exactly the reference data (the same bytes as the answer the
 * pre-flight validated in full), with at most `extensions` after it and no `errors`.
 */
export function sameDataAs(referenceData: unknown): PreparedRequest['check'] {
  const prefix = `{"data":${JSON.stringify(referenceData)}`;
  return (body) => {
    if (!body.startsWith(prefix)) return { problem: `the data differs from the reference: ${body.slice(0, 300)}` };
    const tail = body.slice(prefix.length).trim();
    if (tail !== '}' && !tail.startsWith(',"extensions"'))
      return { problem: `unexpected after the data: ${tail.slice(0, 300)}` };
    if (tail.includes('"errors"')) return { problem: `errors after the data: ${tail.slice(0, 300)}` };
    return { problem: null };
  };
}

/** The catalogue page, anonymous, checked against its reference data. */
export function catalogueSource(referenceData: unknown): RequestSource {
  return { fixed: { body: catalogueBody(), headers: {}, check: sameDataAs(referenceData) } };
}

/** The transcript subject, read by its trainer, checked against its reference data. */
export function transcriptSource(subjects: Subjects, referenceData: unknown): RequestSource {
  const { certificationId, token } = subjects.transcript;
  return { fixed: { body: transcriptBody(certificationId), headers: bearer(token), check: sameDataAs(referenceData) } };
}

function parsed(body: string): Record<string, unknown> | null {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Distinct self-reported completions for one target: for each day back from yesterday, each of
 * the target's certifications (as its own trainer) with each bench course. The cursor lives on
 * from run to run, so no completion is ever reported twice.
 */
export class ReportCompletions {
  private cursor = 0;

  constructor(
    private readonly subjects: TargetSubjects,
    private readonly courseIds: string[],
    private readonly today: LocalDate,
  ) {}

  /** The next request, or null when every day down to the issue date is used up. */
  next(): PreparedRequest | null {
    const perDay = this.subjects.report.length * this.courseIds.length;
    const day = Math.floor(this.cursor / perDay) + 1;
    const within = this.cursor % perDay;
    const holder = this.subjects.report[Math.floor(within / this.courseIds.length)];
    const input: ReportCompletionInput = {
      certificationId: holder.certificationId,
      courseId: this.courseIds[within % this.courseIds.length],
      completedOn: addDays(this.today, -day),
    };
    if (input.completedOn < holder.issuedOn) return null;
    this.cursor++;
    return {
      body: reportCompletionBody(input),
      headers: bearer(holder.token),
      check: (body) => {
        const json = parsed(body);
        if (!json) return { problem: `not JSON: ${body.slice(0, 300)}` };
        const { id, problems } = reportCompletionProblems(json, input);
        return { problem: problems[0] ?? null, id: id ?? undefined };
      },
    };
  }

  source(): RequestSource {
    return { next: () => this.next() };
  }
}

/** Staff approve the given pending petitions, one each, in order; `handedOut` counts those sent. */
export class DecidePetitions {
  handedOut = 0;

  constructor(
    private readonly petitionIds: number[],
    private readonly staffToken: string,
  ) {}

  next(): PreparedRequest | null {
    if (this.handedOut >= this.petitionIds.length) return null;
    const input: DecidePetitionInput = {
      petitionId: toGlobalId('Petition', this.petitionIds[this.handedOut++]),
      decision: 'APPROVE',
    };
    return {
      body: decidePetitionBody(input),
      headers: bearer(this.staffToken),
      check: (body) => {
        const json = parsed(body);
        if (!json) return { problem: `not JSON: ${body.slice(0, 300)}` };
        const { id, problems } = decidePetitionProblems(json, input);
        return { problem: problems[0] ?? null, id: id ?? undefined };
      },
    };
  }

  /** The petitions handed out so far (row numbers). */
  used(): number[] {
    return this.petitionIds.slice(0, this.handedOut);
  }

  source(): RequestSource {
    return { next: () => this.next() };
  }
}
