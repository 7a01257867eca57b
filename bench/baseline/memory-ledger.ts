import { fromGlobalId } from '../../src/common/ids';
import type { Identity } from '../../src/common/identity';
import { LocalDate } from '../../src/rules/calendar';
import { CprAedCard } from '../../src/rules/cpr-aed';
import { PetitionStatus } from '../../src/rules/statuses';
import { canSeeTrainer } from './http';
import {
  approvalDetails,
  approvalOf,
  catalogueNode,
  CertificationFacts,
  checkReportedCourse,
  CompletionFacts,
  PetitionFacts,
  policyFacts,
  POLICY_VERSION_SQL,
  PolicyFacts,
  PolicyRows,
  refuse,
  ReportedCourse,
  reportedCourseOf,
  selfReportedEntry,
  transcriptView,
} from './ledger';
import { SqlClient } from './sql-client';

type Row = Record<string, unknown>;

interface MemoryPetition extends PetitionFacts {
  certificationId: number;
  awardedCeuHundredths: number | null;
  decidedAt: string | null;
}

interface MemoryCompletion extends CompletionFacts {
  certificationId: number;
}

/** What the in-memory ledger wrote since it was loaded, for the bench's checks. */
export interface MemoryWrites {
  completionIds: number[];
  decidedPetitionIds: number[];
  decisionLogEntries: number;
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Loads what the four operations touch: the whole catalogue and the given certifications. */
async function readTables(sql: SqlClient, certificationIds: number[]) {
  const ids = certificationIds.length ? certificationIds.join(',') : '0';
  const q = (text: string) => sql.all<Row>(text);
  const [providers, providerPeriods, courses, coursePeriods, certifications] = await Promise.all([
    q('SELECT id, kind, name, status FROM provider'),
    q('SELECT provider_id, from_date, through_date FROM provider_approval_period'),
    q(
      'SELECT id, provider_id, code, title, ceu_hundredths, delivery_format, status, contact_hour_tenths FROM course ORDER BY id',
    ),
    q('SELECT course_id, from_date, through_date FROM course_approval_period'),
    q(`SELECT id, trainer_id, issued_on, cycle_starts_on, expires_on FROM certification WHERE id IN (${ids})`),
  ]);
  const trainerIds = certifications.map((c) => Number(c.trainer_id)).join(',') || '0';
  const [completions, petitions, used, cards, applications, maxIds] = await Promise.all([
    q(
      `SELECT id, certification_id, course_id, completed_on, credit_path, ceu_hundredths, title FROM completion WHERE certification_id IN (${ids}) ORDER BY id`,
    ),
    q(
      `SELECT id, certification_id, completion_id, status, requested_ceu_hundredths, awarded_ceu_hundredths, decided_at FROM petition WHERE certification_id IN (${ids}) ORDER BY id`,
    ),
    q(
      `SELECT a.certification_id, ac.completion_id FROM application_completion ac JOIN recertification_application a ON a.id = ac.application_id WHERE a.status = 'APPROVED' AND a.certification_id IN (${ids})`,
    ),
    q(
      `SELECT id, trainer_id, issued_on, expires_on, covers_adult_cpr, covers_aed, format FROM cpr_aed_credential WHERE trainer_id IN (${trainerIds})`,
    ),
    q(
      `SELECT certification_id, cycle_expires_on FROM recertification_application WHERE status <> 'REFUSED' AND certification_id IN (${ids})`,
    ),
    q('SELECT MAX(id) AS completion FROM completion'),
  ]);
  const [policy, schedules, waivers] = await Promise.all([
    sql.all<NonNullable<PolicyRows['policy']>>(POLICY_VERSION_SQL),
    sql.all<PolicyRows['schedules'][number]>(
      `SELECT effective_from, currency_code, recertification_fee_cents, late_fee_cents, additional_fee_cents FROM fee_schedule WHERE program_code = 'CPT' AND superseded_by_id IS NULL ORDER BY effective_from`,
    ),
    sql.all<PolicyRows['waivers'][number]>(
      "SELECT starts_on, lifted_on FROM hands_on_waiver WHERE program_code = 'CPT' AND superseded_by_id IS NULL ORDER BY starts_on",
    ),
  ]);
  return {
    providers,
    providerPeriods,
    courses,
    coursePeriods,
    certifications,
    completions,
    petitions,
    used,
    cards,
    applications,
    lastCompletionId: Number(maxIds[0]?.completion ?? 0),
    policy: policyFacts({ policy: policy[0] ?? null, schedules, waivers }),
  };
}

type Tables = Awaited<ReturnType<typeof readTables>>;

function toCompletion(r: Row): MemoryCompletion {
  return {
    id: Number(r.id),
    certificationId: Number(r.certification_id),
    courseId: r.course_id === null ? null : Number(r.course_id),
    completedOn: r.completed_on as string,
    creditPath: r.credit_path as CompletionFacts['creditPath'],
    ceuHundredths: Number(r.ceu_hundredths),
    title: r.title as string,
  };
}

function toPetition(r: Row): MemoryPetition {
  return {
    id: Number(r.id),
    certificationId: Number(r.certification_id),
    completionId: Number(r.completion_id),
    status: r.status as PetitionStatus,
    requestedCeuHundredths: Number(r.requested_ceu_hundredths),
    awardedCeuHundredths: r.awarded_ceu_hundredths === null ? null : Number(r.awarded_ceu_hundredths),
    decidedAt: (r.decided_at as string | null) ?? null,
  };
}

function toCard(r: Row): CprAedCard & { trainerId: number } {
  return {
    id: Number(r.id),
    trainerId: Number(r.trainer_id),
    issuedOn: r.issued_on as string,
    expiresOn: r.expires_on as string,
    coversAdultCpr: Boolean(r.covers_adult_cpr),
    coversAed: Boolean(r.covers_aed),
    format: r.format as CprAedCard['format'],
  };
}

const completionKey = (certificationId: number, courseId: number | null, completedOn: LocalDate) =>
  `${certificationId}:${courseId}:${completedOn}`;

/**
 * The ledger held in memory, loaded from the bench database at start: the catalogue (with the
 * nodes of its visible courses prepared once) and the certifications the bench works on.
 * Writes change the memory only.
 */
export class MemoryLedger {
  private readonly courses: Map<number, ReportedCourse>;
  private readonly catalogue: ReturnType<typeof catalogueNode>[];
  private readonly trainers: Set<number>;
  private readonly certifications: Map<number, CertificationFacts>;
  private readonly completions: Map<number, MemoryCompletion[]>;
  private readonly completionById: Map<number, MemoryCompletion>;
  private readonly completionKeys: Set<string>;
  private readonly petitions: Map<number, MemoryPetition[]>;
  private readonly petitionById: Map<number, MemoryPetition>;
  private readonly used: Map<number, Set<number>>;
  private readonly cards: Map<number, CprAedCard[]>;
  private readonly liveApplications: Set<string>;
  private readonly policy: PolicyFacts;
  private readonly decisionLog: object[] = [];
  private nextCompletionId: number;
  private readonly writes: { completionIds: number[]; decidedPetitionIds: number[] } = {
    completionIds: [],
    decidedPetitionIds: [],
  };

  private constructor(t: Tables) {
    const providerPeriods = groupBy(t.providerPeriods, (r) => Number(r.provider_id));
    const coursePeriods = groupBy(t.coursePeriods, (r) => Number(r.course_id));
    const providers = new Map(t.providers.map((p) => [Number(p.id), p]));
    this.courses = new Map(
      t.courses.map((c) => {
        const provider = providers.get(Number(c.provider_id)) as Row;
        const course = reportedCourseOf(
          c,
          provider,
          providerPeriods.get(Number(provider.id)) ?? [],
          coursePeriods.get(Number(c.id)) ?? [],
        );
        return [course.id, course];
      }),
    );
    this.catalogue = t.courses
      .filter((c) => c.status === 'APPROVED' && providers.get(Number(c.provider_id))?.status === 'APPROVED')
      .map((c) => {
        const course = this.courses.get(Number(c.id)) as ReportedCourse;
        const through = course.coursePeriods.reduce<string | null>(
          (last, p) => (last === null || (p.through ?? '') > last ? p.through : last),
          null,
        );
        return catalogueNode({
          id: course.id,
          code: c.code as string,
          title: course.title,
          ceuHundredths: course.ceuHundredths,
          deliveryFormat: c.delivery_format as string,
          approvedThrough: through,
          providerId: Number(c.provider_id),
          providerName: course.providerName,
        });
      });
    this.certifications = new Map(
      t.certifications.map((c) => [
        Number(c.id),
        {
          id: Number(c.id),
          trainerId: Number(c.trainer_id),
          issuedOn: c.issued_on as string,
          cycleStartsOn: c.cycle_starts_on as string,
          expiresOn: c.expires_on as string,
        },
      ]),
    );
    this.trainers = new Set([...this.certifications.values()].map((c) => c.trainerId));
    const completions = t.completions.map(toCompletion);
    this.completions = groupBy(completions, (c) => c.certificationId);
    this.completionById = new Map(completions.map((c) => [c.id, c]));
    this.completionKeys = new Set(completions.map((c) => completionKey(c.certificationId, c.courseId, c.completedOn)));
    const petitions = t.petitions.map(toPetition);
    this.petitions = groupBy(petitions, (p) => p.certificationId);
    this.petitionById = new Map(petitions.map((p) => [p.id, p]));
    this.used = new Map();
    for (const r of t.used) {
      const set = this.used.get(Number(r.certification_id)) ?? new Set<number>();
      set.add(Number(r.completion_id));
      this.used.set(Number(r.certification_id), set);
    }
    this.cards = groupBy(t.cards.map(toCard), (c) => c.trainerId);
    this.liveApplications = new Set(t.applications.map((a) => `${a.certification_id}:${a.cycle_expires_on}`));
    this.policy = t.policy;
    this.nextCompletionId = t.lastCompletionId + 1;
  }

  static async load(sql: SqlClient, certificationIds: number[]): Promise<MemoryLedger> {
    return new MemoryLedger(await readTables(sql, certificationIds));
  }

  hasTrainer = (id: number): boolean => this.trainers.has(id);

  /** The first courses of the public catalogue, oldest first. */
  cataloguePage(first: number) {
    return { nodes: this.catalogue.slice(0, first) };
  }

  transcript(identity: Identity, certificationGlobalId: string, today: LocalDate) {
    const id = fromGlobalId('Certification', certificationGlobalId);
    const certification = id ? this.certifications.get(id) : undefined;
    if (!certification || !canSeeTrainer(identity, certification.trainerId)) return null;
    return transcriptView({
      certification,
      completions: (this.completions.get(certification.id) ?? []).filter((c) => c.completedOn <= today),
      petitions: this.petitions.get(certification.id) ?? [],
      usedIds: this.used.get(certification.id) ?? new Set(),
      cards: (this.cards.get(certification.trainerId) ?? []).filter((c) => c.issuedOn <= today),
      policy: this.policy,
      alreadyApplied: this.liveApplications.has(`${certification.id}:${certification.expiresOn}`),
      today,
    });
  }

  /** CompletionService.selfReport on the memory: the same checks, then the new entry. */
  selfReport(
    identity: Identity,
    input: { certificationId?: string | null; courseId: string; completedOn: LocalDate },
    now: string,
  ): MemoryCompletion {
    const certificationId = input.certificationId ? fromGlobalId('Certification', input.certificationId) : null;
    const certification = certificationId ? this.certifications.get(certificationId) : undefined;
    if (!certification || !canSeeTrainer(identity, certification.trainerId)) {
      refuse('NOT_FOUND', 'No certification has this ID.');
    }
    const courseId = fromGlobalId('Course', input.courseId);
    const course = courseId ? this.courses.get(courseId) : undefined;
    checkReportedCourse(course, certification, input.completedOn, now.slice(0, 10));
    const reported = course as ReportedCourse;
    const key = completionKey(certification.id, reported.id, input.completedOn);
    if (this.completionKeys.has(key)) refuse('DUPLICATE_COMPLETION', 'This completion is already on the transcript.');
    const entry = selfReportedEntry(reported, input.completedOn);
    const completion: MemoryCompletion = {
      id: this.nextCompletionId++,
      certificationId: certification.id,
      courseId: reported.id,
      completedOn: input.completedOn,
      creditPath: entry.creditPath,
      ceuHundredths: entry.ceuHundredths,
      title: reported.title,
    };
    this.completionKeys.add(key);
    this.completionById.set(completion.id, completion);
    const list = this.completions.get(certification.id);
    if (list) list.push(completion);
    else this.completions.set(certification.id, [completion]);
    this.writes.completionIds.push(completion.id);
    return completion;
  }

  /** PetitionService.decide for an approval, on the memory. */
  approve(staffId: string, petitionGlobalId: string, now: string): MemoryPetition {
    const id = fromGlobalId('Petition', petitionGlobalId);
    const petition = id ? this.petitionById.get(id) : undefined;
    if (!petition) refuse('NOT_FOUND', 'No petition has this ID.');
    const awarded = approvalOf(petition);
    Object.assign(petition, { status: 'APPROVED', awardedCeuHundredths: awarded, decidedAt: now });
    const completion = this.completionById.get(petition.completionId);
    if (completion) completion.ceuHundredths = awarded;
    this.decisionLog.push({
      occurredAt: now,
      actorType: 'STAFF',
      actorId: staffId,
      action: 'PETITION_APPROVED',
      subjectType: 'Petition',
      subjectId: petition.id,
      details: approvalDetails(awarded, petition.completionId),
    });
    this.writes.decidedPetitionIds.push(petition.id);
    return petition;
  }

  writesSinceLoad(): MemoryWrites {
    return { ...this.writes, decisionLogEntries: this.decisionLog.length };
  }
}
