import { ApiKey } from '../../src/modules/api-key/api-key.entity';
import { decideProvider, pendingProvider, rejectedProvider } from '../support/catalogue-fixtures';
import { approvedProvider, snapshot } from '../support/fixtures';
import { data, startTestApp, TestApp } from '../support/harness';

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  token apiKey { id prefix label createdBy lastUsedAt revokedAt provider { id } } userErrors { code field } } }`;
const REVOKE = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { code field } } }`;

type Created = {
  createApiKey: {
    token: string | null;
    apiKey: {
      id: string;
      prefix: string;
      label: string | null;
      createdBy: string;
      lastUsedAt: string | null;
      revokedAt: string | null;
      provider: { id: string };
    } | null;
    userErrors: { code: string; field: string[] }[];
  };
};

describe('provider API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ today: '2026-06-15' });
  });
  afterAll(() => t.close());

  const call = (token: string, query = '{ viewer { role provider { id } } }') =>
    t.http('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });

  it('staff create a key shown once; only a salted slow hash is stored; the key acts for its provider', async () => {
    const providerId = await approvedProvider(t);
    const created = data(
      await t.gql<Created>(CREATE, { input: { providerId, label: 'LMS sync' } }, 'staff'),
    ).createApiKey;
    expect(created.userErrors).toEqual([]);
    expect(created.token).toMatch(/^ceu_live_[A-Za-z0-9]{10}_[A-Za-z0-9]{40}$/);
    expect(created.token!.startsWith(created.apiKey!.prefix)).toBe(true);
    expect(created.apiKey).toMatchObject({
      label: 'LMS sync',
      createdBy: 'test.reviewer',
      lastUsedAt: null,
      revokedAt: null,
      provider: { id: providerId },
    });

    const row = await t.db.reader.findOneByOrFail(ApiKey, { prefix: created.apiKey!.prefix });
    const secret = created.token!.slice(created.apiKey!.prefix.length + 1);
    expect(row.secretHash).toMatch(/^scrypt\$/);
    expect(row.secretHash).not.toContain(secret);

    const res = await call(created.token!);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({
      viewer: { role: 'PROVIDER', provider: { id: providerId } },
    });

    // The secret is never shown again: lists carry the prefix only.
    const listed = data(
      await t.gql<{ apiKeys: { prefix: string; lastUsedAt: string | null }[] }>(
        `query($p: ID) { apiKeys(providerId: $p) { prefix lastUsedAt } }`,
        { p: providerId },
        'staff',
      ),
    );
    expect(JSON.stringify(listed)).not.toContain(secret);
    // Last use is recorded (asynchronously, at most once a minute).
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.db.reader.findOneByOrFail(ApiKey, { id: row.id })).lastUsedAt).not.toBeNull();
  });

  it.each([
    ['pending', (t: TestApp) => pendingProvider(t), 'pending'],
    ['rejected', (t: TestApp) => rejectedProvider(t), 'rejected'],
    [
      'suspended',
      async (t: TestApp) => {
        const id = await approvedProvider(t);
        await decideProvider(t, id, 'suspendProvider', 'Records could not be substantiated.');
        return id;
      },
      'suspended',
    ],
  ])('a %s provider gets no key: PROVIDER_NOT_APPROVED, nothing written', async (_name, make, word) => {
    const providerId = await make(t);
    const before = await snapshot(t);
    const res = data(await t.gql<Created>(CREATE, { input: { providerId } }, 'staff'));
    expect(res.createApiKey).toEqual({
      token: null,
      apiKey: null,
      userErrors: [{ code: 'PROVIDER_NOT_APPROVED', field: ['input', 'providerId'] }],
    });
    const message = data(
      await t.gql<{ createApiKey: { userErrors: { message: string }[] } }>(
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { userErrors { message } } }',
        { input: { providerId } },
        'staff',
      ),
    ).createApiKey.userErrors[0].message;
    expect(message).toBe(`This provider is ${word}: only an approved provider gets an API key.`);
    expect(await snapshot(t)).toEqual(before);
  });

  it('a key with a changed secret, or of another shape, is refused', async () => {
    const providerId = await approvedProvider(t);
    const token = data(await t.gql<Created>(CREATE, { input: { providerId } }, 'staff')).createApiKey.token!;
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await call(tampered)).status).toBe(401);
  });

  it('a revoked key is refused at once; staff revoke any key, a provider only its own; each change is logged', async () => {
    const providerA = await approvedProvider(t);
    const providerB = await approvedProvider(t);
    const a = data(await t.gql<Created>(CREATE, { input: { providerId: providerA } }, 'staff')).createApiKey;
    const b = data(await t.gql<Created>(CREATE, { input: { providerId: providerB } }, 'staff')).createApiKey;

    // Provider B may not revoke A's key: it does not even see it.
    const foreign = data(
      await t.gql<{ revokeApiKey: { userErrors: unknown[] } }>(
        REVOKE,
        { input: { apiKeyId: a.apiKey!.id } },
        { provider: providerB },
      ),
    );
    expect(foreign.revokeApiKey.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'apiKeyId'] }]);
    expect((await call(a.token!)).status).toBe(200);

    // A provider revokes its own key; staff revoke another.
    const own = data(
      await t.gql<{ revokeApiKey: { apiKey: { revokedAt: string } } }>(
        REVOKE,
        { input: { apiKeyId: b.apiKey!.id } },
        { provider: providerB },
      ),
    );
    expect(own.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    expect((await call(b.token!)).status).toBe(401);
    data(await t.gql(REVOKE, { input: { apiKeyId: a.apiKey!.id, reason: 'Leaked in a log' } }, 'staff'));
    const refused = await call(a.token!);
    expect(refused.status).toBe(401);
    const again = data(
      await t.gql<{ revokeApiKey: { userErrors: unknown[] } }>(REVOKE, { input: { apiKeyId: a.apiKey!.id } }, 'staff'),
    );
    expect(again.revokeApiKey.userErrors).toEqual([{ code: 'INVALID_TRANSITION', field: ['input', 'apiKeyId'] }]);

    const log = data(
      await t.gql<{ decisionLog: { nodes: { action: string; actorType: string; reason: string | null }[] } }>(
        `query($id: ID!) { decisionLog(filter: { subjectId: $id }) { nodes { action actorType reason } } }`,
        { id: a.apiKey!.id },
        'staff',
      ),
    );
    expect(log.decisionLog.nodes).toEqual([
      { action: 'API_KEY_CREATED', actorType: 'STAFF', reason: null },
      { action: 'API_KEY_REVOKED', actorType: 'STAFF', reason: 'Leaked in a log' },
    ]);
  });

  it('only staff create keys; a provider sees only its own keys', async () => {
    const providerId = await approvedProvider(t);
    const asProvider = await t.gql(CREATE, { input: { providerId } }, { provider: providerId });
    expect(asProvider.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(CREATE, { input: { providerId } });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const mine = data(
      await t.gql<{ apiKeys: { provider: { id: string } }[] }>(`{ apiKeys { provider { id } } }`, undefined, {
        provider: providerId,
      }),
    );
    expect(mine.apiKeys.length).toBeGreaterThan(0);
    expect(new Set(mine.apiKeys.map((k) => k.provider.id))).toEqual(new Set([providerId]));
  });
});
