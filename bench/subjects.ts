/**
 * The bench's own subjects, created after seeding through the application's services (so that
 * they are what the API itself would have written): a provider whose 60 approved courses fill
 * the catalogue page, a certification with exactly 60 completions in its current cycle, and for
 * every target the certifications its reportCompletion load reports for and a pool of pending
 * petitions for its decidePetition load.
 */
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { Identity } from '../src/common/identity';
import { toGlobalId } from '../src/common/ids';
import { signToken } from '../src/common/tokens';
import { AppConfig } from '../src/config';
import { RequestContext } from '../src/context';
import { OpenDatabase } from '../src/database/data-source';
import { createLoaders } from '../src/loaders';
import { Completion } from '../src/modules/completion/completion.entity';
import { CourseReviewDecision } from '../src/modules/course/course.inputs';
import { DeliveryFormat, Topic, TOPICS, DELIVERY_FORMATS } from '../src/modules/course/course.entity';
import { PetitionDecision } from '../src/modules/petition/petition.inputs';
import { Petition } from '../src/modules/petition/petition.entity';
import { Certification, Trainer } from '../src/modules/trainer/trainer.entity';
import { trainerRow } from '../src/modules/trainer/trainer.rows';
import { createServices, Services } from '../src/services';
import { addDays, addMonths, dateOf, LocalDate, startOfYear, yearOf } from '../src/rules/calendar';
import { TRANSCRIPT_ENTRIES } from './operations';
import { TARGET_NAMES, TargetName } from './targets';

/** Approved courses of the bench provider: more than a catalogue page. */
const CATALOGUE_COURSES = 60;
/** Certifications each target's reportCompletion load reports for. */
export const REPORT_CERTIFICATIONS = 12;
/** Petitions created per transaction when a pool is filled. */
const POOL_BATCH = 500;
/** The staff member the bench decides petitions as. */
export const STAFF_ID = 'bench.staff';

/** A certification the reportCompletion load reports for, with its holder's portal token. */
export interface ReportSubject {
  certificationId: string;
  issuedOn: LocalDate;
  token: string;
}

/** What one target works on. */
export interface TargetSubjects {
  report: ReportSubject[];
  /** The certification (row number) holding the target's pool of pending petitions. */
  poolCertificationId: number;
  poolTrainerId: number;
}

/** Everything the bench created, as the load and the servers need it. */
export interface Subjects {
  createdOn: LocalDate;
  staffToken: string;
  /** Approved courses a trainer may report (crs_…). */
  courseIds: string[];
  transcript: { certificationId: string; token: string };
  targets: Record<TargetName, TargetSubjects>;
  /** Row numbers of every certification above, for the in-memory baseline to load. */
  certificationRowIds: number[];
}

/** Services called as a given caller on a given day, the way a request would call them. */
class Caller {
  constructor(
    private readonly db: OpenDatabase,
    readonly services: Services,
  ) {}

  as(identity: Identity, day: LocalDate): RequestContext {
    const now = new Date().toISOString();
    return {
      requestId: `bench-${randomUUID()}`,
      identity,
      loaders: createLoaders(this.db.reader),
      today: day,
      now: day === now.slice(0, 10) ? now : `${day}T12:00:00.000Z`,
    };
  }

  staff(day: LocalDate): RequestContext {
    return this.as({ kind: 'STAFF', staffId: STAFF_ID }, day);
  }
}

const pad = (n: number) => String(n).padStart(3, '0');

/** A partner applied and approved on `since`, open-ended. */
async function benchProvider(caller: Caller, since: LocalDate): Promise<number> {
  const { providers } = caller.services;
  const { providerId } = await providers.apply(caller.as({ kind: 'ANONYMOUS' }, since), {
    name: 'Bench Fitness Academy',
    contactEmail: 'ce@bench-academy.example',
    website: 'https://bench-academy.example',
  });
  await providers.decide(caller.staff(since), 'approve', { providerId: toGlobalId('Provider', providerId) });
  return providerId;
}

/** A course registered and approved on `approvedOn`, and renewed every year since (R4). */
async function approvedCourse(
  caller: Caller,
  providerId: number,
  index: number,
  approvedOn: LocalDate,
  today: LocalDate,
): Promise<string> {
  const { courses } = caller.services;
  const provider = caller.as({ kind: 'PROVIDER', providerId }, approvedOn);
  const topic: Topic = TOPICS[index % TOPICS.length];
  const format: DeliveryFormat = DELIVERY_FORMATS[index % DELIVERY_FORMATS.length];
  const { courseId } = await courses.register(provider, {
    code: `BNCH-${pad(index)}`,
    title: `${topic.charAt(0)}${topic.slice(1).toLowerCase().replace(/_/g, ' ')} in practice, part ${index}`,
    contactHours: `${2 + (index % 7)}.5`,
    topics: [topic],
    deliveryFormat: format,
  });
  const id = toGlobalId('Course', courseId);
  await courses.review(caller.staff(approvedOn), { courseId: id, decision: CourseReviewDecision.APPROVE });
  for (let year = yearOf(approvedOn) + 1; year <= yearOf(today); year++) {
    const day = addDays(startOfYear(year), -10);
    await courses.renew(caller.as({ kind: 'PROVIDER', providerId }, day), { courseId: id });
    await courses.review(caller.staff(day), { courseId: id, decision: CourseReviewDecision.APPROVE });
  }
  return id;
}

/** A trainer holding a certification in its first cycle, issued on `issuedOn`. */
async function certificationHolder(
  db: OpenDatabase,
  name: string,
  number: string,
  issuedOn: LocalDate,
): Promise<{ trainerId: number; certificationId: number }> {
  return db.uow.run(async (em) => {
    const now = new Date().toISOString();
    const trainer = await em.insert(
      Trainer,
      trainerRow({ firstName: 'Bench', lastName: name, email: `${number.toLowerCase()}@bench.example` }, now),
    );
    const trainerId = trainer.identifiers[0].id as number;
    const certification = await em.insert(Certification, {
      trainerId,
      programCode: 'CPT',
      number,
      issuedOn,
      cycleStartsOn: issuedOn,
      expiresOn: addMonths(issuedOn, 24),
      createdAt: now,
    });
    return { trainerId, certificationId: certification.identifiers[0].id as number };
  });
}

interface TranscriptPlan {
  caller: Caller;
  trainer: Identity;
  certificationId: string;
  issuedOn: LocalDate;
  today: LocalDate;
}

async function selfReport(plan: TranscriptPlan, courseId: string, completedOn: LocalDate): Promise<string> {
  const { completionId } = await plan.caller.services.completions.selfReport(plan.caller.as(plan.trainer, plan.today), {
    certificationId: plan.certificationId,
    courseId,
    completedOn,
  });
  return toGlobalId('Completion', completionId);
}

type Outcome = 'APPROVE' | 'DENY' | 'PENDING' | 'WITHDRAW' | 'NONE';

/** A petition on a transcript entry or an outside event, then the decision it gets. */
async function petition(
  plan: TranscriptPlan,
  target: { completionId: string } | { event: { title: string; completedOn: LocalDate } },
  outcome: Outcome,
): Promise<void> {
  if (outcome === 'NONE') return;
  const { petitions } = plan.caller.services;
  const trainer = plan.caller.as(plan.trainer, plan.today);
  const { petitionId } = await petitions.submit(trainer, {
    certificationId: plan.certificationId,
    justification: 'Programme design content within the CPT scope of practice; certificate attached.',
    ...('completionId' in target
      ? { completionId: target.completionId }
      : {
          event: {
            title: target.event.title,
            providerName: 'Regional Strength Forum',
            completedOn: target.event.completedOn,
            contactHours: '6',
          },
        }),
  });
  const id = toGlobalId('Petition', petitionId);
  const staff = plan.caller.staff(plan.today);
  if (outcome === 'APPROVE') await petitions.decide(staff, { petitionId: id, decision: PetitionDecision.APPROVE });
  if (outcome === 'DENY') {
    await petitions.decide(staff, { petitionId: id, decision: PetitionDecision.DENY, reason: 'Outside the scope.' });
  }
  if (outcome === 'WITHDRAW') await petitions.withdraw(trainer, { petitionId: id, reason: 'Reported twice.' });
}

const PETITION_OUTCOMES: Outcome[] = ['APPROVE', 'PENDING', 'APPROVE', 'PENDING', 'DENY', 'NONE'];
const EVENT_OUTCOMES: Outcome[] = ['APPROVE', 'PENDING', 'APPROVE', 'PENDING', 'DENY', 'WITHDRAW'];

/**
 * 60 completions in the current cycle: 30 that count automatically, 6 repeats of a course that
 * already counted, 12 of courses approved only lately (petitions approved, pending, denied or
 * none) and 12 outside events petitioned (approved, pending, denied or withdrawn).
 */
async function transcriptEntries(plan: TranscriptPlan, courses: string[], recent: string[]): Promise<void> {
  const day = (n: number) => addDays(plan.issuedOn, n);
  for (let i = 0; i < 30; i++) await selfReport(plan, courses[i], day(10 + 15 * i));
  for (let i = 0; i < 6; i++) await selfReport(plan, courses[i], day(460 + 5 * i));
  for (let i = 0; i < 12; i++) {
    const completionId = await selfReport(plan, recent[i % recent.length], addDays(plan.today, -300 - 10 * i));
    await petition(plan, { completionId }, PETITION_OUTCOMES[i % PETITION_OUTCOMES.length]);
  }
  for (let i = 0; i < 12; i++) {
    const event = { title: `Strength Coaching Seminar ${i + 1}`, completedOn: day(30 + 35 * i) };
    await petition(plan, { event }, EVENT_OUTCOMES[i % EVENT_OUTCOMES.length]);
  }
}

async function transcriptSubject(
  db: OpenDatabase,
  caller: Caller,
  courses: string[],
  recent: string[],
  today: LocalDate,
): Promise<{ certificationId: number; trainerId: number }> {
  const issuedOn = addDays(today, -540);
  const holder = await certificationHolder(db, 'Transcript', 'BENCH-T-0001', issuedOn);
  const trainer: Identity = { kind: 'TRAINER', trainerId: holder.trainerId };
  const certificationId = toGlobalId('Certification', holder.certificationId);
  const plan: TranscriptPlan = { caller, trainer, certificationId, issuedOn, today };
  await transcriptEntries(plan, courses, recent);
  const cardIssuedOn = addDays(today, -200);
  await caller.services.cprAed.record(caller.as(trainer, today), {
    issuer: 'American Red Cross',
    cardNumber: 'ARC-BENCH-0001',
    issuedOn: cardIssuedOn,
    expiresOn: addMonths(cardIssuedOn, 24),
    coversAdultCpr: true,
    coversAed: true,
    format: 'IN_PERSON',
  });
  const count = await db.reader.count(Completion, { where: { certificationId: holder.certificationId } });
  if (count !== TRANSCRIPT_ENTRIES) throw new Error(`the transcript subject has ${count} completions`);
  return holder;
}

const token = (jwt: AppConfig['jwt'], role: 'TRAINER' | 'STAFF', sub: string) =>
  signToken(jwt, { role, sub }, { expiresIn: '12h' });

async function targetSubjects(
  db: OpenDatabase,
  jwt: AppConfig['jwt'],
  target: TargetName,
  index: number,
  today: LocalDate,
): Promise<TargetSubjects> {
  const issuedOn = addDays(today, -720);
  const report: ReportSubject[] = [];
  for (let i = 0; i < REPORT_CERTIFICATIONS; i++) {
    const holder = await certificationHolder(db, `Reporter ${target} ${i}`, `BENCH-R-${index}${pad(i)}`, issuedOn);
    report.push({
      certificationId: toGlobalId('Certification', holder.certificationId),
      issuedOn,
      token: await token(jwt, 'TRAINER', toGlobalId('Trainer', holder.trainerId)),
    });
  }
  const pool = await certificationHolder(db, `Petitioner ${target}`, `BENCH-P-${index}000`, issuedOn);
  return { report, poolCertificationId: pool.certificationId, poolTrainerId: pool.trainerId };
}

/** Creates every bench subject; `log` tells what is being done. */
export async function createSubjects(
  db: OpenDatabase,
  jwt: AppConfig['jwt'],
  log: (line: string) => void,
): Promise<Subjects> {
  const caller = new Caller(db, createServices(db));
  const today = dateOf(new Date());
  const since = addDays(startOfYear(yearOf(today) - 2), 14);
  log('bench provider and its courses');
  const providerId = await benchProvider(caller, since);
  const courses: string[] = [];
  for (let i = 1; i <= CATALOGUE_COURSES; i++) courses.push(await approvedCourse(caller, providerId, i, since, today));
  const recent: string[] = [];
  for (let i = 1; i <= 4; i++) {
    recent.push(await approvedCourse(caller, providerId, CATALOGUE_COURSES + i, addDays(today, -30), today));
  }
  log(`transcript subject (${TRANSCRIPT_ENTRIES} completions)`);
  const transcript = await transcriptSubject(db, caller, courses, recent, today);
  log('reportCompletion certifications and decidePetition pools');
  const targets = {} as Record<TargetName, TargetSubjects>;
  for (const [index, target] of TARGET_NAMES.entries()) {
    targets[target] = await targetSubjects(db, jwt, target, index + 1, today);
  }
  const certifications = await db.reader.find(Certification, { where: { number: In(benchNumbers()) } });
  return {
    createdOn: today,
    staffToken: await token(jwt, 'STAFF', STAFF_ID),
    courseIds: courses,
    transcript: {
      certificationId: toGlobalId('Certification', transcript.certificationId),
      token: await token(jwt, 'TRAINER', toGlobalId('Trainer', transcript.trainerId)),
    },
    targets,
    certificationRowIds: certifications.map((c) => c.id),
  };
}

function benchNumbers(): string[] {
  const numbers = ['BENCH-T-0001'];
  TARGET_NAMES.forEach((_target, t) => {
    numbers.push(`BENCH-P-${t + 1}000`);
    for (let i = 0; i < REPORT_CERTIFICATIONS; i++) numbers.push(`BENCH-R-${t + 1}${pad(i)}`);
  });
  return numbers;
}

/** Pending petitions of a target's pool, oldest first (row numbers). */
export async function pendingPetitions(db: OpenDatabase, subjects: TargetSubjects): Promise<number[]> {
  const rows = await db.reader.find(Petition, {
    select: { id: true },
    where: { certificationId: subjects.poolCertificationId, status: 'PENDING' },
    order: { id: 'ASC' },
  });
  return rows.map((r) => r.id);
}

/**
 * Tops a target's pool up to `wanted` pending petitions, each on an outside event the pool's
 * trainer submits (R6), a batch per transaction.
 */
export async function fillPool(db: OpenDatabase, subjects: TargetSubjects, wanted: number): Promise<number> {
  const pending = (await pendingPetitions(db, subjects)).length;
  const caller = new Caller(db, createServices(db));
  const today = dateOf(new Date());
  const trainer: Identity = { kind: 'TRAINER', trainerId: subjects.poolTrainerId };
  const certificationId = toGlobalId('Certification', subjects.poolCertificationId);
  for (let made = pending; made < wanted;) {
    const batch = Math.min(POOL_BATCH, wanted - made);
    await db.uow.run(async () => {
      for (let i = 0; i < batch; i++, made++) {
        await caller.services.petitions.submit(caller.as(trainer, today), {
          certificationId,
          justification: 'Workshop within the CPT scope of practice.',
          event: {
            title: `Coaching Workshop ${made + 1}`,
            providerName: 'Bench Coaching Guild',
            completedOn: addDays(today, -(made % 700) - 1),
            contactHours: '8',
          },
        });
      }
    });
  }
  return Math.max(0, wanted - pending);
}
