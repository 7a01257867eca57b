import { GraphQLSchema } from 'graphql';
import { buildSchema, ContainerType, getMetadataStorage } from 'type-graphql';
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
 * Plain fields (a property or getter, no field resolver) answer through graphql-js's default
 * resolver rather than type-graphql's per-field wrapper, which on a page of fifty courses is a
 * middleware chain per field per course for nothing: only a field that carries roles
 * (`@Authorized`) or middlewares keeps the wrapper. A field that chooses (`simple`) is left alone.
 */
function plainFieldsSimple(): void {
  const storage = getMetadataStorage();
  const guarded = new Map<unknown, Set<string>>();
  for (const { target, fieldName } of [...storage.authorizedFields, ...storage.middlewares]) {
    (guarded.get(target) ?? guarded.set(target, new Set()).get(target))?.add(fieldName);
  }
  for (const field of storage.fields) {
    const plain = field.schemaName === field.name && !guarded.get(field.target)?.has(field.name);
    if (field.simple === undefined && plain) field.simple = true;
  }
}

/**
 * The GraphQL schema, code-first. The container hands out resolver instances wired to services;
 * emitting `schema.graphql` needs none, since resolvers are only instantiated when called.
 */
export async function buildAppSchema(container?: ContainerType): Promise<GraphQLSchema> {
  plainFieldsSimple();
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
