/**
 * Baseline "raw SQL": a bare node:http server that answers the four bench operations, recognised
 * by their operation name, with hand-written SQL on the API's own driver (sqlite3, or pg when
 * DATABASE_URL is set) and the project's pure rule engine, writing the API's JSON shape. It is
 * what the operations cost without GraphQL, an ORM or a framework.
 *
 * Environment: PORT, SQLITE_PATH or DATABASE_URL, and the API's JWT settings.
 */
import { fromGlobalId } from '../src/common/ids';
import type { Identity } from '../src/common/identity';
import { CprAedCard } from '../src/rules/cpr-aed';
import { PetitionStatus } from '../src/rules/statuses';
import {
  BearerAuth,
  canSeeTrainer,
  errorReply,
  GraphqlRequest,
  json,
  parseGraphqlRequest,
  Reply,
  startServer,
  unauthenticated,
  runBaseline,
} from './baseline/http';
import {
  approvalDetails,
  approvalOf,
  catalogueNode,
  CertificationFacts,
  checkReportedCourse,
  CompletionFacts,
  completionView,
  PetitionFacts,
  petitionView,
  policyFacts,
  POLICY_VERSION_SQL,
  PolicyRows,
  Refusal,
  refuse,
  ReportedCourse,
  reportedCourseOf,
  selfReportedEntry,
  todayUtc,
  transcriptView,
} from './baseline/ledger';
import { openSqlClient, SqlClient, SqlTransaction } from './baseline/sql-client';

type Variables = Record<string, unknown>;
type Handler = (identity: Identity, variables: Variables) => Promise<Reply>;

const CATALOGUE_SQL = `SELECT c.id, c.code, c.title, c.ceu_hundredths, c.delivery_format, c.provider_id, p.name AS provider_name,
    (SELECT MAX(cap.through_date) FROM course_approval_period cap WHERE cap.course_id = c.id) AS approved_through
  FROM course c JOIN provider p ON p.id = c.provider_id
  WHERE c.status = 'APPROVED' AND p.status = 'APPROVED'
  ORDER BY c.id LIMIT ?`;

const CERTIFICATION_SQL =
  'SELECT id, trainer_id, issued_on, cycle_starts_on, expires_on FROM certification WHERE id = ?';

interface CertificationRow {
  id: number;
  trainer_id: number;
  issued_on: string;
  cycle_starts_on: string;
  expires_on: string;
}

function certificationFacts(row: CertificationRow): CertificationFacts {
  return {
    id: Number(row.id),
    trainerId: Number(row.trainer_id),
    issuedOn: row.issued_on,
    cycleStartsOn: row.cycle_starts_on,
    expiresOn: row.expires_on,
  };
}

const data = (value: Record<string, unknown>): Reply => json(200, { data: value });

function forbidden(field: string): Reply {
  return json(200, {
    errors: [{ message: 'Not allowed for this caller.', extensions: { code: 'FORBIDDEN' }, path: [field] }],
    data: null,
  });
}

class RawSqlLedger {
  constructor(private readonly sql: SqlClient) {}

  async catalogue(_identity: Identity, variables: Variables): Promise<Reply> {
    const rows = await this.sql.all<Record<string, unknown>>(CATALOGUE_SQL, [Number(variables.first ?? 20)]);
    const nodes = rows.map((r) =>
      catalogueNode({
        id: Number(r.id),
        code: r.code as string,
        title: r.title as string,
        ceuHundredths: r.ceu_hundredths === null ? null : Number(r.ceu_hundredths),
        deliveryFormat: r.delivery_format as string,
        approvedThrough: (r.approved_through as string | null) ?? null,
        providerId: Number(r.provider_id),
        providerName: r.provider_name as string,
      }),
    );
    return data({ courses: { nodes } });
  }

  async transcript(identity: Identity, variables: Variables): Promise<Reply> {
    const id = fromGlobalId('Certification', String(variables.certificationId));
    const [row] = id ? await this.sql.all<CertificationRow>(CERTIFICATION_SQL, [id]) : [];
    if (!row || !canSeeTrainer(identity, Number(row.trainer_id))) return data({ transcript: null });
    const certification = certificationFacts(row);
    const today = todayUtc();
    const [completions, petitions, usedIds, cards, policy, alreadyApplied] = await Promise.all([
      this.completions(certification.id, today),
      this.petitions(certification.id),
      this.usedCompletionIds(certification.id),
      this.cards(certification.trainerId, today),
      this.policy(),
      this.alreadyApplied(certification),
    ]);
    const view = transcriptView({
      certification,
      completions,
      petitions,
      usedIds,
      cards,
      policy,
      alreadyApplied,
      today,
    });
    return data({ transcript: view });
  }

  async reportCompletion(identity: Identity, variables: Variables): Promise<Reply> {
    if (identity.kind !== 'TRAINER' && identity.kind !== 'STAFF') return forbidden('reportCompletion');
    const input = variables.input as { certificationId?: string; courseId: string; completedOn: string };
    try {
      const completion = await this.sql.transaction((tx) => this.selfReport(tx, identity, input));
      return data({ reportCompletion: { completion: completionView(completion), userErrors: [] } });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return data({ reportCompletion: { completion: null, userErrors: [error.userError] } });
    }
  }

  async decidePetition(identity: Identity, variables: Variables): Promise<Reply> {
    if (identity.kind !== 'STAFF') return forbidden('decidePetition');
    const input = variables.input as { petitionId: string; decision: string };
    if (input.decision !== 'APPROVE') return errorReply(400, 'BAD_USER_INPUT', 'Only approvals are benchmarked.');
    try {
      const petition = await this.sql.transaction((tx) => this.approve(tx, identity.staffId, input.petitionId));
      return data({ decidePetition: { petition: petitionView(petition), userErrors: [] } });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return data({ decidePetition: { petition: null, userErrors: [error.userError] } });
    }
  }

  trainerExists = async (id: number): Promise<boolean> =>
    (await this.sql.all('SELECT id FROM trainer WHERE id = ?', [id])).length > 0;

  private async completions(certificationId: number, today: string): Promise<CompletionFacts[]> {
    const rows = await this.sql.all<Record<string, unknown>>(
      `SELECT id, course_id, completed_on, credit_path, ceu_hundredths, title FROM completion
        WHERE certification_id = ? AND completed_on <= ? ORDER BY id`,
      [certificationId, today],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      courseId: r.course_id === null ? null : Number(r.course_id),
      completedOn: r.completed_on as string,
      creditPath: r.credit_path as CompletionFacts['creditPath'],
      ceuHundredths: Number(r.ceu_hundredths),
      title: r.title as string,
    }));
  }

  private async petitions(certificationId: number): Promise<PetitionFacts[]> {
    const rows = await this.sql.all<Record<string, unknown>>(
      'SELECT id, completion_id, status, requested_ceu_hundredths FROM petition WHERE certification_id = ? ORDER BY id',
      [certificationId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      completionId: Number(r.completion_id),
      status: r.status as PetitionStatus,
      requestedCeuHundredths: Number(r.requested_ceu_hundredths),
    }));
  }

  private async usedCompletionIds(certificationId: number): Promise<Set<number>> {
    const rows = await this.sql.all<{ completion_id: number }>(
      `SELECT ac.completion_id FROM application_completion ac
        JOIN recertification_application a ON a.id = ac.application_id
        WHERE a.certification_id = ? AND a.status = 'APPROVED'`,
      [certificationId],
    );
    return new Set(rows.map((r) => Number(r.completion_id)));
  }

  private async cards(trainerId: number, today: string): Promise<CprAedCard[]> {
    const rows = await this.sql.all<Record<string, unknown>>(
      `SELECT id, issued_on, expires_on, covers_adult_cpr, covers_aed, format FROM cpr_aed_credential
        WHERE trainer_id = ? AND issued_on <= ?`,
      [trainerId, today],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      issuedOn: r.issued_on as string,
      expiresOn: r.expires_on as string,
      coversAdultCpr: Boolean(r.covers_adult_cpr),
      coversAed: Boolean(r.covers_aed),
      format: r.format as CprAedCard['format'],
    }));
  }

  private async policy() {
    const [policy, schedules, waivers] = await Promise.all([
      this.sql.all<NonNullable<PolicyRows['policy']>>(POLICY_VERSION_SQL),
      this.sql.all<PolicyRows['schedules'][number]>(
        `SELECT effective_from, currency_code, recertification_fee_cents, late_fee_cents, additional_fee_cents
          FROM fee_schedule WHERE program_code = 'CPT' AND superseded_by_id IS NULL ORDER BY effective_from`,
      ),
      this.sql.all<PolicyRows['waivers'][number]>(
        "SELECT starts_on, lifted_on FROM hands_on_waiver WHERE program_code = 'CPT' AND superseded_by_id IS NULL ORDER BY starts_on",
      ),
    ]);
    return policyFacts({ policy: policy[0] ?? null, schedules, waivers });
  }

  private async alreadyApplied(certification: CertificationFacts): Promise<boolean> {
    const rows = await this.sql.all(
      `SELECT id FROM recertification_application
        WHERE certification_id = ? AND cycle_expires_on = ? AND status <> 'REFUSED' LIMIT 1`,
      [certification.id, certification.expiresOn],
    );
    return rows.length > 0;
  }

  /** The checks and the insert of CompletionService.selfReport, in one transaction. */
  private async selfReport(
    tx: SqlTransaction,
    identity: Identity,
    input: { certificationId?: string; courseId: string; completedOn: string },
  ) {
    const certificationId = input.certificationId ? fromGlobalId('Certification', input.certificationId) : null;
    const [row] = certificationId ? await tx.all<CertificationRow>(CERTIFICATION_SQL, [certificationId]) : [];
    if (!row || !canSeeTrainer(identity, Number(row.trainer_id))) refuse('NOT_FOUND', 'No certification has this ID.');
    const certification = certificationFacts(row);
    const courseId = fromGlobalId('Course', input.courseId);
    const course = courseId ? await this.reportedCourse(tx, courseId) : null;
    const now = new Date().toISOString();
    checkReportedCourse(course, certification, input.completedOn, now.slice(0, 10));
    const reported = course as ReportedCourse;
    const duplicate = await tx.all(
      'SELECT id FROM completion WHERE certification_id = ? AND course_id = ? AND completed_on = ?',
      [certification.id, reported.id, input.completedOn],
    );
    if (duplicate.length) refuse('DUPLICATE_COMPLETION', 'This completion is already on the transcript.');
    const entry = selfReportedEntry(reported, input.completedOn);
    const id = await tx.insert(
      `INSERT INTO completion (certification_id, course_id, completed_on, source, credit_path, credit_reason,
        ceu_hundredths, title, provider_name, contact_hour_tenths, reported_by_provider_id, provider_confirmed,
        external_ref, created_at) VALUES (?, ?, ?, 'SELF_REPORTED', ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?)`,
      [
        certification.id,
        reported.id,
        input.completedOn,
        entry.creditPath,
        entry.creditReason,
        entry.ceuHundredths,
        reported.title,
        reported.providerName,
        reported.contactHourTenths,
        false,
        now,
      ],
    );
    return {
      id,
      completedOn: input.completedOn,
      creditPath: entry.creditPath,
      ceuHundredths: entry.ceuHundredths,
      title: reported.title,
    };
  }

  private async reportedCourse(tx: SqlTransaction, courseId: number): Promise<ReportedCourse | null> {
    const [row] = await tx.all<Record<string, unknown>>(
      `SELECT c.id, c.status, c.title, c.ceu_hundredths, c.contact_hour_tenths, c.provider_id, p.kind, p.name
        FROM course c JOIN provider p ON p.id = c.provider_id WHERE c.id = ?`,
      [courseId],
    );
    if (!row) return null;
    const providerPeriods = await tx.all<Record<string, unknown>>(
      'SELECT from_date, through_date FROM provider_approval_period WHERE provider_id = ?',
      [row.provider_id],
    );
    const coursePeriods = await tx.all<Record<string, unknown>>(
      'SELECT from_date, through_date FROM course_approval_period WHERE course_id = ?',
      [courseId],
    );
    return reportedCourseOf(row, row, providerPeriods, coursePeriods);
  }

  /** PetitionService.decide for an approval: conditional update, credit, decision log, one transaction. */
  private async approve(tx: SqlTransaction, staffId: string, globalId: string) {
    const id = fromGlobalId('Petition', globalId);
    const [row] = id
      ? await tx.all<Record<string, unknown>>(
          'SELECT id, completion_id, status, requested_ceu_hundredths FROM petition WHERE id = ?',
          [id],
        )
      : [];
    if (!row) refuse('NOT_FOUND', 'No petition has this ID.');
    const petition = {
      id: Number(row.id),
      completionId: Number(row.completion_id),
      status: row.status as PetitionStatus,
      requestedCeuHundredths: Number(row.requested_ceu_hundredths),
    };
    const awarded = approvalOf(petition);
    const now = new Date().toISOString();
    const changed = await tx.run(
      `UPDATE petition SET status = 'APPROVED', awarded_ceu_hundredths = ?, decision_reason = NULL, decided_at = ?
        WHERE id = ? AND status = ?`,
      [awarded, now, petition.id, petition.status],
    );
    if (changed !== 1) refuse('CONCURRENT_UPDATE', 'Another request changed this object first; read it again.');
    await tx.run('UPDATE completion SET ceu_hundredths = ? WHERE id = ?', [awarded, petition.completionId]);
    await tx.insert(
      `INSERT INTO decision_log_entry (occurred_at, actor_type, actor_id, action, subject_type, subject_id, reason, details)
        VALUES (?, 'STAFF', ?, 'PETITION_APPROVED', 'Petition', ?, NULL, ?)`,
      [now, staffId, petition.id, approvalDetails(awarded, petition.completionId)],
    );
    return { id: petition.id, status: 'APPROVED', awardedCeuHundredths: awarded, decidedAt: now };
  }
}

function handlersOf(ledger: RawSqlLedger): Record<string, Handler> {
  return {
    Catalogue: (i, v) => ledger.catalogue(i, v),
    Transcript: (i, v) => ledger.transcript(i, v),
    ReportCompletion: (i, v) => ledger.reportCompletion(i, v),
    DecidePetition: (i, v) => ledger.decidePetition(i, v),
  };
}

async function answerGraphql(
  ledger: RawSqlLedger,
  handlers: Record<string, Handler>,
  auth: BearerAuth,
  req: GraphqlRequest | null,
  authorization: string | undefined,
): Promise<Reply> {
  const handler = req?.operationName ? handlers[req.operationName] : undefined;
  if (!req || !handler) return errorReply(400, 'BAD_REQUEST', 'Unknown operation.');
  const identity = await auth.identify(authorization, ledger.trainerExists);
  if (!identity) return unauthenticated();
  return handler(identity, req.variables ?? {});
}

async function main(): Promise<SqlClient> {
  const sql = await openSqlClient();
  const ledger = new RawSqlLedger(sql);
  const handlers = handlersOf(ledger);
  const auth = new BearerAuth();
  await startServer(Number(process.env.PORT), {
    'POST /graphql': (req, body) =>
      answerGraphql(ledger, handlers, auth, parseGraphqlRequest(body), req.headers.authorization),
  });
  return sql;
}

runBaseline(main);
