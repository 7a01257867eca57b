/**
 * After every write run: did each successful answer leave exactly its row behind, and nothing
 * else? Rows are read from the database for the API and the raw-SQL baseline, and from the
 * in-memory baseline's own account of its writes.
 */
import { In, MoreThan } from 'typeorm';
import { fromGlobalId } from '../src/common/ids';
import { OpenDatabase } from '../src/database/data-source';
import { Completion } from '../src/modules/completion/completion.entity';
import { DecisionLogEntry } from '../src/modules/decision-log/decision-log.entity';
import { Petition } from '../src/modules/petition/petition.entity';
import { RunMeasure } from './load';
import { TargetSubjects } from './subjects';
import { MemoryWrites } from './baseline/memory-ledger';

/** What a target wrote since `mark()`. */
export interface WriteProbe {
  /** Where it is checked: "database" or "memory". */
  where: string;
  mark(): Promise<void>;
  /** Completions created on the target's certifications since the mark (row numbers). */
  createdCompletions(): Promise<number[]>;
  /** Of `ids`, the petitions approved since the mark. */
  approvedPetitions(ids: number[]): Promise<number[]>;
  /** Decision-log approvals of `ids` written since the mark. */
  approvalsLogged(ids: number[]): Promise<number>;
}

/** The outcome of the checks of one write run. */
export interface WriteCheck {
  where: string;
  successes: number;
  /** Rows the run created or changed. */
  rows: number;
  /** Successes without their row. */
  lost: number;
  /** Rows without a successful answer (allowed only for requests still unanswered when the run ended). */
  unanswered: number;
  withoutAnswer: number;
  /** Two successful answers naming the same row. */
  doubled: number;
  /** Decision-log entries, one per approved petition (decidePetition only). */
  logEntries?: number;
  passed: boolean;
}

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The database as the API and the raw-SQL baseline left it. */
export function databaseProbe(db: OpenDatabase, subjects: TargetSubjects): WriteProbe {
  const certifications = subjects.report.map((r) => fromGlobalId('Certification', r.certificationId) as number);
  let lastCompletion = 0;
  let lastLog = 0;
  const max = async (entity: typeof Completion | typeof DecisionLogEntry) =>
    Number((await db.reader.createQueryBuilder(entity, 'e').select('MAX(e.id)', 'max').getRawOne())?.max ?? 0);
  return {
    where: 'database',
    mark: async () => {
      lastCompletion = await max(Completion);
      lastLog = await max(DecisionLogEntry);
    },
    createdCompletions: async () =>
      (
        await db.reader.find(Completion, {
          select: { id: true },
          where: { certificationId: In(certifications), id: MoreThan(lastCompletion) },
        })
      ).map((c) => c.id),
    approvedPetitions: async (ids) => {
      const found: number[] = [];
      for (const part of chunks(ids)) {
        const rows = await db.reader.find(Petition, {
          select: { id: true },
          where: { id: In(part), status: 'APPROVED' },
        });
        found.push(...rows.map((r) => r.id));
      }
      return found;
    },
    approvalsLogged: async (ids) => {
      let count = 0;
      for (const part of chunks(ids)) {
        count += await db.reader.count(DecisionLogEntry, {
          where: { id: MoreThan(lastLog), subjectType: 'Petition', action: 'PETITION_APPROVED', subjectId: In(part) },
        });
      }
      return count;
    },
  };
}

/** The in-memory baseline's account of what it wrote. */
export function memoryProbe(origin: string): WriteProbe {
  const writes = async () => (await (await fetch(`${origin}/bench/writes`)).json()) as MemoryWrites;
  let start: MemoryWrites = { completionIds: [], decidedPetitionIds: [], decisionLogEntries: 0 };
  return {
    where: 'memory',
    mark: async () => {
      start = await writes();
    },
    createdCompletions: async () => (await writes()).completionIds.slice(start.completionIds.length),
    approvedPetitions: async (ids) => {
      const wanted = new Set(ids);
      return (await writes()).decidedPetitionIds.slice(start.decidedPetitionIds.length).filter((id) => wanted.has(id));
    },
    approvalsLogged: async () => (await writes()).decisionLogEntries - start.decisionLogEntries,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until two readings 300 ms apart agree: requests still in flight at the end have landed. */
async function settled(read: () => Promise<number[]>): Promise<number[]> {
  let previous = await read();
  for (let i = 0; i < 30; i++) {
    await sleep(300);
    const current = await read();
    if (current.length === previous.length) return current;
    previous = current;
  }
  return previous;
}

function compare(where: string, measure: RunMeasure, type: 'Completion' | 'Petition', rows: number[]): WriteCheck {
  const answered = measure.successIds.map((id) => fromGlobalId(type, id) ?? -1);
  const distinct = new Set(answered);
  const present = new Set(rows);
  const lost = [...distinct].filter((id) => !present.has(id)).length;
  const withoutAnswer = rows.filter((id) => !distinct.has(id)).length;
  const doubled = answered.length - distinct.size;
  return {
    where,
    successes: answered.length,
    rows: rows.length,
    lost,
    unanswered: measure.unanswered,
    withoutAnswer,
    doubled,
    passed: lost === 0 && doubled === 0 && withoutAnswer <= measure.unanswered,
  };
}

/** reportCompletion: every success is one new row on the target's certifications, and nothing else is. */
export async function verifyReports(probe: WriteProbe, measure: RunMeasure): Promise<WriteCheck> {
  return compare(probe.where, measure, 'Completion', await settled(() => probe.createdCompletions()));
}

/** decidePetition: every success approved exactly one of the petitions handed out, with one log entry. */
export async function verifyDecisions(
  probe: WriteProbe,
  measure: RunMeasure,
  handedOut: number[],
): Promise<WriteCheck> {
  const approved = await settled(() => probe.approvedPetitions(handedOut));
  const check = compare(probe.where, measure, 'Petition', approved);
  const logEntries = await probe.approvalsLogged(handedOut);
  return { ...check, logEntries, passed: check.passed && logEntries === approved.length };
}
