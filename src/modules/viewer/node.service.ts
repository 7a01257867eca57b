import { NodeTypeName } from '../../common/ids';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import { CompletionService } from '../completion/completion.service';
import { CompletionReportService } from '../completion/completion-report.service';
import { CourseService } from '../course/course.service';
import { PetitionService } from '../petition/petition.service';
import { ProviderService } from '../provider/provider.service';
import { TrainerService } from '../trainer/trainer.service';
import { AuditService } from '../audit/audit.service';
import { RecertificationService } from '../recertification/recertification.service';
import { WebhookService } from '../webhook/webhook.service';

/** `node(id:)`: each type is fetched through its own service, so the access checks are the same. */
export class NodeService {
  constructor(
    private readonly providers: ProviderService,
    private readonly courses: CourseService,
    private readonly trainers: TrainerService,
    private readonly completions: CompletionService,
    private readonly reports: CompletionReportService,
    private readonly petitions: PetitionService,
    private readonly applications: RecertificationService,
    private readonly audits: AuditService,
    private readonly webhooks: WebhookService,
  ) {}

  async get(ctx: RequestContext, type: NodeTypeName, id: number): Promise<object | null> {
    switch (type) {
      case 'Provider':
        return this.providers.get(ctx, id);
      case 'Course':
        return this.courses.get(ctx, id);
      case 'Trainer':
        return this.trainers.get(ctx, id);
      case 'Certification':
        return this.trainers.certification(ctx, id);
      case 'Completion':
        return this.completions.get(ctx, id);
      case 'Petition':
        return this.petitions.get(ctx, id);
      case 'CprAedCredential': {
        const credential = await ctx.loaders.cprAedCredential.load(id);
        return credential && this.trainers.canSee(ctx, credential.trainerId) ? credential : null;
      }
      case 'DecisionLogEntry':
        return isStaff(ctx) ? ctx.loaders.decisionLogEntry.load(id) : null;
      case 'RecertificationApplication':
        return this.applications.get(ctx, id);
      case 'Audit':
        return this.audits.get(ctx, id);
      case 'FeeScheduleEntry':
        return ctx.loaders.feeSchedule.load(id);
      case 'HandsOnWaiverPeriod':
        return ctx.loaders.waiver.load(id);
      case 'CompletionReport':
        return this.reports.get(ctx, id);
      case 'ApiKey': {
        const key = await ctx.loaders.apiKey.load(id);
        return key && (isStaff(ctx) || key.providerId === providerIdOf(ctx)) ? key : null;
      }
      case 'WebhookEndpoint':
        return this.webhooks.endpoint(ctx, id);
      case 'WebhookDelivery':
        return this.webhooks.delivery(ctx, id);
      case 'WebhookEvent':
        return this.webhooks.event(ctx, id);
    }
  }
}
