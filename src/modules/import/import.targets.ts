import { In } from 'typeorm';
import { UserErrorCode } from '../../common/user-errors';
import { readInChunks } from '../../database/insert-many';
import { normalizeCertificationNumber } from '../../rules/certification';
import { LocalDate } from '../../rules/calendar';
import { CreditFacts, Period, programCoverage } from '../../rules/coverage';
import { CourseProgramApproval } from '../program/program.entity';
import { ProgramCatalog } from '../program/program.facts';
import { CreditPath } from '../../rules/coverage';
import { Completion } from '../completion/completion.entity';
import { Course, CourseApprovalPeriod, CourseStatus } from '../course/course.entity';
import { Provider, ProviderApprovalPeriod, ProviderKind } from '../provider/provider.entity';
import { CertificationPastCycle } from '../trainer/past-cycle.entity';
import { Certification } from '../trainer/trainer.entity';
import { ImportBatch, Item, Target } from './import.batch';

export interface ProviderTarget extends Target {
  kind: ProviderKind;
  name: string;
  periods: Period[];
}

export interface CourseTarget extends Target {
  provider: ProviderTarget;
  periods: Period[];
  status: CourseStatus;
  title: string;
  contactHourTenths: number;
  ceuHundredths: number | null;
  /** Its approvals per program (R3 per program). */
  programs: { programCode: string; ceuHundredths: number; categoryCode: string | null; approvedFrom: LocalDate }[];
}

export interface TrainerTarget extends Target {
  /** Hash of the holder as imported, to tell the same person from a clash. */
  hash: string;
}

/** A span of a certification's history: an earlier cycle or the current one. */
export interface CycleSpan {
  startsOn: LocalDate;
  expiresOn: LocalDate;
}

export interface CertificationTarget extends Target {
  /** The holder: a trainer row ID, or the trainer this call creates. */
  trainer: Target;
  programCode: string;
  issuedOn: LocalDate;
  /** Every cycle, oldest first; the last is the current one. */
  cycles: CycleSpan[];
}

export interface CompletionTarget extends Target {
  certification: CertificationTarget;
  completedOn: LocalDate;
  creditPath: CreditPath;
  contactHourTenths: number;
  /** CEUs it earns when it counts; an approved petition in the same call sets it. */
  ceuHundredths: number;
  /** Set for a completion this call creates: the row still to write. */
  row?: Partial<Completion>;
}

/** R3 facts of a course for a program: its periods from the program's approval on. */
export function creditFacts(course: CourseTarget, programCode: string): CreditFacts {
  const approval = course.programs.find((p) => p.programCode === programCode);
  return {
    providerKind: course.provider.kind,
    providerPeriods: course.provider.periods,
    coursePeriods: programCoverage(course.periods, approval?.approvedFrom ?? null),
  };
}

/**
 * What the records of one call create or refer to, by the key other records use: external ID
 * (certifications by number). Targets not created in this call are read from the database, in
 * one statement or a few per kind, whatever the number of records.
 */
export class ImportTargets {
  readonly providers = new Map<string, ProviderTarget>();
  readonly courses = new Map<string, CourseTarget>();
  readonly trainers = new Map<string, TrainerTarget>();
  readonly certifications = new Map<string, CertificationTarget>();
  readonly completions = new Map<string, CompletionTarget>();
  /** The credential programs, read once a call. */
  programs!: ProgramCatalog;
  /** Certification rows of the database, by number, read with `loadCertifications`. */
  readonly certificationRows = new Map<string, Certification>();

  constructor(private readonly batch: ImportBatch) {}

  /** Reads the credential programs the records may name. */
  async loadPrograms(): Promise<void> {
    this.programs = await ProgramCatalog.read(this.em);
  }

  /** The certification a record names by number; the record is refused when there is none. */
  certificationFor(item: Item<unknown>, number: string): CertificationTarget | undefined {
    const found = this.certifications.get(normalizeCertificationNumber(number));
    if (!found) {
      this.batch.fail(
        item,
        UserErrorCode.UNKNOWN_CERTIFICATION,
        'No certification has this number.',
        'certificationNumber',
      );
    }
    return found;
  }

  /**
   * The record another record names by external ID (of this call or an earlier import); the
   * record is refused at `field` when there is none.
   */
  referenced<T>(
    item: Item<unknown>,
    kind: 'PROVIDER' | 'COURSE' | 'COMPLETION',
    externalId: string,
    ...field: string[]
  ): T | undefined {
    const targets = { PROVIDER: this.providers, COURSE: this.courses, COMPLETION: this.completions }[kind];
    const found = targets.get(externalId) as T | undefined;
    if (!found) {
      const what = kind.toLowerCase();
      this.batch.fail(
        item,
        UserErrorCode.UNKNOWN_REFERENCE,
        this.batch.unknownReference(kind, externalId, what),
        ...field,
      );
    }
    return found;
  }

  private get em() {
    return this.batch.em;
  }

  /** Providers imported earlier, by external ID. */
  async loadProviders(externalIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(externalIds)].filter((id) => !this.providers.has(id));
    await this.batch.loadRefs('PROVIDER', wanted);
    const byRow = new Map<number, string>();
    for (const id of wanted) {
      const ref = this.batch.ref('PROVIDER', id);
      if (ref) byRow.set(ref.entityId, id);
    }
    const rowIds = [...byRow.keys()];
    const rows = await readInChunks(rowIds, (slice) => this.em.findBy(Provider, { id: In(slice) }));
    const periods = await readInChunks(rowIds, (slice) =>
      this.em.findBy(ProviderApprovalPeriod, { providerId: In(slice) }),
    );
    for (const row of rows) {
      this.providers.set(byRow.get(row.id) as string, {
        id: row.id,
        kind: row.kind,
        name: row.name,
        periods: periods.filter((p) => p.providerId === row.id).map(({ from, through }) => ({ from, through })),
      });
    }
  }

  /** Courses imported earlier, by external ID, with their providers. */
  async loadCourses(externalIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(externalIds)].filter((id) => !this.courses.has(id));
    await this.batch.loadRefs('COURSE', wanted);
    const byRow = new Map<number, string>();
    for (const id of wanted) {
      const ref = this.batch.ref('COURSE', id);
      if (ref) byRow.set(ref.entityId, id);
    }
    const rowIds = [...byRow.keys()];
    const rows = await readInChunks(rowIds, (slice) => this.em.findBy(Course, { id: In(slice) }));
    const periods = await readInChunks(rowIds, (slice) =>
      this.em.findBy(CourseApprovalPeriod, { courseId: In(slice) }),
    );
    const approvals = await readInChunks(rowIds, (slice) =>
      this.em.findBy(CourseProgramApproval, { courseId: In(slice) }),
    );
    const providerIds = [...new Set(rows.map((r) => r.providerId))];
    const providerRows = await readInChunks(providerIds, (slice) => this.em.findBy(Provider, { id: In(slice) }));
    const providerPeriods = await readInChunks(providerIds, (slice) =>
      this.em.findBy(ProviderApprovalPeriod, { providerId: In(slice) }),
    );
    const providers = new Map<number, ProviderTarget>();
    for (const p of providerRows) {
      const known = [...this.providers.values()].find((t) => t.id === p.id);
      providers.set(
        p.id,
        known ?? {
          id: p.id,
          kind: p.kind,
          name: p.name,
          periods: providerPeriods.filter((x) => x.providerId === p.id).map(({ from, through }) => ({ from, through })),
        },
      );
    }
    for (const row of rows) {
      this.courses.set(byRow.get(row.id) as string, {
        id: row.id,
        provider: providers.get(row.providerId) as ProviderTarget,
        periods: periods.filter((p) => p.courseId === row.id).map(({ from, through }) => ({ from, through })),
        status: row.status,
        title: row.title,
        contactHourTenths: row.contactHourTenths,
        ceuHundredths: row.ceuHundredths,
        programs: approvals
          .filter((a) => a.courseId === row.id)
          .map(({ programCode, ceuHundredths, categoryCode, approvedFrom }) => ({
            programCode,
            ceuHundredths,
            categoryCode,
            approvedFrom,
          })),
      });
    }
  }

  /** Certifications of the database by number (however they entered), with their cycles. */
  async loadCertifications(numbers: Iterable<string>): Promise<void> {
    const wanted = [...new Set(numbers)].filter((n) => !this.certificationRows.has(n) && !this.certifications.has(n));
    const rows = await readInChunks(wanted, (slice) => this.em.findBy(Certification, { number: In(slice) }));
    const past = await readInChunks(
      rows.map((r) => r.id),
      (slice) =>
        this.em.find(CertificationPastCycle, { where: { certificationId: In(slice) }, order: { expiresOn: 'ASC' } }),
    );
    for (const row of rows) {
      this.certificationRows.set(row.number, row);
      this.certifications.set(row.number, {
        id: row.id,
        trainer: { id: row.trainerId },
        programCode: row.programCode,
        issuedOn: row.issuedOn,
        cycles: [
          ...past
            .filter((p) => p.certificationId === row.id)
            .map(({ startsOn, expiresOn }) => ({ startsOn, expiresOn })),
          { startsOn: row.cycleStartsOn, expiresOn: row.expiresOn },
        ],
      });
    }
  }

  /** Completions imported earlier, by external ID, with their certifications. */
  async loadCompletions(externalIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(externalIds)].filter((id) => !this.completions.has(id));
    await this.batch.loadRefs('COMPLETION', wanted);
    const byRow = new Map<number, string>();
    for (const id of wanted) {
      const ref = this.batch.ref('COMPLETION', id);
      if (ref) byRow.set(ref.entityId, id);
    }
    const rows = await readInChunks([...byRow.keys()], (slice) => this.em.findBy(Completion, { id: In(slice) }));
    const certificationIds = [...new Set(rows.map((r) => r.certificationId))];
    const known = new Map([...this.certifications.values()].map((c) => [c.id, c]));
    const missing = certificationIds.filter((id) => !known.has(id));
    const certifications = await readInChunks(missing, (slice) => this.em.findBy(Certification, { id: In(slice) }));
    await this.loadCertifications(certifications.map((c) => c.number));
    for (const c of this.certifications.values()) if (c.id !== null) known.set(c.id, c);
    for (const row of rows) {
      this.completions.set(byRow.get(row.id) as string, {
        id: row.id,
        certification: known.get(row.certificationId) as CertificationTarget,
        completedOn: row.completedOn,
        creditPath: row.creditPath,
        contactHourTenths: row.contactHourTenths,
        ceuHundredths: row.ceuHundredths,
      });
    }
  }
}
