import { GraphQLSchema } from 'graphql';
import { buildSchema, ContainerType } from 'type-graphql';
import { applyMutationBoundary, applyQueryBoundary, authChecker } from './common/graphql-boundary';
import {
  CertificationCycleResolver,
  CertificationCyclesResolver,
  CompletionResolver,
} from './modules/completion/completion.resolver';
import { CompletionReportResolver, ReportRowResultResolver } from './modules/completion/completion-report.resolver';
import { CourseResolver } from './modules/course/course.resolver';
import { DecisionLogResolver } from './modules/decision-log/decision-log.resolver';
import { PetitionResolver } from './modules/petition/petition.resolver';
import { ProviderResolver } from './modules/provider/provider.resolver';
import { CertificationResolver, TrainerResolver } from './modules/trainer/trainer.resolver';
import { ViewerResolver } from './modules/viewer/viewer.resolver';
import { ApiKeyResolver } from './modules/api-key/api-key.resolver';
import { ImportResolver } from './modules/import/import.resolver';
import { AuditResolver } from './modules/audit/audit.resolver';
import { CprAedResolver } from './modules/cpr-aed/cpr-aed.resolver';
import { PolicyResolver } from './modules/policy/policy.resolver';
import { ProgramResolver } from './modules/program/program.resolver';
import {
  CertificationComplianceResolver,
  RecertificationResolver,
  TranscriptComplianceResolver,
} from './modules/recertification/recertification.resolver';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './modules/webhook/webhook.resolver';

export const RESOLVERS = [
  ViewerResolver,
  ProviderResolver,
  CourseResolver,
  TrainerResolver,
  CertificationResolver,
  CompletionResolver,
  CertificationCyclesResolver,
  CertificationCycleResolver,
  CompletionReportResolver,
  ReportRowResultResolver,
  PetitionResolver,
  DecisionLogResolver,
  PolicyResolver,
  ProgramResolver,
  RecertificationResolver,
  CertificationComplianceResolver,
  TranscriptComplianceResolver,
  AuditResolver,
  CprAedResolver,
  ApiKeyResolver,
  ImportResolver,
  WebhookEndpointResolver,
  WebhookDeliveryResolver,
] as const;

/**
 * The GraphQL schema, code-first. The container hands out resolver instances wired to services;
 * emitting `schema.graphql` needs none, since resolvers are only instantiated when called.
 */
export async function buildAppSchema(container?: ContainerType): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    container,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
  });
  applyMutationBoundary(schema);
  applyQueryBoundary(schema);
  const query = schema.getQueryType();
  if (query)
    query.description =
      'Read operations: the catalogue, transcripts and compliance, petitions, applications, audits, policy and the decision log.';
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      'Changes. Each takes one `input`, runs as one unit of work, and answers with a payload whose `userErrors` say why it was refused (nothing is changed then). Text must be well-formed Unicode (a lone UTF-16 surrogate is refused BAD_USER_INPUT) and is kept in Unicode normalisation form C (NFC).';
  }
  return schema;
}
