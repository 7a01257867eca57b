/**
 * Events of recertification and of the calendar: applications and audits as they happen, and
 * what the dispatcher produces from the ledger's day (expiry reminders at the programs' offsets,
 * expiries, overdue audits), once per certification and offset however many instances run.
 */
import { approvedProvider, createCourse, createTrainer, TrainerFixture } from '../support/fixtures';
import { data, scriptedRandom, startTestApp, TestApp, usingPostgres } from '../support/harness';
import { onDay, selfReport } from '../support/ledger-fixtures';
import { applied, pdf, recordedCard, resolveAudit, submitAuditDocuments } from '../support/recertification-fixtures';
import { FAST_WEBHOOKS, WebhookReceiver } from '../support/webhook-receiver';

const TODAY = '2026-06-15';
const GOOD_CARD = { issuedOn: '2025-09-01', expiresOn: '2028-09-01' };

async function staffEndpoint(t: TestApp, url: string, eventTypes?: string[]): Promise<string> {
  const res = data(
    await t.gql<{ createWebhookEndpoint: { webhookEndpoint: { id: string }; secret: string } }>(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id } secret } }`,
      { input: { url, eventTypes } },
      'staff',
    ),
  );
  return res.createWebhookEndpoint.webhookEndpoint.id;
}

/** Lets the dispatcher run a few rounds, so that anything it would still send has been sent. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

describe('webhooks: applications and audits', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let courseId: string;

  beforeAll(async () => {
    // Draws for audit (R11): audited, not audited, audited, audited.
    t = await startTestApp({ today: TODAY, env: FAST_WEBHOOKS, random: scriptedRandom(0, 0.999999, 0, 0) });
    receiver = await WebhookReceiver.start();
    courseId = await onDay(t, '2026-01-02', async () =>
      createCourse(t, await approvedProvider(t), { contactHours: '19' }),
    );
    await staffEndpoint(t, receiver.url, [
      'APPLICATION_SUBMITTED',
      'APPLICATION_APPROVED',
      'APPLICATION_REFUSED',
      'AUDIT_SELECTED',
      'AUDIT_DOCUMENTS_RECEIVED',
      'AUDIT_RESOLVED',
      'AUDIT_OVERDUE',
    ]);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  async function ready(): Promise<TrainerFixture> {
    const trainer = await createTrainer(t, { expiresOn: '2026-08-31' });
    await selfReport(t, trainer, courseId, '2026-02-02');
    await recordedCard(t, trainer, GOOD_CARD);
    return trainer;
  }

  const typesFor = (certificationId: string) =>
    receiver.received.filter((r) => r.payload.data.certification === certificationId).map((r) => r.payload.type);

  it('an audited application: submitted, selected, documents received, resolved and approved', async () => {
    const trainer = await ready();
    const application = await applied(t, trainer);
    expect(application.audit).not.toBeNull();
    const docs = data(await submitAuditDocuments(t, application.audit!.id, [pdf()], { trainer: trainer.trainerId }));
    expect(docs.submitAuditDocuments.userErrors).toEqual([]);
    data(await resolveAudit(t, { auditId: application.audit!.id, outcome: 'PASS' }, 'staff'));
    await receiver.waitFor(1, (r) => r.payload.type === 'audit.resolved');
    expect(typesFor(trainer.certificationId)).toEqual([
      'application.submitted',
      'audit.selected',
      'audit.documents_received',
      'application.approved',
    ]);
    const resolved = receiver.ofType('audit.resolved').map((r) => r.payload.data);
    expect(resolved).toEqual([
      { audit: application.audit!.id, application: application.id, outcome: 'PASS', reason: null },
    ]);
    const selected = receiver.ofType('audit.selected').find((r) => r.payload.data.application === application.id)!;
    expect(selected.payload.data).toEqual({
      audit: application.audit!.id,
      application: application.id,
      certification: trainer.certificationId,
      documentsDueOn: application.audit!.documentsDueOn,
    });
    const approved = receiver
      .ofType('application.approved')
      .find((r) => r.payload.data.application === application.id)!;
    expect(approved.payload.data).toEqual({
      application: application.id,
      certification: trainer.certificationId,
      previousExpiresOn: '2026-08-31',
      newExpiresOn: '2028-08-31',
    });
  });

  it('an application not drawn for audit is submitted and approved at once', async () => {
    const trainer = await ready();
    const application = await applied(t, trainer);
    expect(application.audit).toBeNull();
    await receiver.waitFor(
      1,
      (r) => r.payload.type === 'application.approved' && r.payload.data.application === application.id,
    );
    expect(typesFor(trainer.certificationId)).toEqual(['application.submitted', 'application.approved']);
    expect(
      receiver.ofType('application.submitted').find((r) => r.payload.data.application === application.id)!.payload.data,
    ).toEqual({
      application: application.id,
      certification: trainer.certificationId,
      phase: 'ON_TIME',
      receivedOn: TODAY,
    });
  });

  it('a failed audit refuses the application with the reason', async () => {
    const trainer = await ready();
    const application = await applied(t, trainer);
    data(
      await resolveAudit(
        t,
        { auditId: application.audit!.id, outcome: 'FAIL', reason: 'Certificate not legible' },
        'staff',
      ),
    );
    await receiver.waitFor(1, (r) => r.payload.type === 'application.refused');
    expect(typesFor(trainer.certificationId)).toEqual([
      'application.submitted',
      'audit.selected',
      'application.refused',
    ]);
    expect(receiver.ofType('application.refused')[0].payload.data).toEqual({
      application: application.id,
      certification: trainer.certificationId,
      reason: 'Certificate not legible',
    });
  });

  it('an audit whose documents are not in by the due day is overdue, once', async () => {
    const trainer = await ready();
    const application = await applied(t, trainer);
    const due = application.audit!.documentsDueOn;
    t.clock.setToday(due);
    await settle();
    expect(receiver.ofType('audit.overdue')).toEqual([]);
    const after = new Date(Date.parse(`${due}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    t.clock.setToday(after);
    const [overdue] = await receiver.waitFor(1, (r) => r.payload.type === 'audit.overdue');
    expect(overdue.payload).toEqual({
      type: 'audit.overdue',
      timestamp: `${after}T12:00:00.000Z`,
      data: {
        audit: application.audit!.id,
        application: application.id,
        certification: trainer.certificationId,
        documentsDueOn: due,
      },
    });
    t.clock.setToday(new Date(Date.parse(`${after}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
    await settle();
    expect(receiver.ofType('audit.overdue')).toHaveLength(1);
    t.clock.setToday(TODAY);
  });
});

describe(`webhooks: expiry reminders and expiries, once${usingPostgres ? ' with two instances running' : ''}`, () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let soon: TrainerFixture;
  let quarter: TrainerFixture;
  let lapsed: TrainerFixture;
  let custom: string;
  let instances: TestApp[];

  beforeAll(async () => {
    // The first server only writes; two more run dispatchers, as two instances would.
    t = await startTestApp({ today: TODAY });
    receiver = await WebhookReceiver.start();
    soon = await createTrainer(t, { expiresOn: '2026-07-15' }); // 30 days
    quarter = await createTrainer(t, { expiresOn: '2026-09-13' }); // 90 days
    lapsed = await createTrainer(t, { expiresOn: '2026-06-10' }); // expired 5 days ago
    await createTrainer(t, { expiresOn: '2026-05-01' }); // expired long ago: not announced
    await createTrainer(t, { expiresOn: '2027-01-01' }); // far off
    const defined = data(
      await t.gql<{ defineProgram: { userErrors: unknown[] } }>(
        `mutation($input: DefineProgramInput!) { defineProgram(input: $input) { userErrors { code field message } } }`,
        {
          input: {
            code: 'RMD',
            name: 'Reminder test credential',
            reason: 'Reminders at its own offsets.',
            policy: {
              cycleMonths: 24,
              requiredCeu: '2.0',
              ceuPerContactHour: '0.1',
              petitionFee: '25.00',
              recertificationFee: '99.00',
              lateFee: '50.00',
              additionalFee: '50.00',
              reminderDays: [3, 45],
            },
          },
        },
        'staff',
      ),
    );
    expect(defined.defineProgram.userErrors).toEqual([]);
    const issued = data(
      await t.gql<{ issueCertification: { certification: { id: string } | null; userErrors: unknown[] } }>(
        `mutation($input: IssueCertificationInput!) { issueCertification(input: $input) { certification { id } userErrors { code message } } }`,
        {
          input: {
            programCode: 'RMD',
            issuedOn: '2024-07-20',
            expiresOn: '2026-07-20', // 35 days: the 45-day reminder
            trainer: { firstName: 'Rae', lastName: 'Minder', email: 'rae@coaches.example' },
          },
        },
        'staff',
      ),
    );
    expect(issued.issueCertification.userErrors).toEqual([]);
    custom = issued.issueCertification.certification!.id;
    await staffEndpoint(t, receiver.url, ['CERTIFICATION_EXPIRING', 'CERTIFICATION_EXPIRED']);
    // On PostgreSQL two instances look for due events at once; SQLite has one writing instance.
    instances = [await t.startSibling({ env: FAST_WEBHOOKS })];
    if (usingPostgres) instances.push(await t.startSibling({ env: FAST_WEBHOOKS }));
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const sent = () =>
    receiver.received.map((r) => [r.payload.type, r.payload.data.certification, r.payload.data.daysBefore ?? null]);

  it('on the day: the reminder each certification is due, at its program’s offsets, and the recent expiry', async () => {
    await receiver.waitFor(4);
    await settle();
    expect(sent().sort()).toEqual(
      [
        ['certification.expiring', soon.certificationId, 30],
        ['certification.expiring', quarter.certificationId, 90],
        ['certification.expiring', custom, 45],
        ['certification.expired', lapsed.certificationId, null],
      ].sort(),
    );
    const reminder = receiver.received.find((r) => r.payload.data.certification === soon.certificationId)!;
    expect(reminder.payload).toEqual({
      type: 'certification.expiring',
      timestamp: `${TODAY}T12:00:00.000Z`,
      data: {
        certification: soon.certificationId,
        trainer: soon.trainerId,
        programCode: 'CPT',
        expiresOn: '2026-07-15',
        daysBefore: 30,
        daysLeft: 30,
      },
    });
    expect(instances).toHaveLength(usingPostgres ? 2 : 1);
  });

  it('the next day brings nothing new; 7 days before, the last reminder; the day after expiry, the expiry', async () => {
    receiver.clear();
    t.clock.setToday('2026-06-16');
    await settle();
    expect(sent()).toEqual([]);
    t.clock.setToday('2026-07-08');
    await receiver.waitFor(1);
    await settle();
    expect(sent()).toEqual([['certification.expiring', soon.certificationId, 7]]);
    receiver.clear();
    t.clock.setToday('2026-07-16');
    await receiver.waitFor(2);
    await settle();
    expect(sent().sort()).toEqual(
      [
        ['certification.expired', soon.certificationId, null],
        ['certification.expiring', quarter.certificationId, 60],
      ].sort(),
    );
    // The custom program's 3-day reminder falls on 07-17.
    receiver.clear();
    t.clock.setToday('2026-07-17');
    await receiver.waitFor(1);
    await settle();
    expect(sent()).toEqual([['certification.expiring', custom, 3]]);
  });
});

const TWO_INSTANCES = usingPostgres
  ? 'webhooks: two instances share the outbox'
  : 'webhooks: two instances (skipped: PostgreSQL only; two processes writing one SQLite file fail with SQLITE_BUSY)';

(usingPostgres ? describe : describe.skip)(TWO_INSTANCES, () => {
  it('each delivery is taken by one instance at a time: every event arrives once', async () => {
    const t = await startTestApp({ today: TODAY });
    const receiver = await WebhookReceiver.start();
    try {
      await staffEndpoint(t, receiver.url, ['PROVIDER_APPROVED']);
      // A second endpoint, so that both instances have deliveries to take at once.
      const other = await WebhookReceiver.start();
      await staffEndpoint(t, other.url, ['PROVIDER_APPROVED']);
      receiver.answerWith(200);
      await t.startSibling({ env: FAST_WEBHOOKS });
      await t.startSibling({ env: FAST_WEBHOOKS });
      const providers = await Promise.all(Array.from({ length: 30 }, () => approvedProvider(t)));
      const got = await receiver.waitFor(30);
      const gotOther = await other.waitFor(30);
      await settle();
      for (const list of [receiver.received, other.received]) {
        expect(list).toHaveLength(30);
        expect(new Set(list.map((r) => r.headers['webhook-id'])).size).toBe(30);
        expect(new Set(list.map((r) => r.payload.data.provider))).toEqual(new Set(providers));
      }
      expect(got.length + gotOther.length).toBe(60);
      await other.close();
    } finally {
      await t.close();
      await receiver.close();
    }
  });
});
