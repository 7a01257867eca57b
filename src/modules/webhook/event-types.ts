import { registerEnumType } from 'type-graphql';

/**
 * The events ceu-ledger sends, one list: the GraphQL enum value a subscription names, the `type`
 * of the payload (dotted, as receivers route on it), what it means, and who may receive it
 * (PROVIDER: also the provider the event is about; STAFF: staff endpoints only).
 */
export enum WebhookEventType {
  COMPLETION_RECORDED = 'COMPLETION_RECORDED',
  COURSE_APPROVED = 'COURSE_APPROVED',
  COURSE_REJECTED = 'COURSE_REJECTED',
  COURSE_RENEWED = 'COURSE_RENEWED',
  COURSE_RETIRED = 'COURSE_RETIRED',
  PROVIDER_APPROVED = 'PROVIDER_APPROVED',
  PROVIDER_SUSPENDED = 'PROVIDER_SUSPENDED',
  PETITION_SUBMITTED = 'PETITION_SUBMITTED',
  PETITION_DECIDED = 'PETITION_DECIDED',
  APPLICATION_SUBMITTED = 'APPLICATION_SUBMITTED',
  APPLICATION_APPROVED = 'APPLICATION_APPROVED',
  APPLICATION_REFUSED = 'APPLICATION_REFUSED',
  AUDIT_SELECTED = 'AUDIT_SELECTED',
  AUDIT_DOCUMENTS_RECEIVED = 'AUDIT_DOCUMENTS_RECEIVED',
  AUDIT_RESOLVED = 'AUDIT_RESOLVED',
  AUDIT_OVERDUE = 'AUDIT_OVERDUE',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  CERTIFICATION_EXPIRING = 'CERTIFICATION_EXPIRING',
  CERTIFICATION_EXPIRED = 'CERTIFICATION_EXPIRED',
}

export interface EventTypeInfo {
  /** The payload's `type`. */
  wire: string;
  description: string;
  /** Whether the provider the event is about receives it on its own endpoints (else staff only). */
  provider: boolean;
}

export const EVENT_TYPES: Record<WebhookEventType, EventTypeInfo> = {
  COMPLETION_RECORDED: {
    wire: 'completion.recorded',
    description:
      'A completion went on a transcript (a provider report, a self-report, or the same course counted on the holder’s other certification), with its credit path.',
    provider: true,
  },
  COURSE_APPROVED: { wire: 'course.approved', description: 'Staff approved a course.', provider: true },
  COURSE_REJECTED: { wire: 'course.rejected', description: 'Staff rejected a course.', provider: true },
  COURSE_RENEWED: {
    wire: 'course.renewed',
    description: 'Staff decided a course’s renewal request (approved: a new approval period).',
    provider: true,
  },
  COURSE_RETIRED: { wire: 'course.retired', description: 'A course was retired.', provider: true },
  PROVIDER_APPROVED: { wire: 'provider.approved', description: 'Staff approved a provider.', provider: false },
  PROVIDER_SUSPENDED: { wire: 'provider.suspended', description: 'Staff suspended a provider.', provider: false },
  PETITION_SUBMITTED: {
    wire: 'petition.submitted',
    description: 'A trainer petitioned for credit (for a provider: a petition on one of its courses).',
    provider: true,
  },
  PETITION_DECIDED: {
    wire: 'petition.decided',
    description: 'Staff approved or denied a petition.',
    provider: true,
  },
  APPLICATION_SUBMITTED: {
    wire: 'application.submitted',
    description: 'A trainer applied for recertification.',
    provider: false,
  },
  APPLICATION_APPROVED: {
    wire: 'application.approved',
    description: 'A recertification application was approved: the certification has its new expiry.',
    provider: false,
  },
  APPLICATION_REFUSED: {
    wire: 'application.refused',
    description: 'A recertification application was refused after its audit.',
    provider: false,
  },
  AUDIT_SELECTED: {
    wire: 'audit.selected',
    description: 'An application was selected for audit.',
    provider: false,
  },
  AUDIT_DOCUMENTS_RECEIVED: {
    wire: 'audit.documents_received',
    description: 'The trainer sent the audit’s documents.',
    provider: false,
  },
  AUDIT_RESOLVED: { wire: 'audit.resolved', description: 'Staff passed or failed an audit.', provider: false },
  AUDIT_OVERDUE: {
    wire: 'audit.overdue',
    description: 'An audit’s documents were not received by the day they were due.',
    provider: false,
  },
  API_KEY_REVOKED: { wire: 'api_key.revoked', description: 'An API key was revoked.', provider: true },
  CERTIFICATION_EXPIRING: {
    wire: 'certification.expiring',
    description:
      'A certification expires in a number of days that is one of its program’s reminder offsets (by default 90, 60, 30 and 7).',
    provider: false,
  },
  CERTIFICATION_EXPIRED: {
    wire: 'certification.expired',
    description: 'A certification expired yesterday without being renewed.',
    provider: false,
  },
};

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'An event a webhook endpoint can subscribe to. The payload’s `type` is the dotted name given here.',
  valuesConfig: Object.fromEntries(
    Object.entries(EVENT_TYPES).map(([value, info]) => [
      value,
      { description: `\`${info.wire}\`: ${info.description}${info.provider ? '' : ' Staff endpoints only.'}` },
    ]),
  ),
});

/** The payload type of an event type, and back. */
export function wireType(type: WebhookEventType): string {
  return EVENT_TYPES[type].wire;
}
