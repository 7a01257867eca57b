import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/ids';
import { connectionType, PageArgs } from '../../common/pagination';
import { RequestContext } from '../../context';
import { Provider } from '../provider/provider.entity';
import { Completion } from './completion.entity';
import { CompletionReport, ReportRowResult } from './completion-report.entity';
import { CompletionReportService } from './completion-report.service';

export const CompletionReportConnection = connectionType(CompletionReport, 'CompletionReport');

@Resolver(() => CompletionReport)
export class CompletionReportResolver {
  constructor(private readonly reports: CompletionReportService) {}

  @Authorized('PROVIDER', 'STAFF')
  @Query(() => CompletionReportConnection, {
    description:
      'Reports made with reportCompletions, newest first: a provider’s own, or all for staff. Reports are kept ' +
      'COMPLETION_REPORT_RETENTION_DAYS days (default 400) after the day they were made.',
  })
  async completionReports(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('providerId', () => ID, {
      nullable: true,
      description: 'Staff: only this provider’s reports (prv_…). Ignored for providers, who see their own.',
    })
    providerId?: string | null,
  ) {
    return CompletionReportConnection.of(await this.reports.list(ctx, providerId, page));
  }

  @Authorized('PROVIDER', 'STAFF')
  @Query(() => CompletionReport, {
    nullable: true,
    description: 'One report with every row’s answer: the provider’s own, or any for staff; null otherwise.',
  })
  completionReport(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Report ID (rpt_…).' }) id: string) {
    const reportId = fromGlobalId('CompletionReport', id);
    return reportId ? this.reports.get(ctx, reportId) : null;
  }

  @FieldResolver(() => Provider, { description: 'The provider that made the report.' })
  provider(@Root() report: CompletionReport, @Ctx() ctx: RequestContext) {
    return ctx.loaders.provider.load(report.providerId);
  }

  @FieldResolver(() => [ReportRowResult], {
    description: 'Every row’s answer, in input order: at most 500, as many as the report had.',
  })
  rows(@Root() report: CompletionReport, @Ctx() ctx: RequestContext) {
    return this.reports.rows(ctx, report);
  }
}

@Resolver(() => ReportRowResult)
export class ReportRowResultResolver {
  @FieldResolver(() => Completion, {
    nullable: true,
    description: 'The transcript entry, for accepted and duplicate rows.',
  })
  completion(@Root() row: ReportRowResult, @Ctx() ctx: RequestContext) {
    return row.completionId === null ? null : ctx.loaders.completion.load(row.completionId);
  }
}
