import { ContainerType } from 'type-graphql';
import { ApiKeyResolver } from './modules/api-key/api-key.resolver';
import { ApiKeyService } from './modules/api-key/api-key.service';
import { RandomSource } from './rules/audit';
import { AuditResolver } from './modules/audit/audit.resolver';
import { AuditService } from './modules/audit/audit.service';
import { CprAedResolver } from './modules/cpr-aed/cpr-aed.resolver';
import { CprAedService } from './modules/cpr-aed/cpr-aed.service';
import { PolicyResolver } from './modules/policy/policy.resolver';
import { PolicyService } from './modules/policy/policy.service';
import { ProgramResolver } from './modules/program/program.resolver';
import { ProgramService } from './modules/program/program.service';
import {
  CertificationComplianceResolver,
  RecertificationResolver,
  TranscriptComplianceResolver,
} from './modules/recertification/recertification.resolver';
import { RecertificationService } from './modules/recertification/recertification.service';
import { IdempotencyService } from './common/idempotency/idempotency.service';
import { Database } from './database/database';
import {
  CertificationCycleResolver,
  CertificationCyclesResolver,
  CompletionResolver,
} from './modules/completion/completion.resolver';
import { CompletionService } from './modules/completion/completion.service';
import { CompletionReportResolver, ReportRowResultResolver } from './modules/completion/completion-report.resolver';
import { CompletionReportService } from './modules/completion/completion-report.service';
import { DEFAULT_REPORT_RETENTION_DAYS, DEVELOPMENT_WEBHOOK_SECRET_KEY } from './config';
import { CourseResolver } from './modules/course/course.resolver';
import { CourseService } from './modules/course/course.service';
import { DecisionLogResolver } from './modules/decision-log/decision-log.resolver';
import { DecisionLogService } from './modules/decision-log/decision-log.service';
import { PetitionResolver } from './modules/petition/petition.resolver';
import { PetitionService } from './modules/petition/petition.service';
import { ProviderResolver } from './modules/provider/provider.resolver';
import { ProviderService } from './modules/provider/provider.service';
import { CertificationResolver, TrainerResolver } from './modules/trainer/trainer.resolver';
import { TrainerService } from './modules/trainer/trainer.service';
import { CertificationService } from './modules/trainer/certification.service';
import { NodeService } from './modules/viewer/node.service';
import { ViewerResolver } from './modules/viewer/viewer.resolver';
import { ImportResolver } from './modules/import/import.resolver';
import { ImportService } from './modules/import/import.service';
import { EventService } from './modules/webhook/event.service';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './modules/webhook/webhook.resolver';
import { WebhookSecrets } from './modules/webhook/webhook.secrets';
import { WebhookService } from './modules/webhook/webhook.service';

/** The service layer, wired once at start: stateless singletons that take the request context. */
/** Settings the services read, with their defaults (the server passes its config). */
export interface ServiceSettings {
  completionReportRetentionDays: number;
  /** Encrypts webhook signing secrets (WEBHOOK_SECRET_KEY). */
  webhookSecretKey: string;
  /** How long deliveries are retried (redelivery starts a fresh period). */
  webhookRetryForMs: number;
  /** Production: webhook endpoints must be https and public. */
  production: boolean;
}

const DEFAULT_SETTINGS: ServiceSettings = {
  completionReportRetentionDays: DEFAULT_REPORT_RETENTION_DAYS,
  webhookSecretKey: DEVELOPMENT_WEBHOOK_SECRET_KEY,
  webhookRetryForMs: 3 * 86_400_000,
  production: false,
};

export function createServices(db: Database, random?: RandomSource, settings: ServiceSettings = DEFAULT_SETTINGS) {
  const events = new EventService();
  const decisions = new DecisionLogService(db, events);
  const idempotency = new IdempotencyService();
  const trainers = new TrainerService(db, decisions);
  const certifications = new CertificationService(db, trainers, decisions, idempotency);
  const providers = new ProviderService(db, decisions, idempotency);
  const courses = new CourseService(db, decisions, idempotency);
  const completionReports = new CompletionReportService(db, settings.completionReportRetentionDays);
  const completions = new CompletionService(db, trainers, idempotency, completionReports, events);
  const programs = new ProgramService(db, decisions);
  const policies = new PolicyService(db, decisions, programs);
  const petitions = new PetitionService(db, trainers, decisions, idempotency);
  const recertification = new RecertificationService(db, trainers, decisions, idempotency, random);
  const audits = new AuditService(db, trainers, recertification, decisions);
  const cprAed = new CprAedService(db, idempotency);
  const apiKeys = new ApiKeyService(db, decisions);
  const imports = new ImportService(db, decisions);
  const webhooks = new WebhookService(db, decisions, new WebhookSecrets(settings.webhookSecretKey), {
    retryForMs: settings.webhookRetryForMs,
    production: settings.production,
  });
  const nodes = new NodeService(
    providers,
    courses,
    trainers,
    completions,
    completionReports,
    petitions,
    recertification,
    audits,
    webhooks,
  );
  return {
    events,
    webhooks,
    decisions,
    idempotency,
    trainers,
    certifications,
    providers,
    courses,
    completions,
    completionReports,
    petitions,
    programs,
    policies,
    recertification,
    audits,
    cprAed,
    apiKeys,
    imports,
    nodes,
  };
}

export type Services = ReturnType<typeof createServices>;

/** Hands type-graphql the resolver instances, each given the services it adapts. */
export function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, object>([
    [ViewerResolver, new ViewerResolver(services.nodes)],
    [ProviderResolver, new ProviderResolver(services.providers)],
    [CourseResolver, new CourseResolver(services.courses)],
    [TrainerResolver, new TrainerResolver(services.trainers)],
    [CertificationResolver, new CertificationResolver(services.trainers, services.certifications)],
    [CompletionResolver, new CompletionResolver(services.completions)],
    [CertificationCyclesResolver, new CertificationCyclesResolver(services.completions)],
    [CertificationCycleResolver, new CertificationCycleResolver()],
    [CompletionReportResolver, new CompletionReportResolver(services.completionReports)],
    [ReportRowResultResolver, new ReportRowResultResolver()],
    [PetitionResolver, new PetitionResolver(services.petitions)],
    [DecisionLogResolver, new DecisionLogResolver(services.decisions)],
    [PolicyResolver, new PolicyResolver(services.policies, services.programs)],
    [ProgramResolver, new ProgramResolver(services.programs)],
    [RecertificationResolver, new RecertificationResolver(services.recertification)],
    [CertificationComplianceResolver, new CertificationComplianceResolver(services.recertification)],
    [TranscriptComplianceResolver, new TranscriptComplianceResolver(services.recertification)],
    [AuditResolver, new AuditResolver(services.audits)],
    [CprAedResolver, new CprAedResolver(services.cprAed)],
    [ApiKeyResolver, new ApiKeyResolver(services.apiKeys)],
    [ImportResolver, new ImportResolver(services.imports)],
    [WebhookEndpointResolver, new WebhookEndpointResolver(services.webhooks)],
    [WebhookDeliveryResolver, new WebhookDeliveryResolver(services.webhooks)],
  ]);
  return {
    get(someClass) {
      const instance = instances.get(someClass);
      if (!instance) throw new Error(`no resolver instance for ${String((someClass as { name?: string }).name)}`);
      return instance;
    },
  };
}
