import { As, data, GqlResponse, PRODUCTION_ENV, startTestApp, TestApp } from './harness';
import { RandomSource } from '../../src/rules/audit';

/**
 * What the attack suites share: a production server whose every answer is kept, raw requests,
 * and the final check that no answer leaked internals (stack traces, SQL, paths, driver names).
 */

export interface ErrorOut {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}
export interface Body {
  data?: unknown;
  errors?: ErrorOut[];
  extensions?: Record<string, unknown>;
}
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Body;
}
export interface UserErrorOut {
  code: string;
  field: string[] | null;
  message: string;
}
export type Payload<T> = T & { userErrors: UserErrorOut[] };

/** Every response body of the suite, for the final check for leaked internals. */
const collected: string[] = [];
/** Hostile strings the suite stored itself: they may come back, literally, as data. */
export const planted = new Set<string>();

/** A production server whose every answer is collected. */
export async function startProduction(
  options: { today?: string; env?: Record<string, string>; random?: RandomSource } = {},
): Promise<TestApp> {
  const t = await startTestApp({
    today: options.today ?? '2026-06-15',
    env: { ...PRODUCTION_ENV, ...options.env },
    // Audits (R11): every accepted recertification is selected, so that audits exist to probe.
    random: options.random ?? { next: () => 0.05 },
  });
  collect(t);
  return t;
}

/** Keeps every answer of this app (and of what it is given later) for `expectNoLeaks`. */
export function collect(t: TestApp): TestApp {
  const gql = t.gql;
  t.gql = (async (query: string, variables?: Record<string, unknown>, as?: As) => {
    const res = await gql(query, variables, as);
    collected.push(JSON.stringify(res.body));
    return res;
  }) as TestApp['gql'];
  const http = t.http;
  t.http = async (pathname, init) => {
    const res = await http(pathname, init);
    collected.push(await res.clone().text());
    return res;
  };
  return t;
}

export async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as Body };
}

/** A raw POST /graphql: the body is sent exactly as given. */
export async function post(
  t: TestApp,
  body: string | Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
  init: Record<string, unknown> = {},
): Promise<Answer> {
  return answer(
    await t.http('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      ...init,
    } as RequestInit),
  );
}

/** An operation whose variables are JSON text as given, e.g. with a number JSON.stringify cannot write. */
export async function raw(t: TestApp, query: string, variablesJson: string, as?: As): Promise<Answer> {
  const authorization = await t.credentials(as);
  return post(
    t,
    `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`,
    authorization ? { authorization } : {},
  );
}

export const codes = (body: Body) => body.errors?.map((e) => e.extensions?.code);

/** The status, codes and data of an answer, to compare in one assertion. */
export const outcome = (res: { status: number; body: Body }) => ({
  status: res.status,
  codes: codes(res.body),
  data: res.body.data,
});

/** The payload of a mutation; fails the test when the mutation was refused. */
export function ok<T>(res: GqlResponse<object>, field: string): Payload<T> {
  const payload = (data(res) as Record<string, Payload<T>>)[field];
  expect({ field, userErrors: payload.userErrors }).toEqual({ field, userErrors: [] });
  return payload;
}

/** A petition's event and a CPR/AED card that every attack suite sends as a starting point. */
export const EVENT = {
  title: 'Kettlebell workshop',
  providerName: 'Local Gym',
  completedOn: '2026-06-01',
  contactHours: '2',
};
export const CARD = {
  issuer: 'American Red Cross',
  issuedOn: '2026-01-10',
  expiresOn: '2028-01-10',
  coversAdultCpr: true,
  coversAed: true,
  format: 'IN_PERSON',
};

let unique = 0;
/** A number never handed out before in this test file. */
export const next = () => ++unique;
export const fresh = (prefix: string) => `${prefix}-${next()}`;

/** Stack frames, source paths, SQL and driver details: none may reach a client. */
const INTERNALS = new RegExp(
  [
    String.raw`\n\s+at `,
    String.raw`\bat [\w$.<>]+ \(`,
    String.raw`[\w./\\-]+\.(?:ts|js|cjs|mjs):\d+`,
    String.raw`(?:^|[\s"'(])/(?:work|home|usr|app|opt|srv|tmp|var)/`,
    String.raw`[A-Z]:\\\\`,
    'node_modules',
    'QueryFailedError',
    'SQLITE',
    'TypeORM',
    'driverError',
    String.raw`\bSELECT\s+[\w"*.,\s]+\s+FROM\s`,
    String.raw`\bINSERT\s+INTO\b`,
    String.raw`\bUPDATE\s+"?\w+"?\s+SET\b`,
    String.raw`\bDELETE\s+FROM\b`,
    String.raw`\bDROP\s+TABLE\b`,
    'syntax error at or near',
    String.raw`violates \w+ constraint`,
    'duplicate key value',
    String.raw`relation "\w+"`,
    'stacktrace',
  ].join('|'),
  'i',
);

/** Removes what the suite stored itself, which may legitimately come back as data. */
const scrub = (text: string) =>
  [...planted].reduce((rest, s) => rest.split(JSON.stringify(s).slice(1, -1)).join('').split(s).join(''), text);

/** Asserts that no answer collected so far carries internals; `atLeast` guards against an empty check. */
export function expectNoLeaks(atLeast: number): void {
  expect(collected.length).toBeGreaterThanOrEqual(atLeast);
  const leaks = collected
    .map((text) => ({ match: INTERNALS.exec(scrub(text))?.[0], text: text.slice(0, 300) }))
    .filter((l) => l.match !== undefined);
  expect(leaks).toEqual([]);
}
