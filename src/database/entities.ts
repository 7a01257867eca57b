import { IdempotencyRecord } from '../common/idempotency/idempotency.entity';
import { Completion } from '../modules/completion/completion.entity';
import { CompletionReport, ReportRowResult } from '../modules/completion/completion-report.entity';
import { Course, CourseApprovalPeriod, CourseTopic } from '../modules/course/course.entity';
import { CprAedCredential } from '../modules/cpr-aed/cpr-aed.entity';
import { DecisionLogEntry } from '../modules/decision-log/decision-log.entity';
import { Petition } from '../modules/petition/petition.entity';
import { Provider, ProviderApprovalPeriod } from '../modules/provider/provider.entity';
import { Certification, Trainer } from '../modules/trainer/trainer.entity';
import { CertificationPastCycle } from '../modules/trainer/past-cycle.entity';
import { ImportRef } from '../modules/import/import-ref.entity';
import { ApiKey } from '../modules/api-key/api-key.entity';
import { Audit, AuditDocument } from '../modules/audit/audit.entity';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from '../modules/policy/policy.entity';
import {
  CourseProgramApproval,
  Program,
  ProgramPolicyVersion,
  ProviderProgram,
} from '../modules/program/program.entity';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookScheduleMark } from '../modules/webhook/webhook.entity';
import { ApplicationCompletion, RecertificationApplication } from '../modules/recertification/recertification.entity';

export const ENTITIES = [
  Provider,
  ProviderApprovalPeriod,
  Course,
  CourseTopic,
  CourseApprovalPeriod,
  Trainer,
  Certification,
  CprAedCredential,
  Completion,
  Petition,
  DecisionLogEntry,
  IdempotencyRecord,
  Program,
  ProgramPolicyVersion,
  CourseProgramApproval,
  ProviderProgram,
  FeeScheduleEntry,
  HandsOnWaiverPeriod,
  RecertificationApplication,
  ApplicationCompletion,
  Audit,
  AuditDocument,
  ApiKey,
  CertificationPastCycle,
  ImportRef,
  CompletionReport,
  ReportRowResult,
  WebhookEvent,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookScheduleMark,
];
