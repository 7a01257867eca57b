import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, DataSourceOptions, In } from 'typeorm';
import { POSTGRES_MIGRATIONS } from '../../migrations/postgres';
import { fromGlobalId } from '../../src/common/ids';
import { IdempotencyRecord } from '../../src/common/idempotency/idempotency.entity';
import { dataSourceOptions, openDatabase, OpenDatabase } from '../../src/database/data-source';
import { DecisionLogEntry } from '../../src/modules/decision-log/decision-log.entity';
import { Petition } from '../../src/modules/petition/petition.entity';
import { Provider } from '../../src/modules/provider/provider.entity';
import { approvedProvider, createTrainer, TrainerFixture } from '../support/fixtures';
import { data, GqlResponse, startTestApp, TestApp, usingPostgres } from '../support/harness';

/**
 * Several stateless server instances on one database, as behind a load balancer: each instance
 * has its own HTTP listener, connection pool, loaders, rate limiter and API-key cache; they share
 * nothing but the database.
 *
 * PostgreSQL only. On SQLite each process queues its own write transactions behind a mutex, but
 * two processes writing one file at once fail with SQLITE_BUSY (a deferred transaction that has
 * read cannot become the writer while another process writes, whatever the busy timeout), which
 * surfaces as INTERNAL_SERVER_ERROR: SQLite is one host, one server process.
 */

type UserErrors = { code: string; field: string[] | null }[];
type PetitionOut = {
  id: string;
  status: string;
  awardedCeu: string | null;
  requestedCeu: string;
  fee: { amount: string; currencyCode: string };
  completion: { id: string; ceuValue: string };
};
type PetitionPayload = { petition: PetitionOut | null; userErrors: UserErrors };

const PETITION_FIELDS = 'id status awardedCeu requestedCeu fee { amount currencyCode } completion { id ceuValue }';
const SUBMIT = `mutation($input: SubmitPetitionInput!) {
  submitPetition(input: $input) { petition { ${PETITION_FIELDS} } userErrors { code field } } }`;
const DECIDE = `mutation($input: DecidePetitionInput!) {
  decidePetition(input: $input) { petition { ${PETITION_FIELDS} } userErrors { code field } } }`;
const PETITION = `query($id: ID!) { petition(id: $id) { ${PETITION_FIELDS} } }`;
const DECISIONS = `query($id: ID!) { decisionLog(first: 100, filter: { subjectId: $id }) { nodes { action actorId } } }`;
const APPLY = `mutation($input: ApplyAsProviderInput!) {
  applyAsProvider(input: $input) { provider { id name status } userErrors { code field } } }`;
const PROVIDER = `query($id: ID!) { provider(id: $id) { id name status } }`;
const REGISTER = `mutation($input: RegisterCourseInput!) {
  registerCourse(input: $input) { course { id code status } userErrors { code field } } }`;
const COURSE = `query($id: ID!) { course(id: $id) { id code status ceuValue provider { id } } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { token apiKey { id } userErrors { code } } }`;
const REVOKE_KEY = `mutation($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { code } } }`;

/** The data of a response that must be a clean 200 without top-level errors. */
function ok<T>(res: GqlResponse<T>): T {
  expect({ status: res.status, errors: res.body.errors ?? [] }).toEqual({ status: 200, errors: [] });
  return data(res);
}

/** A request with a raw bearer credential (an API key), as a provider's system sends it. */
function withKey(t: TestApp, token: string, query = '{ viewer { role provider { id } } }'): Promise<Response> {
  return t.http('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
}

let eventSequence = 0;
function event(completedOn = '2026-05-01') {
  eventSequence++;
  return {
    title: `Outside workshop ${eventSequence}`,
    providerName: 'Independent Educator',
    completedOn,
    contactHours: '5',
  };
}

function submit(t: TestApp, trainer: TrainerFixture, input: Record<string, unknown>) {
  return t.gql<{ submitPetition: PetitionPayload }>(
    SUBMIT,
    { input: { justification: 'It covered program design in depth.', ...input } },
    { trainer: trainer.trainerId },
  );
}

/** Polls `condition` every 20 ms until it holds, or gives up after ten seconds. */
async function until(condition: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

type Sql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A PostgreSQL session of its own (outside every instance's pool) in `pgSchema`, and its pid. */
async function session(pgSchema?: string): Promise<{ sql: Sql; pid: number; end: () => Promise<void> }> {
  const client = new Client({
    connectionString: process.env.DATABASE_URL,
    ...(pgSchema ? { options: `-c search_path=${pgSchema}` } : {}),
  });
  await client.connect();
  const sql: Sql = async (text, params) => (await client.query(text, params)).rows as Record<string, unknown>[];
  const [{ pid }] = await sql('SELECT pg_backend_pid() AS pid');
  return { sql, pid: pid as number, end: () => client.end() };
}

/** How many sessions wait on the given ones, directly or through other waiting sessions. */
async function waitingOn(sql: Sql, pids: number[]): Promise<number> {
  const [{ n }] = await sql(
    `WITH RECURSIVE waiting(pid) AS (
       SELECT pid FROM pg_stat_activity WHERE pg_blocking_pids(pid) && $1::int[]
       UNION
       SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY(pg_blocking_pids(a.pid))
     )
     SELECT count(*)::int AS n FROM waiting WHERE NOT (pid = ANY($1::int[]))`,
    [pids],
  );
  return n as number;
}

/** Sessions waiting for an advisory lock. */
async function advisoryWaiters(sql: Sql): Promise<number> {
  const [{ n }] = await sql(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
  return n as number;
}

/** The PostgreSQL schema a test app works in. */
function schemaOf(t: TestApp): string {
  const options = (t.db.writer.options as { extra?: { options?: string } }).extra?.options ?? '';
  return /search_path=(\S+)/.exec(options)?.[1] ?? 'public';
}

const SCALE_OUT = usingPostgres
  ? 'scale-out: two server instances on one PostgreSQL database'
  : 'scale-out (skipped: PostgreSQL only; two processes writing one SQLite file fail with SQLITE_BUSY)';

(usingPostgres ? describe : describe.skip)(SCALE_OUT, () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ today: '2026-06-15' });
    b = await a.startSibling();
  });
  afterAll(() => a.close());

  it('the instances share the database and nothing else', () => {
    expect(b.url).not.toBe(a.url);
    expect(b.app.httpServer).not.toBe(a.app.httpServer);
    expect(b.db.writer).not.toBe(a.db.writer);
    expect(b.app.services.apiKeys).not.toBe(a.app.services.apiKeys);
    expect(schemaOf(b)).toBe(schemaOf(a));
  });

  it('a write through one instance is read through the other at once, in both directions', async () => {
    // A provider applies through A; staff see it through B and approve it there; A sees the approval.
    const applied = ok(
      await a.gql<{ applyAsProvider: { provider: { id: string } } }>(APPLY, {
        input: { name: 'Two Rooms Academy', contactEmail: 'ce@two-rooms.example' },
      }),
    ).applyAsProvider.provider;
    expect(ok(await b.gql(PROVIDER, { id: applied.id }, 'staff'))).toEqual({
      provider: { id: applied.id, name: 'Two Rooms Academy', status: 'PENDING' },
    });
    const approved = ok(
      await b.gql<{ approveProvider: { userErrors: UserErrors } }>(
        `mutation($input: ProviderDecisionInput!) { approveProvider(input: $input) { userErrors { code field } } }`,
        { input: { providerId: applied.id } },
        'staff',
      ),
    ).approveProvider;
    expect(approved.userErrors).toEqual([]);
    expect(ok(await a.gql(PROVIDER, { id: applied.id }))).toEqual({
      provider: { id: applied.id, name: 'Two Rooms Academy', status: 'APPROVED' },
    });

    // The provider registers a course through B; staff review it through A; the public sees it
    // approved through B.
    const course = ok(
      await b.gql<{ registerCourse: { course: { id: string }; userErrors: UserErrors } }>(
        REGISTER,
        {
          input: {
            code: 'TR-1',
            title: 'Two Rooms Mobility',
            contactHours: '8',
            topics: ['PROGRAM_DESIGN'],
            deliveryFormat: 'LIVE_ONLINE',
          },
        },
        { provider: applied.id },
      ),
    ).registerCourse;
    expect(course.userErrors).toEqual([]);
    const courseId = course.course.id;
    expect(ok(await a.gql(COURSE, { id: courseId }, 'staff'))).toEqual({
      course: { id: courseId, code: 'TR-1', status: 'PENDING_REVIEW', ceuValue: null, provider: { id: applied.id } },
    });
    const reviewed = ok(
      await a.gql<{ reviewCourse: { userErrors: UserErrors } }>(
        `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code field } } }`,
        { input: { courseId, decision: 'APPROVE' } },
        'staff',
      ),
    ).reviewCourse;
    expect(reviewed.userErrors).toEqual([]);
    expect(ok(await b.gql(COURSE, { id: courseId }))).toEqual({
      course: { id: courseId, code: 'TR-1', status: 'APPROVED', ceuValue: '0.8', provider: { id: applied.id } },
    });

    // A policy change through B governs the next petition submitted through A, and back.
    const setFee = (t: TestApp, fee: string) =>
      t.gql<{ setProgramPolicy: { userErrors: UserErrors } }>(
        `mutation($fee: Decimal!) { setProgramPolicy(input: { petitionFee: $fee }) { userErrors { code field } } }`,
        { fee },
        'staff',
      );
    expect(ok(await setFee(b, '40.00')).setProgramPolicy.userErrors).toEqual([]);
    const trainer = await createTrainer(a);
    const petition = ok(await submit(a, trainer, { event: event() })).submitPetition.petition!;
    expect(petition.fee).toEqual({ amount: '40.00', currencyCode: 'USD' });
    expect(ok(await b.gql<{ petition: PetitionOut }>(PETITION, { id: petition.id }, 'staff')).petition).toEqual(
      petition,
    );
    expect(ok(await setFee(a, '25.00')).setProgramPolicy.userErrors).toEqual([]);
    expect(ok(await submit(b, trainer, { event: event() })).submitPetition.petition?.fee.amount).toBe('25.00');
  });

  it('an API key revoked through one instance is refused by the other at once, though both had verified it', async () => {
    const providerId = await approvedProvider(a);
    for (const [revoking, other] of [
      [a, b],
      [b, a],
    ]) {
      const created = ok(
        await revoking.gql<{ createApiKey: { token: string; apiKey: { id: string } } }>(
          CREATE_KEY,
          { input: { providerId } },
          'staff',
        ),
      ).createApiKey;
      // Each instance checks the key, and so remembers that its secret matched.
      for (const t of [a, b, a, b]) expect((await withKey(t, created.token)).status).toBe(200);
      const revoked = ok(
        await revoking.gql<{ revokeApiKey: { userErrors: UserErrors } }>(
          REVOKE_KEY,
          { input: { apiKeyId: created.apiKey.id } },
          'staff',
        ),
      ).revokeApiKey;
      expect(revoked.userErrors).toEqual([]);
      expect((await withKey(other, created.token)).status).toBe(401);
      expect((await withKey(revoking, created.token)).status).toBe(401);
    }
  });

  it('20 petitions, each decided through both instances at once with opposite decisions: exactly one decision wins', async () => {
    const trainer = await createTrainer(a);
    const petitions: PetitionOut[] = [];
    for (let i = 0; i < 20; i++) {
      petitions.push(ok(await submit(i % 2 ? b : a, trainer, { event: event() })).submitPetition.petition!);
    }
    const refusals: string[] = [];
    for (const [i, petition] of petitions.entries()) {
      const [approver, denier] = i % 2 ? [a, b] : [b, a];
      const [approve, deny] = await Promise.all([
        approver.gql<{ decidePetition: PetitionPayload }>(
          DECIDE,
          { input: { petitionId: petition.id, decision: 'APPROVE' } },
          'staff',
        ),
        denier.gql<{ decidePetition: PetitionPayload }>(
          DECIDE,
          { input: { petitionId: petition.id, decision: 'DENY', reason: 'Not about fitness.' } },
          'staff',
        ),
      ]);
      const outcomes = [ok(approve).decidePetition, ok(deny).decidePetition];
      const winners = outcomes.filter((o) => o.userErrors.length === 0);
      const losers = outcomes.filter((o) => o.userErrors.length > 0);
      expect(winners).toHaveLength(1);
      expect(losers).toEqual([
        {
          petition: null,
          userErrors: [
            { code: expect.stringMatching(/^(INVALID_TRANSITION|CONCURRENT_UPDATE)$/), field: ['input', 'petitionId'] },
          ],
        },
      ]);
      refusals.push(losers[0].userErrors[0].code);

      const approvedWon = winners[0] === outcomes[0];
      const expected: PetitionOut = {
        ...petition,
        status: approvedWon ? 'APPROVED' : 'DENIED',
        awardedCeu: approvedWon ? petition.requestedCeu : null,
        completion: {
          id: petition.completion.id,
          ceuValue: approvedWon ? petition.requestedCeu : petition.completion.ceuValue,
        },
      };
      expect(winners[0].petition).toEqual(expected);
      // Both instances read the winner's state, and the log holds the winner's decision only.
      for (const t of [a, b]) {
        expect(ok(await t.gql<{ petition: PetitionOut }>(PETITION, { id: petition.id }, 'staff')).petition).toEqual(
          expected,
        );
        expect(ok(await t.gql(DECISIONS, { id: petition.id }, 'staff'))).toEqual({
          decisionLog: {
            nodes: [{ action: approvedWon ? 'PETITION_APPROVED' : 'PETITION_DENIED', actorId: 'test.reviewer' }],
          },
        });
      }
    }
    // The append-only log holds exactly one row per petition: the losers left no trace.
    const decided = petitions.map((p) => fromGlobalId('Petition', p.id)!).sort((x, y) => x - y);
    const logged = await a.db.reader.find(DecisionLogEntry, {
      where: { subjectType: 'Petition', subjectId: In(decided) },
      order: { subjectId: 'ASC' },
    });
    expect(logged.map((row) => row.subjectId)).toEqual(decided);
    // At least one round was a true overlap, settled by the conditional update.
    expect(refusals).toContain('CONCURRENT_UPDATE');
  });

  it('the same submission with one idempotency key through both instances at once: one petition, one answer', async () => {
    const trainer = await createTrainer(a);
    for (let round = 0; round < 10; round++) {
      const idempotencyKey = `scale-out-${round}-${randomUUID()}`;
      const input = { event: event(), idempotencyKey };
      const [first, second] = await Promise.all([submit(a, trainer, input), submit(b, trainer, input)]);
      const answers = [ok(first).submitPetition, ok(second).submitPetition];
      expect(answers[0].userErrors).toEqual([]);
      expect(answers[1]).toEqual(answers[0]);
      expect(await a.db.reader.countBy(IdempotencyRecord, { key: idempotencyKey })).toBe(1);
    }
    const certificationId = fromGlobalId('Certification', trainer.certificationId)!;
    expect(await a.db.reader.countBy(Petition, { certificationId })).toBe(10);
  });

  it('rate limits are shared through the database: behind N instances a client still has one budget', async () => {
    const limited = [
      await a.startSibling({ env: { RATE_LIMIT_PER_MINUTE: '3' } }),
      await a.startSibling({ env: { RATE_LIMIT_PER_MINUTE: '3' } }),
    ];
    try {
      const statuses: number[][] = [];
      for (const t of limited) {
        const sent: number[] = [];
        for (let i = 0; i < 4; i++) sent.push((await t.gql('{ __typename }')).status);
        statuses.push(sent);
      }
      expect(statuses).toEqual([
        [200, 200, 200, 429],
        [429, 429, 429, 429],
      ]);
    } finally {
      await Promise.all(limited.map((t) => t.close()));
    }
  });

  it('behind a load balancer (TRUST_PROXY), made-up credentials from one client do not lock out the others', async () => {
    // Every request reaches an instance from the balancer's address; the client's own address
    // is in X-Forwarded-For, which the rate limiter should key on when told to trust the proxy.
    const t = await a.startSibling({ env: { RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' } });
    try {
      const send = (client: string, authorization: string) =>
        t.http('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': client, authorization },
          body: JSON.stringify({ query: '{ viewer { role } }' }),
        });
      for (let i = 0; i < 3; i++) expect((await send('203.0.113.7', `Bearer made-up-${i}`)).status).toBe(401);
      expect((await send('198.51.100.20', (await t.credentials('staff'))!)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('a repeat with the same idempotency key is replayed even when the first commits between its checks', async () => {
    // Forces the interleaving that plain races meet now and then: the repeat through B looks its
    // key up before the first request through A commits, and checks the provider name after.
    const input = {
      name: 'Interleaved Academy',
      contactEmail: 'ce@interleaved.example',
      idempotencyKey: `interleaved-${randomUUID()}`,
    };
    const keys = await session(schemaOf(a));
    const names = await session(schemaOf(a));
    const monitor = await session();
    try {
      await keys.sql('BEGIN');
      await keys.sql('LOCK TABLE idempotency_record IN EXCLUSIVE MODE');
      const first = a.gql<{ applyAsProvider: { provider: { id: string } | null; userErrors: UserErrors } }>(APPLY, {
        input,
      });
      await until(async () => (await waitingOn(monitor.sql, [keys.pid])) >= 1);
      await names.sql('BEGIN');
      let granted = false;
      const namesLocked = names.sql('LOCK TABLE provider IN ACCESS EXCLUSIVE MODE').then(() => {
        granted = true;
      });
      await until(async () => granted || (await waitingOn(monitor.sql, [keys.pid])) >= 2);
      const second = b.gql<{ applyAsProvider: { provider: { id: string } | null; userErrors: UserErrors } }>(APPLY, {
        input,
      });
      await until(async () => (await waitingOn(monitor.sql, [keys.pid, names.pid])) >= 2);
      await keys.sql('COMMIT');
      await namesLocked;
      await names.sql('COMMIT');
      const answers = [ok(await first).applyAsProvider, ok(await second).applyAsProvider];
      expect(answers[0].userErrors).toEqual([]);
      expect(answers[1]).toEqual(answers[0]);
      expect(await a.db.reader.countBy(Provider, { name: input.name })).toBe(1);
    } finally {
      await Promise.all([keys.end(), names.end(), monitor.end()]);
    }
  });

  it('two instances that start together with a migration pending both start', async () => {
    const url = process.env.DATABASE_URL!;
    const pgSchema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = await session();
    const opened: OpenDatabase[] = [];
    try {
      // The database as the previous release left it: every migration but the last one.
      await admin.sql(`CREATE SCHEMA "${pgSchema}"`);
      const previous = new DataSource({
        ...dataSourceOptions({ url, sqlitePath: '', pgSchema }),
        migrations: POSTGRES_MIGRATIONS.slice(0, -1),
      } as DataSourceOptions);
      await previous.initialize();
      await previous.runMigrations({ transaction: 'all' });
      await previous.destroy();

      // Holding back the record of a finished migration lets both starts reach the migration.
      const holder = await session(pgSchema);
      try {
        await holder.sql('BEGIN');
        await holder.sql('LOCK TABLE migrations IN EXCLUSIVE MODE');
        const starts = [0, 1].map(() =>
          openDatabase({ url, sqlitePath: '', pgSchema, poolSize: 2 }).then(
            (db) => {
              opened.push(db);
              return 'started';
            },
            (error: Error) => error.message,
          ),
        );
        // One start waits on the held table inside its migration; the other waits its turn for
        // the migration lock.
        await until(
          async () => (await waitingOn(admin.sql, [holder.pid])) >= 1 && (await advisoryWaiters(admin.sql)) >= 1,
        );
        await holder.sql('COMMIT');
        expect(await Promise.all(starts)).toEqual(['started', 'started']);
      } finally {
        await holder.end();
      }
      const [{ n }] = await admin.sql(`SELECT count(*)::int AS n FROM "${pgSchema}".migrations`);
      expect(n).toBe(POSTGRES_MIGRATIONS.length);
    } finally {
      await Promise.all(opened.map((db) => db.close()));
      await admin.sql(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
      await admin.end();
    }
  });
});
