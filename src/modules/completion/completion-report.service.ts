import { EntityManager, In } from 'typeorm';
import { fromGlobalId } from '../../common/ids';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import { Database } from '../../database/database';
import { insertMany } from '../../database/insert-many';
import { addDays, LocalDate } from '../../rules/calendar';
import { CompletionReport, ReportRowResult } from './completion-report.entity';

/**
 * Reports deleted by one reportCompletions call at most (each up to 500 rows): a backlog, e.g.
 * after the retention was shortened, drains over the next calls instead of in one long transaction.
 */
export const PURGE_BATCH = 20;

/** A row's answer as stored and replayed: everything but the keys the database gives it. */
export type ReportRowDraft = Omit<ReportRowResult, 'id' | 'reportId' | 'report' | 'countedCeu'>;

/** What a call of reportCompletions answers: the stored report's ID, its rows and their tallies. */
export interface ReportAnswer {
  reportId: number;
  rows: ReportRowResult[];
  acceptedCount: number;
  duplicateCount: number;
  rejectedCount: number;
}

export function tally(rows: readonly Pick<ReportRowDraft, 'status'>[]) {
  const count = (pick: (status: string) => boolean) => rows.filter((r) => pick(r.status)).length;
  return {
    acceptedCount: count((s) => s === 'ACCEPTED'),
    duplicateCount: count((s) => s === 'DUPLICATE'),
    rejectedCount: count((s) => s !== 'ACCEPTED' && s !== 'DUPLICATE'),
  };
}

/**
 * The reports providers made with reportCompletions: stored with the completions they recorded,
 * read by their provider and staff, and kept `retentionDays` days after the day they were made.
 * Reads stop showing a report the day after its retention ends; each reportCompletions call then
 * deletes up to PURGE_BATCH expired reports in its own unit of work (one statement when none is due).
 */
export class CompletionReportService {
  constructor(
    private readonly db: Database,
    private readonly retentionDays: number,
  ) {}

  /** The earliest day a report may have been made on and still be kept today. */
  private keptFrom(ctx: RequestContext): LocalDate {
    return addDays(ctx.today, -this.retentionDays);
  }

  private canSee(ctx: RequestContext, report: CompletionReport): boolean {
    if (report.reportedOn < this.keptFrom(ctx)) return false;
    return isStaff(ctx) || report.providerId === providerIdOf(ctx);
  }

  /** A report: its provider's own, or any for staff; null otherwise and once its retention has passed. */
  async get(ctx: RequestContext, id: number): Promise<CompletionReport | null> {
    const report = await ctx.loaders.completionReport.load(id);
    return report && this.canSee(ctx, report) ? report : null;
  }

  /** Reports newest first: a provider's own (whatever `providerId` says), or all for staff, or one provider's. */
  list(ctx: RequestContext, providerId: string | null | undefined, page: PageArgs): Promise<Page<CompletionReport>> {
    const query = this.db.reader
      .getRepository(CompletionReport)
      .createQueryBuilder('r')
      .where('r.reported_on >= :keptFrom', { keptFrom: this.keptFrom(ctx) });
    // An ID that names no provider matches nothing, as in the other lists.
    const named = providerId ? (fromGlobalId('Provider', providerId) ?? 0) : null;
    const provider = isStaff(ctx) ? named : (providerIdOf(ctx) ?? 0);
    if (provider !== null) query.andWhere('r.provider_id = :provider', { provider });
    return paginate(query, page, 'DESC');
  }

  /** The rows of a report, in input order (at most 500). */
  rows(ctx: RequestContext, report: CompletionReport): Promise<ReportRowResult[]> {
    return ctx.loaders.completionReportRows.load(report.id);
  }

  /** Stores a call's answer in the unit of work that recorded its completions: two statements. */
  async record(em: EntityManager, ctx: RequestContext, providerId: number, rows: ReportRowDraft[]): Promise<number> {
    const { identifiers } = await em.insert(CompletionReport, {
      providerId,
      reportedAt: ctx.now,
      reportedOn: ctx.today,
      rowCount: rows.length,
      ...tally(rows),
    });
    const reportId = identifiers[0].id as number;
    await insertMany(
      em,
      ReportRowResult,
      rows.map((row) => ({ ...row, reportId })),
    );
    return reportId;
  }

  /** Deletes up to PURGE_BATCH reports whose retention has passed, oldest first. */
  async purge(em: EntityManager, ctx: RequestContext): Promise<void> {
    const due = await em
      .createQueryBuilder(CompletionReport, 'r')
      .select('r.id', 'id')
      .where('r.reported_on < :keptFrom', { keptFrom: this.keptFrom(ctx) })
      .orderBy('r.reported_on', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(PURGE_BATCH)
      .getRawMany<{ id: number | string }>();
    if (!due.length) return;
    const ids = due.map((r) => Number(r.id));
    await em.delete(ReportRowResult, { reportId: In(ids) });
    await em.delete(CompletionReport, { id: In(ids) });
  }
}
