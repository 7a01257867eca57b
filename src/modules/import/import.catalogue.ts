import { In } from 'typeorm';
import { foldName } from '../../common/text';
import { UserErrorCode } from '../../common/user-errors';
import { insertMany, readInChunks } from '../../database/insert-many';
import { endOfYear, LocalDate, yearOf } from '../../rules/calendar';
import { programCeu } from '../../rules/policy';
import { CourseProgramApproval, ProviderProgram } from '../program/program.entity';
import { policyIn } from '../program/program.facts';
import { Period, periodHistoryProblem } from '../../rules/coverage';
import { CONTACT_HOURS_REFUSAL, contactHoursOf, parseCeu } from '../../rules/units';
import { Course, CourseApprovalPeriod, CourseTopic } from '../course/course.entity';
import { courseSearchText } from '../course/course.service';
import { Provider, ProviderApprovalPeriod } from '../provider/provider.entity';
import { ImportBatch, Item } from './import.batch';
import { ImportCourseInput, ImportPeriodInput, ImportProviderInput } from './import.inputs';
import { CourseTarget, ImportTargets, ProviderTarget } from './import.targets';

const periodsOf = (periods: ImportPeriodInput[] | null | undefined): Period[] =>
  (periods ?? []).map((p) => ({ from: p.from, through: p.through ?? null }));

/** Checks a history of periods; true when it is sound. */
function checkPeriods(batch: ImportBatch, item: Item<unknown>, field: string, periods: Period[]): boolean {
  const problem = periodHistoryProblem(periods);
  if (problem) {
    batch.fail(item, UserErrorCode.INVALID_DATES, `The ${field} do not fit together: ${problem}.`, field);
    return false;
  }
  const future = periods.findIndex((p) => p.from > batch.today);
  if (future >= 0) {
    batch.fail(item, UserErrorCode.FUTURE_DATE, 'A period cannot start after today.', field, String(future), 'from');
    return false;
  }
  return true;
}

interface ProviderWrite {
  item: Item<ImportProviderInput>;
  target: ProviderTarget;
  row: Partial<Provider>;
}

interface CourseWrite {
  item: Item<ImportCourseInput>;
  target: CourseTarget;
  row: Partial<Course>;
  topics: string[];
}

/** Providers and courses with the history of their approvals (R3, R4). */
export class CatalogueImport {
  private readonly providerWrites: ProviderWrite[] = [];
  private readonly courseWrites: CourseWrite[] = [];
  /** The programs each provider this call creates applied for. */
  private readonly providerPrograms = new Map<ProviderTarget, string[]>();

  constructor(
    private readonly batch: ImportBatch,
    private readonly targets: ImportTargets,
  ) {}

  async checkProviders(): Promise<void> {
    const { batch } = this;
    await this.targets.loadProviders(batch.unchanged<ImportProviderInput>('provider').map((i) => i.externalId));
    const fresh = batch.fresh<ImportProviderInput>('provider');
    const keys = fresh.map((i) => foldName(i.input.name));
    const taken = new Set(
      (await readInChunks([...new Set(keys)], (slice) => batch.em.findBy(Provider, { nameKey: In(slice) }))).map(
        (p) => p.nameKey,
      ),
    );
    const inCall = new Set<string>();
    fresh.forEach((item, n) => {
      const input = item.input;
      const kind = input.kind ?? 'PARTNER';
      const periods = periodsOf(input.approvedPeriods);
      if (!checkPeriods(batch, item, 'approvedPeriods', periods)) return;
      const last = periods[periods.length - 1];
      const open = last !== undefined && last.through === null;
      // A suspension ends coverage on its day (R3): a provider not approved now covers nothing after today.
      const runsOn = last !== undefined && (last.through === null || last.through > batch.today);
      if (kind === 'CERTIFYING_BODY' && input.status !== 'APPROVED') {
        batch.fail(item, UserErrorCode.INVALID_INPUT, 'The certifying body is always APPROVED.', 'status');
      } else if (kind === 'PARTNER' && input.status === 'APPROVED' && !open) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          'An APPROVED provider needs an approval period that is still open (no `through`).',
          'approvedPeriods',
        );
      } else if (input.status !== 'APPROVED' && runsOn) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          `A ${input.status} provider is not approved now: every approval period ends by today (\`through\` on or before ${batch.today}).`,
          'approvedPeriods',
        );
      } else if (input.status === 'SUSPENDED' && periods.length === 0) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          'A SUSPENDED provider was approved once: give its approval periods.',
          'approvedPeriods',
        );
      } else if ((input.status === 'PENDING' || input.status === 'REJECTED') && periods.length > 0) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          `A ${input.status} provider was never approved: it has no approval periods.`,
          'approvedPeriods',
        );
      }
      if (taken.has(keys[n]) || inCall.has(keys[n])) {
        batch.fail(item, UserErrorCode.DUPLICATE_PROVIDER, 'A provider with this name already exists.', 'name');
      }
      inCall.add(keys[n]);
      const programs = (input.programCodes?.length ? input.programCodes : [null]).map((code, i) => {
        const found = code === null ? this.targets.programs.default() : this.targets.programs.find(code);
        if (!found) {
          batch.fail(
            item,
            UserErrorCode.UNKNOWN_PROGRAM,
            `No credential program has the code "${code}".`,
            'programCodes',
            String(i),
          );
        }
        return found?.program.code ?? '';
      });
      if (batch.failed(item)) return;
      const target: ProviderTarget = { id: null, kind, name: input.name.trim(), periods };
      this.providerPrograms.set(target, [...new Set(programs)]);
      item.target = target;
      this.targets.providers.set(item.externalId, target);
      this.providerWrites.push({
        item,
        target,
        row: {
          kind,
          name: input.name.trim(),
          nameKey: keys[n],
          contactEmail: input.contactEmail.trim(),
          website: input.website ?? null,
          status: input.status,
          statusReason: input.statusReason ?? null,
          createdAt: batch.ctx.now,
          updatedAt: batch.ctx.now,
        },
      });
    });
  }

  async checkCourses(): Promise<void> {
    const { batch, targets } = this;
    await targets.loadCourses(batch.unchanged<ImportCourseInput>('course').map((i) => i.externalId));
    const fresh = batch.fresh<ImportCourseInput>('course');
    await targets.loadProviders(fresh.map((i) => i.input.providerExternalId.trim()));
    const existingProviderIds = [
      ...new Set(fresh.map((i) => targets.providers.get(i.input.providerExternalId.trim())?.id ?? null)),
    ].filter((id): id is number => id !== null);
    const takenCodes = new Set(
      (
        await readInChunks(existingProviderIds, (slice) =>
          batch.em.find(Course, { select: { providerId: true, code: true }, where: { providerId: In(slice) } }),
        )
      ).map((c) => `${c.providerId}:${c.code}`),
    );
    const inCall = new Map<ProviderTarget, Set<string>>();
    for (const item of fresh) {
      const input = item.input;
      const providerKey = input.providerExternalId.trim();
      const provider = targets.referenced<ProviderTarget>(item, 'PROVIDER', providerKey, 'providerExternalId');
      if (!provider) continue;
      const code = input.code.trim();
      const codes = inCall.get(provider) ?? new Set<string>();
      inCall.set(provider, codes);
      if (codes.has(code) || (provider.id !== null && takenCodes.has(`${provider.id}:${code}`))) {
        batch.fail(
          item,
          UserErrorCode.DUPLICATE_COURSE_CODE,
          'The provider already has a course with this code.',
          'code',
        );
      }
      codes.add(code);
      // A refused value fails the item; the rest of it is still checked, with the hours as 0.
      const tenths = contactHoursOf(input.contactHours) ?? 0;
      if (tenths === 0) {
        batch.fail(item, UserErrorCode.OUT_OF_RANGE, CONTACT_HOURS_REFUSAL, 'contactHours');
      }
      const periods = periodsOf(input.approvalPeriods);
      if (!checkPeriods(batch, item, 'approvalPeriods', periods)) continue;
      const open = periods.findIndex((p) => p.through === null || p.through > endOfYear(yearOf(p.from)));
      if (open >= 0) {
        batch.fail(
          item,
          UserErrorCode.INVALID_DATES,
          'A course approval covers days of one calendar year (R4): give each period a `through` in the year it starts.',
          'approvalPeriods',
          String(open),
          'through',
        );
        continue;
      }
      const approvedOnce = input.status === 'APPROVED' || input.status === 'RETIRED';
      if (approvedOnce && periods.length === 0) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          `A ${input.status} course was approved: give the periods its approvals covered.`,
          'approvalPeriods',
        );
      } else if (input.status === 'RETIRED' && periods.some((p) => (p.through as string) > batch.today)) {
        // Retirement ends coverage on its day (R4): a retired course covers nothing after today.
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          `A RETIRED course covers nothing new: every approval period ends by today (\`through\` on or before ${batch.today}).`,
          'approvalPeriods',
        );
      } else if (!approvedOnce && periods.length > 0) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          `A ${input.status} course was never approved: it has no approval periods.`,
          'approvalPeriods',
        );
      }
      if (!approvedOnce && input.ceuValue != null) {
        batch.fail(item, UserErrorCode.INVALID_INPUT, 'Only an approved course has a CEU value.', 'ceuValue');
      } else if (!approvedOnce && input.programs?.length) {
        batch.fail(item, UserErrorCode.INVALID_INPUT, 'Only an approved course is approved for programs.', 'programs');
      }
      const programs = approvedOnce ? this.coursePrograms(item, tenths, periods[0]?.from ?? batch.today) : [];
      const main = programs.find((p) => p.programCode === targets.programs.default().program.code);
      const ceu = main?.ceuHundredths ?? null;
      if (batch.failed(item)) continue;
      const target: CourseTarget = {
        id: null,
        provider,
        periods,
        status: input.status,
        title: input.title.trim(),
        contactHourTenths: tenths,
        ceuHundredths: ceu,
        programs,
      };
      item.target = target;
      targets.courses.set(item.externalId, target);
      this.courseWrites.push({
        item,
        target,
        topics: input.topics,
        row: {
          code,
          title: input.title.trim(),
          searchText: courseSearchText(code, input.title),
          description: input.description ?? null,
          deliveryFormat: input.deliveryFormat,
          contactHourTenths: tenths,
          ceuHundredths: ceu,
          status: input.status,
          decisionReason: input.decisionReason ?? null,
          renewalYear: null,
          createdAt: batch.ctx.now,
          updatedAt: batch.ctx.now,
        },
      });
    }
  }

  /**
   * An approved course's programs (the default one with `ceuValue` unless `programs` names
   * them), each with its CEU value (R2 by the program's rate by default) and category, from its
   * first approved day.
   */
  private coursePrograms(item: Item<ImportCourseInput>, tenths: number, from: LocalDate): CourseTarget['programs'] {
    const { batch, targets } = this;
    const input = item.input;
    const asked = input.programs?.length
      ? input.programs.map((p, i) => ({ ...p, at: ['programs', String(i)] }))
      : [{ programCode: null as string | null, ceuValue: input.ceuValue, categoryCode: null, at: [] as string[] }];
    const out: CourseTarget['programs'] = [];
    for (const p of asked) {
      const program = p.programCode === null ? targets.programs.default() : targets.programs.find(p.programCode);
      if (!program) {
        batch.fail(
          item,
          UserErrorCode.UNKNOWN_PROGRAM,
          `No credential program has the code "${p.programCode}".`,
          ...p.at,
          'programCode',
        );
        continue;
      }
      const policy = policyIn(program, from);
      const ceu = p.ceuValue != null ? parseCeu(p.ceuValue) : programCeu(tenths, policy);
      if (ceu === null || (p.ceuValue != null && ceu < 1)) {
        batch.fail(item, UserErrorCode.OUT_OF_RANGE, 'The CEU value must be from 0.01 to 99.99.', ...p.at, 'ceuValue');
        continue;
      }
      const categoryCode = p.categoryCode?.trim().toUpperCase() || null;
      const codes = policy.categories.map((c) => c.code);
      if (codes.length ? !categoryCode || !codes.includes(categoryCode) : categoryCode !== null) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          codes.length
            ? `${program.program.code} counts credit by category: name one of ${codes.join(', ')}.`
            : `${program.program.code} has no categories.`,
          ...p.at,
          'categoryCode',
        );
        continue;
      }
      if (out.some((o) => o.programCode === program.program.code)) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          `${program.program.code} is named twice.`,
          ...p.at,
          'programCode',
        );
        continue;
      }
      out.push({ programCode: program.program.code, ceuHundredths: ceu, categoryCode, approvedFrom: from });
    }
    return out;
  }

  async writeProviders(): Promise<void> {
    const em = this.batch.em;
    const ids = await insertMany(
      em,
      Provider,
      this.providerWrites.map((w) => w.row),
    );
    this.providerWrites.forEach((w, n) => (w.target.id = ids[n]));
    await insertMany(
      em,
      ProviderApprovalPeriod,
      this.providerWrites.flatMap((w) => w.target.periods.map((p) => ({ providerId: w.target.id as number, ...p }))),
    );
    await insertMany(
      em,
      ProviderProgram,
      this.providerWrites.flatMap((w) =>
        (this.providerPrograms.get(w.target) ?? []).map((programCode) => ({
          providerId: w.target.id as number,
          programCode,
          createdAt: this.batch.ctx.now,
        })),
      ),
    );
  }

  async writeCourses(): Promise<void> {
    const em = this.batch.em;
    const ids = await insertMany(
      em,
      Course,
      this.courseWrites.map((w) => ({ ...w.row, providerId: w.target.provider.id as number })),
    );
    this.courseWrites.forEach((w, n) => (w.target.id = ids[n]));
    await insertMany(
      em,
      CourseTopic,
      this.courseWrites.flatMap((w) => w.topics.map((topic) => ({ courseId: w.target.id as number, topic }) as never)),
    );
    await insertMany(
      em,
      CourseApprovalPeriod,
      this.courseWrites.flatMap((w) =>
        w.target.periods.map((p) => ({ courseId: w.target.id as number, from: p.from, through: p.through as string })),
      ),
    );
    await insertMany(
      em,
      CourseProgramApproval,
      this.courseWrites.flatMap((w) =>
        w.target.programs.map((p) => ({ courseId: w.target.id as number, ...p, createdAt: this.batch.ctx.now })),
      ),
    );
  }
}
