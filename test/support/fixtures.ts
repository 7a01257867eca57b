import { toGlobalId } from '../../src/common/ids';
import { foldName } from '../../src/common/text';
import { ENTITIES } from '../../src/database/entities';
import { Provider, ProviderApprovalPeriod } from '../../src/modules/provider/provider.entity';
import { Certification, Trainer } from '../../src/modules/trainer/trainer.entity';
import { trainerRow } from '../../src/modules/trainer/trainer.rows';
import { addMonths } from '../../src/rules/calendar';
import { data, HARNESS_STAFF, TestApp } from './harness';

let sequence = 0;
const next = () => ++sequence;

export interface TrainerFixture {
  trainerId: string;
  certificationId: string;
  number: string;
  firstName: string;
  lastName: string;
}

/**
 * A trainer with one CPT certification. Trainers come from the certification body's own
 * records; the fixture writes them directly (with the row every new trainer gets), so that a
 * test can give any dates, including cycles after a renewal.
 */
export async function createTrainer(
  t: TestApp,
  options: {
    firstName?: string;
    lastName?: string;
    expiresOn?: string;
    cycleStartsOn?: string;
    issuedOn?: string;
  } = {},
): Promise<TrainerFixture> {
  const n = next();
  const firstName = options.firstName ?? 'Alex';
  const lastName = options.lastName ?? `Trainer${n}`;
  const expiresOn = options.expiresOn ?? '2027-06-30';
  const cycleStartsOn = options.cycleStartsOn ?? addMonths(expiresOn, -24);
  const number = `CPT-${String(900000 + n)}`;
  const ids = await t.db.uow.run(async (em) => {
    const trainer = await em.insert(
      Trainer,
      trainerRow({ firstName, lastName, email: `trainer${n}.${Date.now()}@example.test` }, new Date().toISOString()),
    );
    const trainerId = trainer.identifiers[0].id as number;
    const cert = await em.insert(Certification, {
      trainerId,
      programCode: 'CPT',
      number,
      issuedOn: options.issuedOn ?? cycleStartsOn,
      cycleStartsOn,
      expiresOn,
      createdAt: new Date().toISOString(),
    });
    return { trainerId, certificationId: cert.identifiers[0].id as number };
  });
  return {
    trainerId: toGlobalId('Trainer', ids.trainerId),
    certificationId: toGlobalId('Certification', ids.certificationId),
    number,
    firstName,
    lastName,
  };
}

/** The certifying body, which exists from the start and is always approved. */
export async function createCertifyingBody(t: TestApp, name = 'Certifying Body'): Promise<string> {
  const id = await t.db.uow.run(async (em) => {
    const res = await em.insert(Provider, {
      kind: 'CERTIFYING_BODY',
      name,
      nameKey: foldName(name),
      contactEmail: 'ce@body.example',
      website: null,
      status: 'APPROVED',
      statusReason: null,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const providerId = res.identifiers[0].id as number;
    await em.insert(ProviderApprovalPeriod, { providerId, from: '2000-01-01', through: null });
    return providerId;
  });
  return toGlobalId('Provider', id);
}

/** A partner that applied and was approved by staff, through the API, on the server's today. */
export async function approvedProvider(t: TestApp, name = `Provider ${next()}`): Promise<string> {
  const applied = data(
    await t.gql<{ applyAsProvider: { provider: { id: string } } }>(
      `mutation($input: ApplyAsProviderInput!) { applyAsProvider(input: $input) { provider { id } userErrors { code } } }`,
      { input: { name, contactEmail: 'ce@partner.example' } },
    ),
  );
  const providerId = applied.applyAsProvider.provider.id;
  data(
    await t.gql(
      `mutation($input: ProviderDecisionInput!) { approveProvider(input: $input) { userErrors { code } } }`,
      { input: { providerId } },
      'staff',
    ),
  );
  return providerId;
}

export interface CourseOptions {
  code?: string;
  title?: string;
  contactHours?: string;
  topics?: string[];
  deliveryFormat?: string;
  ceuValue?: string | null;
  approve?: boolean;
}

/** A course registered by its provider and (by default) approved by staff on the server's today. */
export async function createCourse(t: TestApp, providerId: string, options: CourseOptions = {}): Promise<string> {
  const n = next();
  const registered = data(
    await t.gql<{ registerCourse: { course: { id: string } | null; userErrors: unknown[] } }>(
      `mutation($input: RegisterCourseInput!) { registerCourse(input: $input) { course { id } userErrors { code field message } } }`,
      {
        input: {
          code: options.code ?? `C-${n}`,
          title: options.title ?? `Course ${n}`,
          contactHours: options.contactHours ?? '10',
          topics: options.topics ?? ['PROGRAM_DESIGN'],
          deliveryFormat: options.deliveryFormat ?? 'LIVE_ONLINE',
        },
      },
      { provider: providerId },
    ),
  );
  if (!registered.registerCourse.course) throw new Error(JSON.stringify(registered.registerCourse.userErrors));
  const courseId = registered.registerCourse.course.id;
  if (options.approve !== false) {
    const reviewed = data(
      await t.gql<{ reviewCourse: { userErrors: unknown[] } }>(
        `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code message } } }`,
        { input: { courseId, decision: 'APPROVE', ceuValue: options.ceuValue ?? null } },
        'staff',
      ),
    );
    if (reviewed.reviewCourse.userErrors.length) throw new Error(JSON.stringify(reviewed.reviewCourse.userErrors));
  }
  return courseId;
}

/**
 * Every row of every table, in a stable order: compare two of them to prove nothing changed.
 * The API keys the harness creates for provider callers (and their log entries) are left out.
 */
export async function snapshot(t: TestApp): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const entity of ENTITIES) {
    const meta = t.db.writer.getMetadata(entity);
    if (meta.tableName === 'api_key') continue;
    const order = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, 'ASC']));
    let rows: unknown[] = await t.db.reader.getRepository(entity).find({ order: order as never });
    if (meta.tableName === 'decision_log_entry') {
      rows = rows.filter((r) => (r as { actorId: string }).actorId !== HARNESS_STAFF);
    }
    result[meta.tableName] = rows;
  }
  return result;
}
