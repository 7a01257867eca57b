import { approvedProvider, createCertifyingBody, createCourse } from '../support/fixtures';
import { As, data, GqlResponse, startTestApp, TestApp } from '../support/harness';

/**
 * Every relation is read through a per-request DataLoader, so a page costs the same number of
 * SQL statements whatever its size. The server reports the statements of each request in the
 * X-Statement-Count header.
 */
describe('no N+1: a page costs the same number of statements for 5 items and for 50', () => {
  let t: TestApp;
  const providers: string[] = [];
  const courses: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-10' });
    providers.push(await createCertifyingBody(t));
    for (let i = 0; i < 54; i++) providers.push(await approvedProvider(t));
    const topics = ['NUTRITION', 'RECOVERY', 'BUSINESS', 'PERFORMANCE'];
    for (let i = 0; i < 55; i++) {
      // Eleven courses for each of five providers (the certifying body among them), interleaved.
      courses.push(await createCourse(t, providers[i % 5], { topics: [topics[i % 4], 'PROGRAM_DESIGN'] }));
    }
  }, 120_000);
  afterAll(() => t.close());

  async function cost<T>(query: string, variables: Record<string, unknown>, as?: As): Promise<GqlResponse<T>> {
    const res = await t.gql<T>(query, variables, as);
    expect(res.body.errors).toBeUndefined();
    expect(Number.isInteger(res.statements)).toBe(true);
    return res;
  }

  type CoursePage = {
    courses: {
      totalCount?: number;
      nodes: {
        id: string;
        provider: { name: string; approvalPeriods: { from: string }[] };
        topics: string[];
        creditPath: { path: string };
        approvalPeriods: { from: string }[];
      }[];
    };
  };

  const COURSES = `query($first: Int, $filter: CourseFilter) { courses(first: $first, filter: $filter) {
    nodes { id provider { name } topics creditPath { path } approvalPeriods { from } } } }`;

  // The third column: statements spent on checking that the calling provider exists.
  const callers: [string, () => As, number][] = [
    ['anonymous', () => undefined, 0],
    ['staff', () => 'staff', 0],
    ['a provider', () => ({ provider: providers[1] }), 1],
  ];

  it.each(callers)(
    'courses with provider, topics, creditPath and approvalPeriods, as %s',
    async (_who, as, identity) => {
      const small = await cost<CoursePage>(COURSES, { first: 5 }, as());
      const large = await cost<CoursePage>(COURSES, { first: 50 }, as());
      // The pages are what they claim to be: the data was really resolved for every item.
      expect(data(small).courses.nodes.map((n) => n.id)).toEqual(courses.slice(0, 5));
      expect(data(large).courses.nodes.map((n) => n.id)).toEqual(courses.slice(0, 50));
      for (const node of data(large).courses.nodes) {
        expect(node.provider.name).toEqual(expect.any(String));
        expect(node.topics).toContain('PROGRAM_DESIGN');
        expect(node.creditPath.path).toBe('AUTOMATIC');
        expect(node.approvalPeriods).toEqual([{ from: '2026-03-10' }]);
      }
      expect(large.statements).toBe(small.statements);
      // page + provider + provider periods + course periods + topics, and for creditPath the
      // courses' approvals per program and the program catalogue
      expect(small.statements).toBeLessThanOrEqual(7 + identity);
    },
  );

  it('courses with edges, nested provider approval periods, creditPath on a date and totalCount', async () => {
    const query = `query($first: Int) { courses(first: $first) { totalCount
      edges { cursor node { id code title ceuValue approvedThrough creditPath(on: "2026-12-31") { path reason }
        provider { id name kind approvalPeriods { from through } } topics approvalPeriods { from through } } } } }`;
    const small = await cost<{ courses: { totalCount: number; edges: unknown[] } }>(query, { first: 5 });
    const large = await cost<{ courses: { totalCount: number; edges: unknown[] } }>(query, { first: 50 });
    expect(data(large).courses.totalCount).toBe(55);
    expect(data(large).courses.edges).toHaveLength(50);
    expect(large.statements).toBe(small.statements);
    // the seven above + the count
    expect(small.statements).toBeLessThanOrEqual(8);
  });

  it('a filtered page (topic and creditPath) costs no more per item', async () => {
    const filter = { topic: 'PROGRAM_DESIGN', creditPath: 'AUTOMATIC', on: '2026-06-01' };
    const small = await cost<CoursePage>(COURSES, { first: 5, filter });
    const large = await cost<CoursePage>(COURSES, { first: 50, filter });
    expect(data(large).courses.nodes).toHaveLength(50);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(7);
  });

  type ProviderPage = { providers: { nodes: { id: string; name: string; approvalPeriods: { from: string }[] }[] } };
  const PROVIDERS = `query($first: Int) { providers(first: $first) { nodes { id name approvalPeriods { from } } } }`;

  it.each(callers)('providers with approvalPeriods, as %s', async (_who, as, identity) => {
    const small = await cost<ProviderPage>(PROVIDERS, { first: 5 }, as());
    const large = await cost<ProviderPage>(PROVIDERS, { first: 50 }, as());
    expect(data(small).providers.nodes.map((n) => n.id)).toEqual(providers.slice(0, 5));
    expect(data(large).providers.nodes.map((n) => n.id)).toEqual(providers.slice(0, 50));
    expect(data(large).providers.nodes[0].approvalPeriods).toEqual([{ from: '2000-01-01' }]);
    for (const node of data(large).providers.nodes.slice(1))
      expect(node.approvalPeriods).toEqual([{ from: '2026-03-10' }]);
    expect(large.statements).toBe(small.statements);
    // page + approval periods
    expect(small.statements).toBeLessThanOrEqual(2 + identity);
  });

  it('nodes(ids:) of courses with their providers costs the same for 5 IDs and for 50', async () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Course { provider { name } topics
      creditPath { path } approvalPeriods { from } } } }`;
    const small = await cost<{ nodes: { id: string }[] }>(query, { ids: courses.slice(0, 5) });
    const large = await cost<{ nodes: { id: string }[] }>(query, { ids: courses.slice(0, 50) });
    expect(data(large).nodes.map((n) => n.id)).toEqual(courses.slice(0, 50));
    expect(large.statements).toBe(small.statements);
    // courses + providers (for the access check and the field) + provider periods + course periods + topics
    // + the courses' approvals per program + the program catalogue
    expect(small.statements).toBeLessThanOrEqual(7);
  });

  it('the header counts statements: a query that reads nothing costs none', async () => {
    const res = await cost(`{ viewer { role } }`, {});
    expect(res.statements).toBe(0);
  });
});
