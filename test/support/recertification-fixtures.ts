import { approvedProvider, createCourse, TrainerFixture } from './fixtures';
import { As, data, TestApp } from './harness';
import { onDay, UserErrorOut } from './ledger-fixtures';

/** A money amount as the API returns it. */
export interface MoneyOut {
  amount: string;
  currencyCode: string;
}

export interface FeeLineOut {
  kind: string;
  amount: MoneyOut;
}

export interface BlockerOut {
  code: string;
  message: string;
}

export const usd = (amount: string): MoneyOut => ({ amount, currencyCode: 'USD' });

/** The R8 fee lines of each phase under the CPT defaults (99.00, late 30.00, additional 50.00 USD). */
export const DEFAULT_FEES: Record<string, FeeLineOut[]> = {
  ON_TIME: [{ kind: 'RECERTIFICATION', amount: usd('99.00') }],
  LATE: [
    { kind: 'RECERTIFICATION', amount: usd('99.00') },
    { kind: 'LATE', amount: usd('30.00') },
  ],
  LATE_ADDITIONAL_FEE: [
    { kind: 'RECERTIFICATION', amount: usd('99.00') },
    { kind: 'LATE', amount: usd('30.00') },
    { kind: 'ADDITIONAL', amount: usd('50.00') },
  ],
  CLOSED: [],
};

export const QUOTE_FIELDS = `receivedOn phase fees { kind amount { amount currencyCode } }
  total { amount currencyCode } acceptable blockers { code message }`;

export const COMPLIANCE_FIELDS = `asOf status
  cycle { startsOn expiresOn courseworkDeadline }
  window { phase expiresOn lateFeeFrom courseworkDeadline additionalFeeFrom lastDayToApply closesOn }
  continuingEducation { earnedAutomatic earnedByPetition earned pending required remaining }
  cprAed { status counts reason advisories earned required credential { id issuedOn expiresOn format issuer } }
  totalEarned totalRequired
  quote { ${QUOTE_FIELDS} }
  acceptable blockers { code message }
  nextDeadline { date kind }`;

export interface QuoteOut {
  receivedOn: string;
  phase: string;
  fees: FeeLineOut[];
  total: MoneyOut;
  acceptable: boolean;
  blockers: BlockerOut[];
}

export interface ComplianceOut {
  asOf: string;
  status: string;
  cycle: { startsOn: string; expiresOn: string; courseworkDeadline: string };
  window: {
    phase: string;
    expiresOn: string;
    lateFeeFrom: string;
    courseworkDeadline: string;
    additionalFeeFrom: string;
    lastDayToApply: string;
    closesOn: string;
  };
  continuingEducation: {
    earnedAutomatic: string;
    earnedByPetition: string;
    earned: string;
    pending: string;
    required: string;
    remaining: string;
  };
  cprAed: {
    status: string;
    counts: boolean;
    reason: string;
    advisories: string[];
    earned: string;
    required: string;
    credential: { id: string; issuedOn: string; expiresOn: string; format: string; issuer: string } | null;
  };
  totalEarned: string;
  totalRequired: string;
  quote: QuoteOut;
  acceptable: boolean;
  blockers: BlockerOut[];
  nextDeadline: { date: string; kind: string } | null;
}

/** `transcript(certificationId) { compliance(asOf) }` as someone (raw response). */
export function transcriptComplianceQuery(t: TestApp, certificationId: string, as: As, asOf?: string) {
  return t.gql<{ transcript: { compliance: ComplianceOut } | null }>(
    `query($id: ID!, $asOf: Date) { transcript(certificationId: $id) { compliance(asOf: $asOf) { ${COMPLIANCE_FIELDS} } } }`,
    { id: certificationId, asOf: asOf ?? null },
    as,
  );
}

/** The trainer's own compliance on a date (default today), read through the transcript; must be visible. */
export async function complianceOf(t: TestApp, trainer: TrainerFixture, asOf?: string): Promise<ComplianceOut> {
  const res = data(await transcriptComplianceQuery(t, trainer.certificationId, { trainer: trainer.trainerId }, asOf));
  if (!res.transcript) throw new Error('transcript is null');
  return res.transcript.compliance;
}

/** `recertificationQuote(certificationId, receivedOn)` as someone (raw response). */
export function quoteQuery(t: TestApp, certificationId: string, receivedOn: string, as: As) {
  return t.gql<{ recertificationQuote: QuoteOut | null }>(
    `query($id: ID!, $on: Date!) { recertificationQuote(certificationId: $id, receivedOn: $on) { ${QUOTE_FIELDS} } }`,
    { id: certificationId, on: receivedOn },
    as,
  );
}

/** The trainer's own quote for a receipt date; must be visible. */
export async function quoteFor(t: TestApp, trainer: TrainerFixture, receivedOn: string): Promise<QuoteOut> {
  const res = data(await quoteQuery(t, trainer.certificationId, receivedOn, { trainer: trainer.trainerId }));
  if (!res.recertificationQuote) throw new Error('quote is null');
  return res.recertificationQuote;
}

export interface CertificationOut {
  id: string;
  expiresOn: string;
  cycleStartsOn: string;
  issuedOn: string;
  status: string;
}

/** The certification through `node(id)` as someone ('self': the trainer), with its status on a date (default today). */
export async function certificationOf(
  t: TestApp,
  trainer: TrainerFixture,
  on: string | null,
  as: As | 'self',
): Promise<CertificationOut | null> {
  return data(
    await t.gql<{ node: CertificationOut | null }>(
      `query($id: ID!, $on: Date) { node(id: $id) { ... on Certification { id expiresOn cycleStartsOn issuedOn status(on: $on) } } }`,
      { id: trainer.certificationId, on: on ?? null },
      as === 'self' ? { trainer: trainer.trainerId } : as,
    ),
  ).node;
}

export interface CardIn {
  issuer?: string;
  cardNumber?: string | null;
  issuedOn: string;
  expiresOn: string;
  coversAdultCpr?: boolean;
  coversAed?: boolean;
  format?: 'IN_PERSON' | 'BLENDED' | 'ONLINE_ONLY';
  trainerId?: string | null;
  idempotencyKey?: string;
}

export const CARD_FIELDS = `id issuer cardNumber issuedOn expiresOn coversAdultCpr coversAed format createdAt`;

export interface CardOut {
  id: string;
  issuer: string;
  cardNumber: string | null;
  issuedOn: string;
  expiresOn: string;
  coversAdultCpr: boolean;
  coversAed: boolean;
  format: string;
  createdAt: string;
}

/** `recordCprAedCredential` as someone ('self': the trainer), raw response. */
export async function recordCard(t: TestApp, trainer: TrainerFixture, card: CardIn, as: As | 'self') {
  const res = await t.gql<{ recordCprAedCredential: { credential: CardOut | null; userErrors: UserErrorOut[] } }>(
    `mutation($input: RecordCprAedCredentialInput!) {
      recordCprAedCredential(input: $input) { credential { ${CARD_FIELDS} } userErrors { code field message } }
    }`,
    {
      input: {
        issuer: 'American Red Cross',
        coversAdultCpr: true,
        coversAed: true,
        format: 'IN_PERSON',
        ...card,
      },
    },
    as === 'self' ? { trainer: trainer.trainerId } : as,
  );
  return res;
}

/** A card the trainer records through the API; must be accepted. */
export async function recordedCard(t: TestApp, trainer: TrainerFixture, card: CardIn): Promise<CardOut> {
  const payload = data(await recordCard(t, trainer, card, 'self')).recordCprAedCredential;
  if (!payload.credential) throw new Error(JSON.stringify(payload.userErrors));
  return payload.credential;
}

export interface FeeScheduleIn {
  effectiveFrom: string;
  recertificationFee: string;
  lateFee: string;
  additionalFee: string;
  currencyCode?: string;
  reason?: string;
}

/** `setFeeSchedule` as someone, raw response. */
export function setFeeSchedule(t: TestApp, input: FeeScheduleIn, as: As) {
  return t.gql<{
    setFeeSchedule: {
      feeSchedule: {
        id: string;
        effectiveFrom: string;
        recertificationFee: MoneyOut;
        lateFee: MoneyOut;
        additionalFee: MoneyOut;
      } | null;
      userErrors: UserErrorOut[];
    };
  }>(
    `mutation($input: SetFeeScheduleInput!) { setFeeSchedule(input: $input) {
      feeSchedule { id effectiveFrom recertificationFee { amount currencyCode } lateFee { amount currencyCode }
        additionalFee { amount currencyCode } }
      userErrors { code field message } } }`,
    { input },
    as,
  );
}

export interface WaiverIn {
  waiverId?: string;
  startsOn: string;
  liftedOn?: string | null;
  reason?: string;
}

/** `setHandsOnWaiver` as someone, raw response. */
export function setWaiver(t: TestApp, input: WaiverIn, as: As) {
  return t.gql<{
    setHandsOnWaiver: {
      waiver: { id: string; startsOn: string; liftedOn: string | null; reason: string | null } | null;
      userErrors: UserErrorOut[];
    };
  }>(
    `mutation($input: SetHandsOnWaiverInput!) { setHandsOnWaiver(input: $input) {
      waiver { id startsOn liftedOn reason } userErrors { code field message } } }`,
    { input },
    as,
  );
}

export interface DecisionOut {
  action: string;
  actorType: string;
  actorId: string;
  subject: string;
  subjectType: string;
  reason: string | null;
  details: Record<string, unknown>;
}

/** The decision log about one object (staff view), oldest first. */
export async function decisionsAbout(t: TestApp, subjectId: string): Promise<DecisionOut[]> {
  return data(
    await t.gql<{ decisionLog: { nodes: DecisionOut[] } }>(
      `query($id: ID!) { decisionLog(first: 100, filter: { subjectId: $id }) {
        nodes { action actorType actorId subject subjectType reason details } } }`,
      { id: subjectId },
      'staff',
    ),
  ).decisionLog.nodes;
}

export const APPLICATION_FIELDS = `id status phase receivedOn cycleExpiresOn newExpiresOn refusalReason
  submittedAt decidedAt continuingEducationCeu
  fees { kind amount { amount currencyCode } } feeTotal { amount currencyCode }
  certification { id expiresOn cycleStartsOn }
  audit { id status selectedOn documentsDueOn overdue reason }
  completions { id completedOn }`;

export interface ApplicationOut {
  id: string;
  status: string;
  phase: string;
  receivedOn: string;
  cycleExpiresOn: string;
  newExpiresOn: string | null;
  refusalReason: string | null;
  submittedAt: string;
  decidedAt: string | null;
  continuingEducationCeu: string;
  fees: FeeLineOut[];
  feeTotal: MoneyOut;
  certification: { id: string; expiresOn: string; cycleStartsOn: string };
  audit: {
    id: string;
    status: string;
    selectedOn: string;
    documentsDueOn: string;
    overdue: boolean;
    reason: string | null;
  } | null;
  completions: { id: string; completedOn: string }[];
}

export type SubmitPayload = { application: ApplicationOut | null; userErrors: UserErrorOut[] };

/** `submitRecertification` as someone ('self': the trainer), naming the trainer's certification unless told; raw response. */
export function submitRecertificationQuery(
  t: TestApp,
  trainer: TrainerFixture,
  input: { certificationId?: string | null; idempotencyKey?: string } = {},
  as: As | 'self',
) {
  return t.gql<{ submitRecertification: SubmitPayload }>(
    `mutation($input: SubmitRecertificationInput!) { submitRecertification(input: $input) {
      application { ${APPLICATION_FIELDS} } userErrors { code field message } } }`,
    { input: { certificationId: trainer.certificationId, ...input } },
    as === 'self' ? { trainer: trainer.trainerId } : as,
  );
}

/** The trainer applies (payload; the caller decides what to expect). */
export async function submitRecertification(
  t: TestApp,
  trainer: TrainerFixture,
  input: { certificationId?: string | null; idempotencyKey?: string } = {},
): Promise<SubmitPayload> {
  return data(await submitRecertificationQuery(t, trainer, input, 'self')).submitRecertification;
}

/** An application that must be accepted. */
export async function applied(t: TestApp, trainer: TrainerFixture): Promise<ApplicationOut> {
  const res = await submitRecertification(t, trainer);
  if (!res.application) throw new Error(JSON.stringify(res.userErrors));
  return res.application;
}

/** The applications a caller sees (all statuses), oldest first. */
export async function applicationsSeenBy(
  t: TestApp,
  as: As,
  filter: { status?: string; certificationId?: string } = {},
): Promise<{ totalCount: number; nodes: { id: string; status: string }[] }> {
  return data(
    await t.gql<{ recertificationApplications: { totalCount: number; nodes: { id: string; status: string }[] } }>(
      `query($filter: RecertificationApplicationFilter) {
        recertificationApplications(first: 100, filter: $filter) { totalCount nodes { id status } } }`,
      { filter },
      as,
    ),
  ).recertificationApplications;
}

export const AUDIT_FIELDS = `id status selectedOn documentsDueOn overdue reason resolvedAt
  documents { name mediaType sizeBytes sha256 location submittedAt }
  application { id status newExpiresOn refusalReason certification { expiresOn cycleStartsOn } }`;

export interface AuditOut {
  id: string;
  status: string;
  selectedOn: string;
  documentsDueOn: string;
  overdue: boolean;
  reason: string | null;
  resolvedAt: string | null;
  documents: {
    name: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    location: string;
    submittedAt: string;
  }[];
  application: {
    id: string;
    status: string;
    newExpiresOn: string | null;
    refusalReason: string | null;
    certification: { expiresOn: string; cycleStartsOn: string };
  };
}

export interface DocumentIn {
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  location: string;
}

export const SHA = 'AB'.repeat(32);

export const pdf = (name = 'certificate.pdf'): DocumentIn => ({
  name,
  mediaType: 'application/pdf',
  sizeBytes: 48_213,
  sha256: SHA,
  location: `https://files.example.test/audits/${name}`,
});

/** `submitAuditDocuments` as someone, raw response. */
export function submitAuditDocuments(t: TestApp, auditId: string, documents: DocumentIn[], as: As) {
  return t.gql<{ submitAuditDocuments: { audit: AuditOut | null; userErrors: UserErrorOut[] } }>(
    `mutation($input: SubmitAuditDocumentsInput!) { submitAuditDocuments(input: $input) {
      audit { ${AUDIT_FIELDS} } userErrors { code field message } } }`,
    { input: { auditId, documents } },
    as,
  );
}

/** `resolveAudit` as someone, raw response. */
export function resolveAudit(
  t: TestApp,
  input: { auditId: string; outcome: 'PASS' | 'FAIL'; reason?: string | null },
  as: As,
) {
  return t.gql<{ resolveAudit: { audit: AuditOut | null; userErrors: UserErrorOut[] } }>(
    `mutation($input: ResolveAuditInput!) { resolveAudit(input: $input) {
      audit { ${AUDIT_FIELDS} } userErrors { code field message } } }`,
    { input },
    as,
  );
}

/** The IDs of the audits a caller sees with a filter. */
export async function auditIdsSeenBy(
  t: TestApp,
  as: As,
  filter: { overdue?: boolean; status?: string } = {},
): Promise<string[]> {
  return data(
    await t.gql<{ audits: { nodes: { id: string }[] } }>(
      `query($filter: AuditFilter) { audits(first: 100, filter: $filter) { nodes { id } } }`,
      { filter },
      as,
    ),
  ).audits.nodes.map((a) => a.id);
}

/**
 * A catalogue for recertification tests: one provider approved on 2024-01-02 and, for each of
 * 2024, 2025 and 2026, courses approved on the first working day of the year (so each covers
 * that whole year) worth the CEU values asked for.
 */
export interface RecertCatalogue {
  providerId: string;
  /** course(year, ceu): a distinct course of that year worth `ceu` (e.g. "1.55"). */
  course(year: 2024 | 2025 | 2026, ceu: string): Promise<string>;
}

export async function recertCatalogue(t: TestApp): Promise<RecertCatalogue> {
  const providerId = await onDay(t, '2024-01-02', () => approvedProvider(t));
  const approvalDay = { 2024: '2024-01-02', 2025: '2025-01-02', 2026: '2026-01-02' } as const;
  return {
    providerId,
    course: (year, ceu) =>
      onDay(t, approvalDay[year], () => createCourse(t, providerId, { contactHours: '10', ceuValue: ceu })),
  };
}
