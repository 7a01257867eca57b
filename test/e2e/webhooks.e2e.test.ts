/**
 * Webhooks end to end, against a real local receiver, on the database under test: events from
 * state changes, Standard Webhooks signatures checked with the `standardwebhooks` package,
 * subscriptions and their owners, retries, disabling, redelivery, order, hostile receivers,
 * rotation, rollback and retried units of work, pruning, and production's address rules.
 */
import { approvedProvider, createCourse, createTrainer, TrainerFixture } from '../support/fixtures';
import { data, GqlResponse, PRODUCTION_ENV, startTestApp, TestApp } from '../support/harness';
import { onDay, reportCompletions, rowFor, selfReport, whileTableLocked } from '../support/ledger-fixtures';
import { eventually, FAST_WEBHOOKS, verify, WebhookReceiver } from '../support/webhook-receiver';
import { WebhookSender } from '../../src/modules/webhook/webhook.sender';

const TODAY = '2026-06-15';

const ENDPOINT_FIELDS = `id url description eventTypes status disabledReason disabledAt failingSince previousSecretUntil createdBy createdAt provider { id }`;
const DELIVERY_FIELDS = `id status attempts nextAttemptAt giveUpAt lastAttemptAt lastResponseCode lastError deliveredAt
  endpoint { id } event { id type occurredAt data }`;

interface EndpointOut {
  id: string;
  url: string;
  eventTypes: string[];
  status: string;
  disabledReason: string | null;
  failingSince: string | null;
  previousSecretUntil: string | null;
  provider: { id: string } | null;
}

interface DeliveryOut {
  id: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastResponseCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  endpoint: { id: string };
  event: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
}

interface UserErrorOut {
  code: string;
  field: string[] | null;
  message: string;
}

type As = Parameters<TestApp['gql']>[2];

async function createEndpoint(
  t: TestApp,
  as: As,
  input: Record<string, unknown>,
): Promise<{ endpoint: EndpointOut | null; secret: string | null; userErrors: UserErrorOut[] }> {
  const res = data(
    await t.gql<{
      createWebhookEndpoint: { webhookEndpoint: EndpointOut | null; secret: string | null; userErrors: UserErrorOut[] };
    }>(
      `mutation($input: CreateWebhookEndpointInput!) {
        createWebhookEndpoint(input: $input) { webhookEndpoint { ${ENDPOINT_FIELDS} } secret userErrors { code field message } }
      }`,
      { input },
      as,
    ),
  ).createWebhookEndpoint;
  return { endpoint: res.webhookEndpoint, secret: res.secret, userErrors: res.userErrors };
}

async function updateEndpoint(t: TestApp, as: As, input: Record<string, unknown>) {
  return data(
    await t.gql<{
      updateWebhookEndpoint: { webhookEndpoint: EndpointOut | null; secret: string | null; userErrors: UserErrorOut[] };
    }>(
      `mutation($input: UpdateWebhookEndpointInput!) {
        updateWebhookEndpoint(input: $input) { webhookEndpoint { ${ENDPOINT_FIELDS} } secret userErrors { code field message } }
      }`,
      { input },
      as,
    ),
  ).updateWebhookEndpoint;
}

async function deliveries(
  t: TestApp,
  as: As,
  filter: Record<string, unknown> = {},
  first = 100,
): Promise<DeliveryOut[]> {
  const res = data(
    await t.gql<{ webhookDeliveries: { edges: { node: DeliveryOut }[] } }>(
      `query($filter: WebhookDeliveryFilter, $first: Int) {
        webhookDeliveries(filter: $filter, first: $first) { edges { node { ${DELIVERY_FIELDS} } } }
      }`,
      { filter, first },
      as,
    ),
  );
  return res.webhookDeliveries.edges.map((e) => e.node);
}

async function suspend(t: TestApp, providerId: string): Promise<void> {
  data(
    await t.gql(
      `mutation($input: ProviderDecisionInput!) { suspendProvider(input: $input) { userErrors { code } } }`,
      { input: { providerId, reason: 'Audit of records' } },
      'staff',
    ),
  );
}

function errorsOf(res: GqlResponse): string[] {
  return (res.body.errors ?? []).map((e) => String(e.extensions?.code));
}

describe('webhooks: events, signatures and delivery', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let staffSecret: string;
  let staffEndpoint: string;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY, env: FAST_WEBHOOKS });
    receiver = await WebhookReceiver.start();
    const created = await createEndpoint(t, 'staff', { url: receiver.url, description: 'Staff operations' });
    expect(created.userErrors).toEqual([]);
    staffSecret = created.secret!;
    staffEndpoint = created.endpoint!.id;
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });
  beforeEach(() => {
    receiver.answerWith(200);
    receiver.clear();
  });

  /** The staff endpoint's deliveries of one event: of `type`, about the provider. */
  const deliveriesOf =
    (providerId: string, type = 'PROVIDER_APPROVED') =>
    async () =>
      (await deliveries(t, 'staff', { endpointId: staffEndpoint })).filter(
        (d) => d.event.type === type && d.event.data.provider === providerId,
      );

  it('an endpoint is created with its secret shown once, in the Standard Webhooks form', async () => {
    expect(staffSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = data(
      await t.gql<{ webhookEndpoints: { edges: { node: EndpointOut }[] } }>(
        `{ webhookEndpoints { edges { node { ${ENDPOINT_FIELDS} } } } }`,
        {},
        'staff',
      ),
    ).webhookEndpoints.edges.map((e) => e.node);
    expect(listed).toEqual([
      expect.objectContaining({
        id: staffEndpoint,
        url: receiver.url,
        eventTypes: [],
        status: 'ACTIVE',
        provider: null,
      }),
    ]);
    // The secret is never readable again: the type has no such field.
    const asked = await t.gql(`{ webhookEndpoints { edges { node { secret } } } }`, {}, 'staff');
    expect(errorsOf(asked)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('a state change is sent signed: the signature verifies with standardwebhooks, a tampered body does not', async () => {
    const providerId = await approvedProvider(t);
    const [request] = await receiver.waitFor(1, (r) => r.payload.type === 'provider.approved');
    expect(request.headers['webhook-id']).toMatch(/^evt_/);
    expect(Number(request.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(verify(staffSecret, request)).toEqual({
      type: 'provider.approved',
      timestamp: `${TODAY}T12:00:00.000Z`,
      data: { provider: providerId, effectiveOn: TODAY, reason: null },
    });
    const tampered = { ...request, body: request.body.replace(TODAY, '2026-06-16') };
    expect(() => verify(staffSecret, tampered)).toThrow(/No matching signature found/);
    const otherSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(() => verify(otherSecret, request)).toThrow(/No matching signature found/);
  });

  it('course, completion, petition and key events carry their objects by global ID', async () => {
    const { providerId, courseId } = await onDay(t, '2026-05-01', async () => {
      const provider = await approvedProvider(t);
      return { providerId: provider, courseId: await createCourse(t, provider, { contactHours: '10' }) };
    });
    const trainer = await createTrainer(t);
    const approval = await receiver.waitFor(
      2,
      (r) => r.payload.type === 'course.approved' || r.payload.type === 'provider.approved',
    );
    receiver.clear();
    const report = data(await reportCompletions(t, providerId, [rowFor(trainer, courseId, '2026-06-01')]));
    const completionId = report.reportCompletions.results[0].completion!.id;
    await selfReport(t, trainer, courseId, '2026-06-02');
    const reviewed = await createCourse(t, providerId, { approve: false });
    data(
      await t.gql(
        `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code } } }`,
        { input: { courseId: reviewed, decision: 'REJECT', reason: 'Outside the scope of practice' } },
        'staff',
      ),
    );
    data(
      await t.gql(
        `mutation($input: CourseActionInput!) { retireCourse(input: $input) { userErrors { code } } }`,
        { input: { courseId, reason: 'Replaced' } },
        { provider: providerId },
      ),
    );
    const petition = data(
      await t.gql<{ submitPetition: { petition: { id: string } | null; userErrors: UserErrorOut[] } }>(
        `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { petition { id } userErrors { code message } } }`,
        {
          input: {
            certificationId: trainer.certificationId,
            justification: 'A conference on exercise science.',
            event: {
              title: 'Strength Summit',
              providerName: 'Summit Org',
              completedOn: '2026-05-20',
              contactHours: '5',
            },
          },
        },
        { trainer: trainer.trainerId },
      ),
    ).submitPetition;
    expect(petition.userErrors).toEqual([]);
    data(
      await t.gql(
        `mutation($input: DecidePetitionInput!) { decidePetition(input: $input) { userErrors { code message } } }`,
        { input: { petitionId: petition.petition!.id, decision: 'DENY', reason: 'Not relevant' } },
        'staff',
      ),
    );
    const key = data(
      await t.gql<{ createApiKey: { apiKey: { id: string } } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`,
        { input: { providerId } },
        'staff',
      ),
    ).createApiKey.apiKey.id;
    data(
      await t.gql(
        `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { userErrors { code } } }`,
        { input: { apiKeyId: key, reason: 'Rotated' } },
        'staff',
      ),
    );
    await suspend(t, providerId);
    const got = await receiver.waitFor(8);
    const byType = (type: string) => got.filter((r) => r.payload.type === type).map((r) => r.payload.data);
    expect(approval.find((r) => r.payload.type === 'course.approved')!.payload.data).toEqual(
      expect.objectContaining({ course: courseId, provider: providerId, renewal: false, ceuValue: '1.0' }),
    );
    expect(byType('completion.recorded')).toEqual([
      {
        completion: completionId,
        certification: trainer.certificationId,
        course: courseId,
        provider: providerId,
        completedOn: '2026-06-01',
        ceuValue: '1.0',
        creditPath: 'AUTOMATIC',
        creditReason: 'PRE_APPROVED',
        categoryCode: null,
        source: 'PROVIDER_REPORTED',
        externalRef: null,
      },
      expect.objectContaining({ completedOn: '2026-06-02', source: 'SELF_REPORTED', creditPath: 'AUTOMATIC' }),
    ]);
    expect(byType('course.rejected')).toEqual([
      expect.objectContaining({ course: reviewed, provider: providerId, reason: 'Outside the scope of practice' }),
    ]);
    expect(byType('course.retired')).toEqual([
      { course: courseId, provider: providerId, effectiveOn: TODAY, reason: 'Replaced' },
    ]);
    expect(byType('petition.submitted')).toEqual([
      expect.objectContaining({
        petition: petition.petition!.id,
        certification: trainer.certificationId,
        course: null,
      }),
    ]);
    expect(byType('petition.decided')).toEqual([
      expect.objectContaining({ petition: petition.petition!.id, decision: 'DENIED', reason: 'Not relevant' }),
    ]);
    expect(byType('api_key.revoked')).toEqual([expect.objectContaining({ apiKey: key, provider: providerId })]);
    expect(byType('provider.suspended')).toEqual([
      { provider: providerId, effectiveOn: TODAY, reason: 'Audit of records' },
    ]);
    for (const request of got) expect(() => verify(staffSecret, request)).not.toThrow();
  });

  it('a renewal decided by staff is course.renewed, with the new period', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId);
    const renewed = data(
      await t.gql<{ renewCourse: { userErrors: UserErrorOut[] } }>(
        `mutation($input: CourseActionInput!) { renewCourse(input: $input) { userErrors { code field message } } }`,
        { input: { courseId } },
        { provider: providerId },
      ),
    ).renewCourse;
    expect(renewed.userErrors).toEqual([]);
    data(
      await t.gql(
        `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code } } }`,
        { input: { courseId, decision: 'APPROVE' } },
        'staff',
      ),
    );
    const [renewal] = await receiver.waitFor(1, (r) => r.payload.type === 'course.renewed');
    expect(renewal.payload.data).toEqual(
      expect.objectContaining({ course: courseId, provider: providerId, renewal: true, reason: null }),
    );
    expect(JSON.stringify(renewal.payload.data)).toContain('2027-12-31');
  });

  it('each delivery is visible with its status, attempts and answer', async () => {
    const providerId = await approvedProvider(t);
    await receiver.waitFor(1);
    const [last] = await eventually(deliveriesOf(providerId), ([d]) => d?.status === 'DELIVERED');
    expect(last).toEqual(
      expect.objectContaining({
        status: 'DELIVERED',
        attempts: 1,
        nextAttemptAt: null,
        lastResponseCode: 200,
        lastError: null,
        endpoint: { id: staffEndpoint },
        event: expect.objectContaining({ type: 'PROVIDER_APPROVED', occurredAt: `${TODAY}T12:00:00.000Z` }),
      }),
    );
    expect(last.deliveredAt).not.toBeNull();
  });

  it('a page of deliveries is read with its events and endpoints in one statement, so pruning between reads cannot leave a delivery without its event', async () => {
    await approvedProvider(t);
    await receiver.waitFor(1);
    const query = `query($filter: WebhookDeliveryFilter) {
      webhookDeliveries(filter: $filter, first: 50) { edges { node { ${DELIVERY_FIELDS} } } }
    }`;
    const asStaff = await t.gql<{ webhookDeliveries: { edges: { node: DeliveryOut }[] } }>(query, {}, 'staff');
    expect(data(asStaff).webhookDeliveries.edges.length).toBeGreaterThan(0);
    expect(asStaff.statements).toBe(1);
  });
  it('a 500 is retried with back-off until it succeeds', async () => {
    let calls = 0;
    receiver.answerWith(() => (++calls <= 2 ? 500 : 200));
    const providerId = await approvedProvider(t);
    const got = await receiver.waitFor(3);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    // Back-off: the second wait is longer than the first (100 ms, then 200 ms, ±25 %).
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(70);
    expect(got[2].at - got[1].at).toBeGreaterThanOrEqual(140);
    const [delivery] = await eventually(deliveriesOf(providerId), ([d]) => d?.status === 'DELIVERED');
    expect(delivery).toEqual(expect.objectContaining({ attempts: 3, lastResponseCode: 200, lastError: null }));
  });

  it('a receiver that does not answer in time is retried; the failure is shown', async () => {
    receiver.answerWith('hang');
    const providerId = await approvedProvider(t);
    const pending = await eventually(deliveriesOf(providerId), ([d]) => (d?.attempts ?? 0) >= 1);
    expect(pending[0]).toEqual(
      expect.objectContaining({ status: 'PENDING', lastResponseCode: null, lastError: 'No answer within 600 ms.' }),
    );
    expect(pending[0].nextAttemptAt).not.toBeNull();
    receiver.answerWith(200);
    const [delivered] = await eventually(deliveriesOf(providerId), ([d]) => d?.status === 'DELIVERED');
    expect(delivered.attempts).toBeGreaterThanOrEqual(2);
    const got = receiver.received;
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(600);
  });

  it('a refused connection is retried, and goes through once the endpoint is fixed', async () => {
    const closed = await WebhookReceiver.start();
    const deadUrl = closed.url;
    await closed.close();
    const created = await createEndpoint(t, 'staff', { url: deadUrl, eventTypes: ['PROVIDER_SUSPENDED'] });
    const endpointId = created.endpoint!.id;
    const providerId = await approvedProvider(t);
    await suspend(t, providerId);
    const [failing] = await eventually(
      () => deliveries(t, 'staff', { endpointId }),
      ([d]) => (d?.attempts ?? 0) >= 2,
    );
    expect(failing).toEqual(
      expect.objectContaining({ status: 'PENDING', lastError: 'Connection refused.', lastResponseCode: null }),
    );
    const endpoint = await updateEndpoint(t, 'staff', { endpointId, url: receiver.url });
    expect(endpoint.webhookEndpoint!.failingSince).not.toBeNull();
    await receiver.waitFor(2, (r) => r.payload.type === 'provider.suspended');
    const [delivered] = await eventually(
      () => deliveries(t, 'staff', { endpointId }),
      ([d]) => d?.status === 'DELIVERED',
    );
    expect(delivered.attempts).toBeGreaterThanOrEqual(3);
    const listed = data(
      await t.gql<{ node: EndpointOut }>(
        `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { ${ENDPOINT_FIELDS} } } }`,
        { id: endpointId },
        'staff',
      ),
    ).node;
    expect(listed.failingSince).toBeNull();
    await t.gql(
      `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { userErrors { code } } }`,
      { input: { endpointId } },
      'staff',
    );
  });

  it('redeliverWebhook sends a delivered event again, with the same webhook-id', async () => {
    const providerId = await approvedProvider(t);
    const [first] = await receiver.waitFor(1);
    const [delivery] = await eventually(deliveriesOf(providerId), ([d]) => d?.status === 'DELIVERED');
    const res = data(
      await t.gql<{ redeliverWebhook: { webhookDelivery: DeliveryOut; userErrors: UserErrorOut[] } }>(
        `mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { webhookDelivery { ${DELIVERY_FIELDS} } userErrors { code message } } }`,
        { input: { deliveryId: delivery.id } },
        'staff',
      ),
    ).redeliverWebhook;
    expect(res.userErrors).toEqual([]);
    expect(res.webhookDelivery.status).toBe('PENDING');
    const got = await receiver.waitFor(2);
    expect(got[1].headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(got[1].body).toBe(first.body);
    const unknown = data(
      await t.gql<{ redeliverWebhook: { userErrors: UserErrorOut[] } }>(
        `mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { userErrors { code field } } }`,
        { input: { deliveryId: 'whd_nothing' } },
        'staff',
      ),
    ).redeliverWebhook;
    expect(unknown.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'deliveryId'] }]);
  });

  it('ordering: one endpoint gets its events one at a time, in the order they happened', async () => {
    const providers: string[] = [];
    for (let i = 0; i < 6; i++) providers.push(await approvedProvider(t));
    const got = await receiver.waitFor(6, (r) => r.payload.type === 'provider.approved');
    expect(got.map((r) => r.payload.data.provider)).toEqual(providers);
  });

  it('a receiver that never answers or answers 10 MB holds up neither the API nor the memory', async () => {
    receiver.answerWith((r) => (r.payload.type === 'provider.approved' ? 'hang' : 'huge'));
    const started = Date.now();
    const providerId = await approvedProvider(t);
    await receiver.waitFor(1);
    // While the attempt hangs, the API answers as usual.
    const during = Date.now();
    for (let i = 0; i < 5; i++) {
      data(await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: providerId }, 'staff'));
    }
    expect(Date.now() - during).toBeLessThan(500);
    await suspend(t, providerId);
    await receiver.waitFor(1, (r) => r.payload.type === 'provider.suspended');
    const [huge] = await eventually(deliveriesOf(providerId, 'PROVIDER_SUSPENDED'), ([d]) => d?.status === 'DELIVERED');
    expect(huge.lastResponseCode).toBe(200);
    // The sender read at most 4 KiB and closed: the receiver could not write its 10 MB.
    await eventually(
      async () => receiver.hugeBytesWritten[0],
      (n) => n !== undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.hugeBytesWritten[0]).toBeLessThan(10 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a rotated secret: both secrets sign during the overlap; without one, only the new', async () => {
    const created = await createEndpoint(t, 'staff', { url: receiver.url, eventTypes: ['PROVIDER_SUSPENDED'] });
    const endpointId = created.endpoint!.id;
    const rotated = await updateEndpoint(t, 'staff', { endpointId, rotateSecret: true, rotationOverlapHours: 24 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(Date.parse(rotated.webhookEndpoint!.previousSecretUntil!) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const providerId = await approvedProvider(t);
    await suspend(t, providerId);
    const [overlap] = await receiver.waitFor(1, (r) => r.payload.type === 'provider.suspended');
    expect(overlap.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => verify(created.secret!, overlap)).not.toThrow();
    expect(() => verify(rotated.secret!, overlap)).not.toThrow();
    receiver.clear();
    const again = await updateEndpoint(t, 'staff', { endpointId, rotateSecret: true, rotationOverlapHours: 0 });
    const other = await approvedProvider(t);
    await suspend(t, other);
    const [after] = await receiver.waitFor(1, (r) => r.payload.type === 'provider.suspended');
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => verify(again.secret!, after)).not.toThrow();
    expect(() => verify(rotated.secret!, after)).toThrow();
    await t.gql(
      `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { userErrors { code } } }`,
      { input: { endpointId } },
      'staff',
    );
  });

  it('a unit of work that rolls back leaves no event', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId);
    const trainer = await createTrainer(t);
    await receiver.waitFor(2);
    receiver.clear();
    // The idempotency record is written after the completion and its event, in the same unit of
    // work: making that write fail rolls back everything before it.
    await failInserts(t, 'idempotency_record');
    try {
      const res = await t.gql(
        `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) { completion { id } } }`,
        {
          input: {
            certificationId: trainer.certificationId,
            courseId,
            completedOn: '2026-06-03',
            idempotencyKey: 'rollback-1',
          },
        },
        { trainer: trainer.trainerId },
      );
      expect(errorsOf(res)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await allowInserts(t, 'idempotency_record');
    }
    await suspend(t, providerId); // a later event, to know that everything before it was sent
    await receiver.waitFor(1, (r) => r.payload.type === 'provider.suspended');
    expect(receiver.ofType('completion.recorded')).toEqual([]);
  });

  it('concurrent reports retried after a lost race send each completion once', async () => {
    const { providerId, courseId } = await onDay(t, '2026-05-01', async () => {
      const provider = await approvedProvider(t);
      return { providerId: provider, courseId: await createCourse(t, provider) };
    });
    const trainer: TrainerFixture = await createTrainer(t);
    const rows = Array.from({ length: 12 }, (_, d) =>
      rowFor(trainer, courseId, `2026-05-${String(d + 1).padStart(2, '0')}`),
    );
    const responses = await whileTableLocked(t, 'completion', 3, () =>
      Promise.all(Array.from({ length: 3 }, () => reportCompletions(t, providerId, rows))),
    );
    const accepted = responses.reduce((n, r) => n + data(r).reportCompletions.acceptedCount, 0);
    expect(accepted).toBe(12);
    const got = await receiver.waitFor(12, (r) => r.payload.type === 'completion.recorded');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const recorded = receiver.ofType('completion.recorded');
    expect(recorded).toHaveLength(12);
    expect(new Set(got.map((r) => r.payload.data.completion)).size).toBe(12);
  });
});

/** Makes every INSERT into `table` fail, on either database. */
async function failInserts(t: TestApp, table: string): Promise<void> {
  if (t.db.kind === 'postgres') {
    await t.db.writer.query(
      `CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql`,
    );
    await t.db.writer.query(
      `CREATE TRIGGER refuse_insert BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_insert()`,
    );
  } else {
    await t.db.writer.query(
      `CREATE TRIGGER refuse_insert BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, 'refused by test'); END`,
    );
  }
}

async function allowInserts(t: TestApp, table: string): Promise<void> {
  await t.db.writer.query(
    t.db.kind === 'postgres' ? `DROP TRIGGER refuse_insert ON "${table}"` : 'DROP TRIGGER refuse_insert',
  );
}

describe('webhooks: who receives what', () => {
  let t: TestApp;
  let receiverA: WebhookReceiver;
  let receiverB: WebhookReceiver;
  let providerA: string;
  let providerB: string;
  let endpointA: string;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY, env: FAST_WEBHOOKS });
    receiverA = await WebhookReceiver.start();
    receiverB = await WebhookReceiver.start();
    t.clock.setToday('2026-05-01');
    providerA = await approvedProvider(t);
    providerB = await approvedProvider(t);
    const a = await createEndpoint(t, { provider: providerA }, { url: receiverA.url });
    expect(a.userErrors).toEqual([]);
    endpointA = a.endpoint!.id;
    expect(a.endpoint!.provider).toEqual({ id: providerA });
    const b = await createEndpoint(t, { provider: providerB }, { url: receiverB.url, eventTypes: ['COURSE_APPROVED'] });
    expect(b.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await t?.close();
    await receiverA?.close();
    await receiverB?.close();
  });

  it('a provider receives the events about its own courses, completions and keys, and no one else’s', async () => {
    const courseA = await createCourse(t, providerA);
    const courseB = await createCourse(t, providerB);
    t.clock.setToday(TODAY);
    const trainer = await createTrainer(t);
    data(await reportCompletions(t, providerA, [rowFor(trainer, courseA, '2026-06-01')]));
    data(await reportCompletions(t, providerB, [rowFor(trainer, courseB, '2026-06-01')]));
    await suspend(t, providerB); // staff only
    const gotA = await receiverA.waitFor(2);
    const gotB = await receiverB.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiverA.received.map((r) => [r.payload.type, r.payload.data.course])).toEqual([
      ['course.approved', courseA],
      ['completion.recorded', courseA],
    ]);
    // B subscribed to course approvals only.
    expect(receiverB.received.map((r) => [r.payload.type, r.payload.data.course])).toEqual([
      ['course.approved', courseB],
    ]);
    expect(gotA.length + gotB.length).toBe(3);
  });

  it('a provider’s page of deliveries is read with their events and endpoints in one statement', async () => {
    await createCourse(t, providerA);
    await eventually(
      () => deliveries(t, { provider: providerA }),
      (list) => list.length > 0,
    );
    const res = await t.gql<{ webhookDeliveries: { edges: { node: DeliveryOut }[] } }>(
      `query { webhookDeliveries(first: 50) { edges { node { ${DELIVERY_FIELDS} } } } }`,
      {},
      { provider: providerA },
    );
    const list = data(res).webhookDeliveries.edges.map((e) => e.node);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((d) => d.endpoint.id === endpointA)).toBe(true);
    // One for the page, one for the API key (looked up on every request so a revocation holds at once).
    expect(res.statements).toBe(2);
  });

  it('a provider may not subscribe to staff events, nor see or change another provider’s endpoint', async () => {
    const refused = await createEndpoint(
      t,
      { provider: providerA },
      { url: receiverA.url, eventTypes: ['AUDIT_OVERDUE', 'COURSE_APPROVED'] },
    );
    expect(refused.userErrors).toEqual([
      {
        code: 'NOT_PERMITTED',
        field: ['input', 'eventTypes'],
        message: expect.stringMatching(/^Providers receive only events about their own .*AUDIT_OVERDUE is for staff/),
      },
    ]);
    const other = await updateEndpoint(t, { provider: providerB }, { endpointId: endpointA, enabled: false });
    expect(other.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'endpointId'] })]);
    const seen = data(
      await t.gql<{ webhookEndpoints: { edges: { node: { id: string } }[] } }>(
        `{ webhookEndpoints { edges { node { id } } } }`,
        {},
        { provider: providerB },
      ),
    );
    expect(seen.webhookEndpoints.edges.map((e) => e.node.id)).not.toContain(endpointA);
    expect(await deliveries(t, { provider: providerB }, { endpointId: endpointA })).toEqual([]);
    const node = data(
      await t.gql<{ node: unknown }>(
        `query($id: ID!) { node(id: $id) { id } }`,
        { id: endpointA },
        { provider: providerB },
      ),
    );
    expect(node.node).toBeNull();
  });

  it('refuses bad URLs and too many endpoints with clear codes', async () => {
    for (const url of ['not a url', 'ftp://hooks.example.com/x', 'https://user:pw@hooks.example.com/x']) {
      const res = await createEndpoint(t, 'staff', { url });
      expect(res.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_URL', field: ['input', 'url'] })]);
    }
    const made: string[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await createEndpoint(t, { provider: providerB }, { url: `https://hooks.example.com/${i}` });
      if (res.endpoint) made.push(res.endpoint.id);
    }
    expect(made).toHaveLength(9); // with the one made before: ten
    const eleventh = await createEndpoint(t, { provider: providerB }, { url: 'https://hooks.example.com/11' });
    expect(eleventh.userErrors).toEqual([expect.objectContaining({ code: 'TOO_MANY_ITEMS' })]);
    for (const endpointId of made) {
      const res = data(
        await t.gql<{ deleteWebhookEndpoint: { deletedEndpointId: string } }>(
          `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId userErrors { code } } }`,
          { input: { endpointId } },
          { provider: providerB },
        ),
      );
      expect(res.deleteWebhookEndpoint.deletedEndpointId).toBe(endpointId);
    }
  });
});

describe('webhooks: an endpoint failing for the whole retry period is disabled, and pruning', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({
      today: TODAY,
      env: { ...FAST_WEBHOOKS, WEBHOOK_RETRY_FOR: '2s', WEBHOOK_RETENTION: '1s' },
    });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('gives up after the retry period, disables the endpoint and says why; enabling it again works', async () => {
    receiver.answerWith(503);
    const { endpoint } = await createEndpoint(t, 'staff', { url: receiver.url });
    await approvedProvider(t);
    const [failed] = await eventually(
      () => deliveries(t, 'staff', { endpointId: endpoint!.id }),
      ([d]) => d?.status === 'FAILED',
    );
    expect(failed.attempts).toBeGreaterThanOrEqual(2);
    expect(failed.lastResponseCode).toBe(503);
    expect(failed.nextAttemptAt).toBeNull();
    const disabled = data(
      await t.gql<{ node: EndpointOut }>(
        `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { ${ENDPOINT_FIELDS} } } }`,
        { id: endpoint!.id },
        'staff',
      ),
    ).node;
    expect(disabled.status).toBe('DISABLED');
    expect(disabled.disabledReason).toMatch(
      /^Disabled after failing since .* without a success; the last attempt: HTTP 503/,
    );
    // A disabled endpoint gets nothing new, and cannot be redelivered to.
    const count = receiver.received.length;
    await approvedProvider(t);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.length).toBe(count);
    const redeliver = data(
      await t.gql<{ redeliverWebhook: { userErrors: UserErrorOut[] } }>(
        `mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { userErrors { code message } } }`,
        { input: { deliveryId: failed.id } },
        'staff',
      ),
    ).redeliverWebhook;
    expect(redeliver.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    receiver.answerWith(200);
    const enabled = await updateEndpoint(t, 'staff', { endpointId: endpoint!.id, enabled: true });
    expect(enabled.webhookEndpoint).toEqual(
      expect.objectContaining({ status: 'ACTIVE', disabledReason: null, failingSince: null }),
    );
  });

  it('delivered rows and their events are pruned after the retention', async () => {
    receiver.answerWith(200);
    receiver.clear();
    await approvedProvider(t);
    await receiver.waitFor(1);
    await eventually(
      () => deliveries(t, 'staff', { status: 'DELIVERED' }),
      (list) => list.length === 0,
    );
    await eventually(
      async () => (await t.db.writer.query('SELECT count(*) AS n FROM webhook_event'))[0].n,
      (n) => Number(n) === 0,
    );
  });
});

describe('webhooks in production: https and public addresses only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      today: TODAY,
      env: { ...FAST_WEBHOOKS, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false', ...PRODUCTION_ENV },
    });
  });
  afterAll(() => t?.close());

  it.each([
    ['http://hooks.example.com/x', /must use https in production/],
    ['https://localhost/x', /public host, not localhost/],
    ['https://127.0.0.1/x', /public address/],
    ['https://10.1.2.3/x', /public address/],
    ['https://192.168.0.9/x', /public address/],
    ['https://169.254.169.254/latest/meta-data', /public address/],
    ['https://[::1]/x', /public address/],
    ['https://[fd00::1]/x', /public address/],
  ])('refuses %s', async (url, message) => {
    const res = await createEndpoint(t, 'staff', { url });
    expect(res.userErrors).toEqual([
      { code: 'INVALID_URL', field: ['input', 'url'], message: expect.stringMatching(message) },
    ]);
  });

  it('accepts a public https URL', async () => {
    const res = await createEndpoint(t, 'staff', { url: 'https://hooks.example.com/ceu' });
    expect(res.userErrors).toEqual([]);
  });
});

describe('webhook sender: addresses are checked after the name is resolved', () => {
  it('refuses a name that resolves to loopback unless private addresses are allowed (tests only)', async () => {
    const receiver = await WebhookReceiver.start();
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    const strict = new WebhookSender({ timeoutMs: 2000, allowPrivateAddresses: false });
    const open = new WebhookSender({ timeoutMs: 2000, allowPrivateAddresses: true });
    try {
      const refused = await strict.post(url, {}, '{}');
      expect(refused).toEqual({ ok: false, status: null, error: expect.stringMatching(/^Address refused/) });
      expect(receiver.received).toHaveLength(0);
      const literal = await strict.post(receiver.url, {}, '{}');
      expect(literal.error).toMatch(/^Address refused/);
      expect(receiver.received).toHaveLength(0);
      // Cloud metadata is refused even where private addresses are let through.
      const metadata = await open.post('http://169.254.169.254/latest/meta-data', {}, '{}');
      expect(metadata.error).toMatch(/^Address refused/);
      expect(await open.post(url, {}, '{}')).toEqual({ ok: true, status: 200, error: null });
      expect(receiver.received).toHaveLength(1);
    } finally {
      strict.close();
      open.close();
      await receiver.close();
    }
  });

  it('does not follow redirects', async () => {
    const receiver = await WebhookReceiver.start();
    receiver.answerWith(302);
    const sender = new WebhookSender({ timeoutMs: 2000, allowPrivateAddresses: true });
    try {
      const outcome = await sender.post(receiver.url, {}, '{}');
      expect(outcome).toEqual({
        ok: false,
        status: 302,
        error: expect.stringMatching(/^HTTP 302 \(redirects are not followed\)/),
      });
    } finally {
      sender.close();
      await receiver.close();
    }
  });
});

describe('webhooks: attempts in flight are bounded', () => {
  it('with WEBHOOK_CONCURRENCY=2, receivers that never answer hold two attempts at a time, no more', async () => {
    const t = await startTestApp({ today: TODAY, env: { ...FAST_WEBHOOKS, WEBHOOK_CONCURRENCY: '2' } });
    const receivers = await Promise.all(Array.from({ length: 4 }, () => WebhookReceiver.start()));
    try {
      for (const receiver of receivers) {
        receiver.answerWith('hang');
        await createEndpoint(t, 'staff', { url: receiver.url, eventTypes: ['PROVIDER_APPROVED'] });
      }
      await approvedProvider(t);
      const total = () => receivers.reduce((n, r) => n + r.received.length, 0);
      await eventually(
        async () => total(),
        (n) => n >= 2,
      );
      // Within the 600 ms timeout of the first two, nothing else starts.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(total()).toBe(2);
      // As attempts time out, the others get their turn.
      await eventually(
        async () => receivers.filter((r) => r.received.length > 0).length,
        (n) => n === 4,
      );
      const api = Date.now();
      data(await t.gql(`{ webhookEndpoints { nodes { id } } }`, {}, 'staff'));
      expect(Date.now() - api).toBeLessThan(500);
    } finally {
      await t.close();
      await Promise.all(receivers.map((r) => r.close()));
    }
  });
});

describe('webhooks: one endpoint’s backlog does not hold up another', () => {
  it('with 210 deliveries waiting on a receiver that never answers, another endpoint still gets its event', async () => {
    const t = await startTestApp({ today: TODAY, env: FAST_WEBHOOKS });
    const stuck = await WebhookReceiver.start();
    const healthy = await WebhookReceiver.start();
    try {
      stuck.answerWith('hang');
      await createEndpoint(t, 'staff', { url: stuck.url, eventTypes: ['COMPLETION_RECORDED', 'PROVIDER_SUSPENDED'] });
      await createEndpoint(t, 'staff', { url: healthy.url, eventTypes: ['PROVIDER_SUSPENDED'] });
      const { providerId, courseId } = await onDay(t, '2026-05-01', async () => {
        const provider = await approvedProvider(t);
        return { providerId: provider, courseId: await createCourse(t, provider) };
      });
      const rows = [];
      for (let i = 0; i < 21; i++) {
        const trainer = await createTrainer(t);
        for (let d = 1; d <= 10; d++) rows.push(rowFor(trainer, courseId, `2026-05-${String(d).padStart(2, '0')}`));
      }
      const report = data(await reportCompletions(t, providerId, rows)).reportCompletions;
      expect(report.acceptedCount).toBe(210);
      await stuck.waitFor(1);
      await suspend(t, providerId);
      const [got] = await healthy.waitFor(1, (r) => r.payload.type === 'provider.suspended', 5000);
      expect(got.payload.data.provider).toBe(providerId);
    } finally {
      await t.close();
      await stuck.close();
      await healthy.close();
    }
  });
});

describe('webhooks: an idle dispatcher leaves the database alone', () => {
  it('with nothing to fan out or deliver, its polls open no write transaction (on SQLite they would queue writes)', async () => {
    const t = await startTestApp({ today: TODAY, env: FAST_WEBHOOKS });
    const receiver = await WebhookReceiver.start();
    try {
      await createEndpoint(t, 'staff', { url: receiver.url });
      await approvedProvider(t);
      await receiver.waitFor(1); // provider.approved: the dispatcher has had work, and done it
      await eventually(
        () => deliveries(t, 'staff', { status: 'PENDING' }),
        (list) => list.length === 0,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const run = jest.spyOn(t.db.uow, 'run');
      // 25 polls of 40 ms: each would otherwise open two (fan-out and delivery).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const idle = run.mock.calls.length;
      run.mockRestore();
      expect(idle).toBe(0);
      // And it still wakes for new work.
      await approvedProvider(t);
      await receiver.waitFor(2);
    } finally {
      await t.close();
      await receiver.close();
    }
  });
});
