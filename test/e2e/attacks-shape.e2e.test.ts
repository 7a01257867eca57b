import {
  GraphQLInputObjectType,
  GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { bulkMutationNames, ONE_BULK_MUTATION, shapeLimits, shapeRefusal } from '../../src/common/document-limits';
import { DEFAULT_LIMITS } from '../../src/common/limits';
import { loadConfig } from '../../src/config';
import { buildAppSchema } from '../../src/schema';
import { codes, expectNoLeaks, fresh, outcome, post, startProduction } from '../support/attack-kit';
import { approvedProvider, createCourse, createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import { TestApp } from '../support/harness';
import { onDay, rowFor } from '../support/ledger-fixtures';

/**
 * Refusals that cost less than the work they refuse, and no batching of writes through aliases:
 * the shape limits (depth, aliases, directives, fields, mutations) are checked before the
 * specification's validation rules walk the document, and answer one error.
 */

const TODAY = '2026-06-15';

/** Milliseconds of CPU per call of `work`: the best of three batches, after a warm-up. */
function cpuMs(work: () => void, runs = 10): number {
  for (let i = 0; i < 5; i++) work();
  let best = Infinity;
  for (let batch = 0; batch < 3; batch++) {
    const started = process.cpuUsage();
    for (let i = 0; i < runs; i++) work();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000 / runs);
  }
  return best;
}

/** Wall-clock milliseconds of one request. */
async function timed<T>(request: () => Promise<T>): Promise<{ ms: number; res: T }> {
  const started = performance.now();
  const res = await request();
  return { ms: performance.now() - started, res };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The document the issue measured: 300 copies of one selection, 4.5 KB, no operation name. */
const OVERLAPPING_300 = `{ ${'viewer { role } '.repeat(300)}}`;
const CHEAP = '{ viewer { role } }';

/** `n` aliased registerCourse calls, each with its own variable and a fresh course code. */
function aliasedCourses(n: number) {
  const aliases = Array.from(
    { length: n },
    (_, i) => `c${i}: registerCourse(input: $c${i}) { course { id } userErrors { code } }`,
  );
  const declarations = aliases.map((_, i) => `$c${i}: RegisterCourseInput!`).join(', ');
  const variables = Object.fromEntries(
    aliases.map((_, i) => [
      `c${i}`,
      {
        code: fresh('ALIAS'),
        title: 'Alias course',
        contactHours: '2',
        topics: ['NUTRITION'],
        deliveryFormat: 'LIVE_ONLINE',
      },
    ]),
  );
  return { aliases, declarations, variables };
}

describe('shape limits on the production server', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startProduction({ today: TODAY });
  });
  afterAll(() => t.close());

  describe('cheap to refuse', () => {
    it('100 copies of @include on one field are one error, not one per directive', async () => {
      const res = await t.gql(`{ viewer { role ${'@include(if: true) '.repeat(100)}} }`);
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors!.map((e) => e.message)).toEqual([
        'The query uses 100 directives; at most 20 are allowed.',
      ]);
      expect(JSON.stringify(res.body).length).toBeLessThan(300);
    });

    it.each([
      ['300 copies of viewer { role } (600 fields)', OVERLAPPING_300, 600],
      ['201 fields', `{ viewer { ${'role '.repeat(200)}} }`, 201],
      [
        'fields multiplied by fragment spreads (a fragment spread 10 times that spreads another 10 times)',
        `{ viewer { ${'...A '.repeat(10)}} } fragment A on Viewer { ${'...B '.repeat(10)}} fragment B on Viewer { role role role }`,
        301,
      ],
      [
        'a fragment no operation spreads',
        `{ viewer { role } } fragment Unused on Viewer { ${'role '.repeat(200)}}`,
        202,
      ],
      [
        'fields spread over many operations',
        Array.from({ length: 101 }, (_, i) => `query Q${i} { viewer { role } }`).join(' '),
        202,
      ],
    ])('%s: 400 GRAPHQL_VALIDATION_FAILED, one error', async (_name, query, count) => {
      const res = await post(t, JSON.stringify({ query, operationName: query.startsWith('query') ? 'Q0' : undefined }));
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors!.map((e) => e.message)).toEqual([
        `The query selects ${count} fields, counting a fragment at each spread; at most 200 are allowed.`,
      ]);
    });

    it('values written in arguments count with the fields: 400 GRAPHQL_VALIDATION_FAILED, one error', async () => {
      const ids = Array.from({ length: 300 }, (_, i) => `"crs_${i}"`).join(' ');
      const res = await t.gql(`{ nodes(ids: [${ids}]) { id } }`);
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors!.map((e) => e.message)).toEqual([
        'The query selects 2 fields and writes 301 values in arguments, 303 in all, counting a fragment at each ' +
          'spread; at most 200 are allowed. Send large inputs as variables: a variable counts as one value.',
      ]);
    });

    it('a fan-out of fragments (2^40 fields) is counted without expanding it, and refused', async () => {
      const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Viewer { ...F${i + 1} ...F${i + 1} }`);
      const { ms, res } = await timed(() =>
        t.gql(`{ viewer { ...F0 } } ${fragments.join(' ')} fragment F40 on Viewer { role }`),
      );
      const cheap = await timed(() => t.gql(CHEAP));
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors!.map((e) => e.message)).toEqual([
        'The query selects more than 1000000000 fields, counting a fragment at each spread; at most 200 are allowed.',
      ]);
      expect(ms / cheap.ms).toBeLessThan(20);
    });

    it('a document at every limit at once is served (180 fields and 20 values, 30 aliases, 20 directives, 12 levels)', async () => {
      const deep =
        'viewer { trainer { certifications { trainer { certifications { trainer { certifications { trainer { certifications { trainer { certifications { id } } } } } } } } } } }';
      const aliases = Array.from(
        { length: 30 },
        (_, i) => `a${i}: viewer { role${i < 20 ? ' @include(if: true)' : ''} }`,
      ).join(' ');
      const query = `{ ${deep} ${aliases} ${'viewer { role } '.repeat(54)}}`;
      expect(shapeRefusal(parse(query), { ...DEFAULT_LIMITS, maxFields: 199 }, new Set())).toMatch(
        /180 fields and writes 20 values in arguments, 200 in all/,
      );
      const res = await t.gql(query);
      expect({ status: res.status, codes: codes(res.body) }).toEqual({ status: 200, codes: undefined });
    });

    it('the 300-copy document is refused about as fast as a cheap document is answered', async () => {
      const cheap: number[] = [];
      const refused: number[] = [];
      for (let i = 0; i < 7; i++) {
        cheap.push((await timed(() => t.gql(CHEAP))).ms);
        const { ms, res } = await timed(() => t.gql(OVERLAPPING_300));
        expect({ status: res.status, errors: res.body.errors?.length }).toEqual({ status: 400, errors: 1 });
        refused.push(ms);
      }
      const ratio = median(refused) / median(cheap);
      console.log(`refused in ${median(refused).toFixed(1)} ms, a cheap answer in ${median(cheap).toFixed(1)} ms`);
      // Before the check ran first, the refusal took 350–460 ms: over ten times a cheap answer even
      // with graphql-js's own work budget; now it is parsed, counted and answered.
      expect(ratio).toBeLessThan(5);
    });

    it('ten of them at once do not stall a cheap request sent alongside', async () => {
      /** The cheap request's time while `flood` requests are in flight. */
      const alongside = async (flood: () => Promise<{ status: number }>, status: number) => {
        const sent = Array.from({ length: 10 }, flood);
        const cheap = timed(() => t.gql(CHEAP));
        expect((await Promise.all(sent)).map((a) => a.status)).toEqual(Array(10).fill(status));
        const { ms, res } = await cheap;
        expect(outcome(res)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'ANONYMOUS' } } });
        return ms;
      };
      // The control flood: ten valid documents as long as the refused one, each new to the
      // document cache (padded with a comment), so each is parsed and validated too.
      let n = 0;
      const padded = () => t.gql(`# ${++n} ${'x'.repeat(OVERLAPPING_300.length)}\n${CHEAP}`);
      const alone: number[] = [];
      const control: number[] = [];
      const flooded: number[] = [];
      for (let round = 0; round < 5; round++) {
        alone.push((await timed(() => t.gql(CHEAP))).ms);
        control.push(await alongside(padded, 200));
        flooded.push(await alongside(() => t.gql(OVERLAPPING_300), 400));
      }
      const [byAlone, byControl] = [median(flooded) / median(alone), median(flooded) / median(control)];
      console.log(
        `cheap request: ${median(alone).toFixed(1)} ms alone, ${median(control).toFixed(1)} ms beside ten valid ` +
          `documents, ${median(flooded).toFixed(1)} ms beside ten refused ones (${byAlone.toFixed(1)}× and ${byControl.toFixed(1)}×)`,
      );
      // Before, it waited 4.5 s behind the flood: about a thousand times its time alone.
      expect(byAlone).toBeLessThan(100);
      expect(byControl).toBeLessThan(5);
    });
  });

  describe('no batching through aliases', () => {
    let provider: string;
    let course: string;
    let trainers: TrainerFixture[];
    const REPORT_SELECTION = 'report { id } acceptedCount userErrors { code message }';

    beforeAll(async () => {
      // Approved at New Year, so that every row's date is covered.
      provider = await onDay(t, '2026-01-01', () => approvedProvider(t, 'Alias Batch Fitness'));
      course = await onDay(t, '2026-01-01', () => createCourse(t, provider));
      trainers = await Promise.all(Array.from({ length: 10 }, () => createTrainer(t)));
    });

    /** 500 distinct rows: ten trainers, fifty days each. */
    const rows = () =>
      trainers.flatMap((trainer) =>
        Array.from({ length: 50 }, (_, day) =>
          rowFor(trainer, course, `2026-0${1 + Math.floor(day / 28)}-${String(1 + (day % 28)).padStart(2, '0')}`),
        ),
      );

    const refusedWithoutWrites = async (
      query: string,
      variables: Record<string, unknown>,
      as: Parameters<TestApp['gql']>[2],
      message: string,
    ) => {
      const before = await snapshot(t);
      const res = await t.gql(query, variables, as);
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors!.map((e) => e.message)).toEqual([message]);
      expect(await snapshot(t)).toEqual(before);
    };

    it('30 aliased reportCompletions of 500 rows each are refused before any runs; nothing is written', async () => {
      const aliases = Array.from(
        { length: 30 },
        (_, i) => `r${i}: reportCompletions(input: $input) { ${REPORT_SELECTION} }`,
      );
      await refusedWithoutWrites(
        `mutation($input: ReportCompletionsInput!) { ${aliases.join(' ')} }`,
        { input: { rows: rows() } },
        { provider },
        'The operation runs 30 bulk mutations (reportCompletions); at most one bulk mutation is allowed per request. ' +
          'Send all the rows in one call, or each call in its own request.',
      );
    });

    it.each([
      [
        'two aliased reportCompletions',
        `mutation($a: ReportCompletionsInput!, $b: ReportCompletionsInput!) {
          a: reportCompletions(input: $a) { ${REPORT_SELECTION} } b: reportCompletions(input: $b) { ${REPORT_SELECTION} } }`,
        'reportCompletions',
      ],
      [
        'a second reportCompletions hidden in a fragment and an inline fragment',
        `mutation($a: ReportCompletionsInput!, $b: ReportCompletionsInput!) { ...First ... on Mutation { b: reportCompletions(input: $b) { ${REPORT_SELECTION} } } }
         fragment First on Mutation { a: reportCompletions(input: $a) { ${REPORT_SELECTION} } }`,
        'reportCompletions',
      ],
    ])('%s are refused; nothing is written', async (_name, query, names) => {
      const [first, second] = [rows().slice(0, 250), rows().slice(250)];
      await refusedWithoutWrites(
        query,
        { a: { rows: first }, b: { rows: second } },
        { provider },
        `The operation runs 2 bulk mutations (${names}); at most one bulk mutation is allowed per request. ` +
          'Send all the rows in one call, or each call in its own request.',
      );
    });

    it('importRecords with reportCompletions in one document is refused; nothing is written', async () => {
      await refusedWithoutWrites(
        `mutation($records: ImportRecordsInput!, $report: ReportCompletionsInput!) {
          importRecords(input: $records) { userErrors { code } }
          reportCompletions(input: $report) { ${REPORT_SELECTION} } }`,
        {
          records: {
            records: [{ provider: { externalId: 'P-1', name: 'Imported Provider', contactEmail: 'p@x.example' } }],
          },
          report: { rows: rows().slice(0, 1) },
        },
        'staff',
        'The operation runs 2 bulk mutations (importRecords, reportCompletions); at most one bulk mutation is allowed ' +
          'per request. Send all the rows in one call, or each call in its own request.',
      );
    });

    it('30 aliased anonymous applyAsProvider are refused before any runs; no provider is created', async () => {
      const aliases = Array.from(
        { length: 30 },
        (_, i) =>
          `a${i}: applyAsProvider(input: { name: "Alias Spam ${i}", contactEmail: "spam${i}@alias.example" }) { provider { id } }`,
      );
      await refusedWithoutWrites(
        `mutation { ${aliases.join(' ')} }`,
        {},
        undefined,
        'The operation runs 30 mutations; at most 5 are allowed per request. Send the others in further requests.',
      );
    });

    it('six aliased registerCourse are refused; nothing is written', async () => {
      const { aliases, declarations, variables } = aliasedCourses(6);
      await refusedWithoutWrites(
        `mutation(${declarations}) { ${aliases.join(' ')} }`,
        variables,
        { provider },
        'The operation runs 6 mutations; at most 5 are allowed per request. Send the others in further requests.',
      );
    });

    it('control: one reportCompletions of 500 rows and four registerCourse in one document all run', async () => {
      const { aliases: courses, declarations, variables: courseVariables } = aliasedCourses(4);
      const variables = { report: { rows: rows() }, ...courseVariables };
      const res = await t.gql<
        Record<string, { userErrors: unknown[]; acceptedCount?: number; course?: { id: string } }>
      >(
        `mutation($report: ReportCompletionsInput!, ${declarations}) {
          reportCompletions(input: $report) { ${REPORT_SELECTION} } ${courses.join(' ')} }`,
        variables,
        { provider },
      );
      expect({ status: res.status, codes: codes(res.body) }).toEqual({ status: 200, codes: undefined });
      const answer = res.body.data!;
      expect(answer.reportCompletions).toMatchObject({ acceptedCount: 500, userErrors: [] });
      for (let i = 0; i < 4; i++)
        expect(answer[`c${i}`]).toMatchObject({ course: { id: expect.any(String) }, userErrors: [] });
    });
  });

  afterAll(() => expectNoLeaks(20));
});

describe('the limits are settings', () => {
  it('QUERY_MAX_FIELDS and QUERY_MAX_MUTATIONS default to 200 and 5 and take whole numbers of at least 1', () => {
    expect(loadConfig({}).limits).toMatchObject({ maxFields: 200, maxMutations: 5 });
    expect(() => loadConfig({ QUERY_MAX_FIELDS: '0', QUERY_MAX_MUTATIONS: 'five' })).toThrow(
      /QUERY_MAX_FIELDS must be a whole number of at least 1[\s\S]*QUERY_MAX_MUTATIONS must be a whole number/,
    );
  });

  it('a server started with QUERY_MAX_FIELDS=10 and QUERY_MAX_MUTATIONS=1 keeps those', async () => {
    const tight = await startProduction({ today: TODAY, env: { QUERY_MAX_FIELDS: '10', QUERY_MAX_MUTATIONS: '1' } });
    try {
      expect(codes((await tight.gql(`{ ${'viewer { role } '.repeat(5)}}`)).body)).toBeUndefined();
      const fields = await tight.gql(`{ viewer { ${'role '.repeat(10)}} }`);
      expect(fields.body.errors!.map((e) => e.message)).toEqual([
        'The query selects 11 fields, counting a fragment at each spread; at most 10 are allowed.',
      ]);
      const before = await snapshot(tight);
      const mutations = await tight.gql(
        `mutation { ${[1, 2].map((i) => `a${i}: applyAsProvider(input: { name: "Tight ${i}", contactEmail: "t${i}@tight.example" }) { provider { id } }`).join(' ')} }`,
      );
      expect(mutations.body.errors!.map((e) => e.message)).toEqual([
        'The operation runs 2 mutations; at most 1 are allowed per request. Send the others in further requests.',
      ]);
      expect(await snapshot(tight)).toEqual(before);
    } finally {
      await tight.close();
    }
  });
});

describe('the validation budget, in process', () => {
  let schema: GraphQLSchema;
  const rules = [...specifiedRules, shapeLimits(DEFAULT_LIMITS)];

  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  const chain = (depth: number) => {
    const names = ['viewer', ...Array.from({ length: depth - 2 }, (_, i) => (i % 2 ? 'certifications' : 'trainer'))];
    return `${names.map((n) => `${n} { `).join('')}id ${'} '.repeat(names.length)}`;
  };
  const literalIds = (n: number) => `[${Array.from({ length: n }, (_, i) => `"crs_${i}"`).join(' ')}]`;

  /**
   * The costliest documents within the default limits (200 fields and argument values): the
   * quadratic rule fed as many pairs, and as many arguments to compare per pair, as it may take.
   */
  const WORST: [string, string][] = [
    ['200 fields: 100 copies of one field with a sub-selection', `{ ${'viewer { role } '.repeat(100)}}`],
    ['200 fields: one leaf 199 times', `{ viewer { ${'role '.repeat(199)}} }`],
    [
      '196 fields: 14 copies of a field with 13 copies of a leaf',
      `{ ${`viewer { ${'role '.repeat(13)}} `.repeat(14)}}`,
    ],
    [
      '199 fields: two fragments of 99 copies compared with each other',
      `{ viewer { ...A ...B } } fragment A on Viewer { ${'role '.repeat(99)}} fragment B on Viewer { ${'role '.repeat(99)}}`,
    ],
    ['192 fields: 16 copies of a 12-level chain, overlapping at every level', `{ ${chain(12).concat(' ').repeat(16)}}`],
    ['200: 40 copies of a field with a list of 2 literals', `{ ${`nodes(ids: ${literalIds(2)}) { id } `.repeat(40)}}`],
    [
      '195: 13 copies of a field with a list of 12 literals',
      `{ ${`nodes(ids: ${literalIds(12)}) { id } `.repeat(13)}}`,
    ],
    ['200: 2 copies of a field with a list of 97 literals', `{ ${`nodes(ids: ${literalIds(97)}) { id } `.repeat(2)}}`],
    [
      '198: 33 copies of a field with an input object argument',
      `{ ${'courses(first: 1, filter: { text: "yoga", topic: NUTRITION }) { totalCount } '.repeat(33)}}`,
    ],
    [
      '200 fields, 30 aliases, all overlapping',
      `{ ${'v: viewer { role } '.repeat(30)}${'viewer { role } '.repeat(70)}}`,
    ],
    [
      '200: 20 directives on overlapping fields',
      `{ ${'viewer { role @include(if: true) } '.repeat(20)}${'viewer { role } '.repeat(70)}}`,
    ],
    [
      '200: 20 operations sharing a fragment that uses a variable 7 times',
      `${Array.from({ length: 20 }, (_, i) => `query Q${i}($a: ID!) { ...F }`).join(' ')}
       fragment F on Query { nodes(ids: [${'$a '.repeat(7)}]) { id } }`,
    ],
    ['200: one variable used 197 times', `query($a: ID!) { nodes(ids: [${'$a '.repeat(197)}]) { id } }`],
  ];

  /** Documents over the limits, which the shape check refuses before the other rules walk them. */
  const REFUSED: [string, string][] = [
    ['300 copies of viewer { role }', OVERLAPPING_300],
    ['3995 copies of one leaf', `{ viewer { ${'role '.repeat(3995)}} }`],
    ['100 directives on one field', `{ viewer { role ${'@include(if: true) '.repeat(100)}} }`],
    ['100 copies of a field with a list of 29 literals', `{ ${`nodes(ids: ${literalIds(29)}) { id } `.repeat(100)}}`],
    [
      '100 operations sharing a fragment that uses a variable 1,300 times',
      `${Array.from({ length: 100 }, (_, i) => `query Q${i}($a: ID!) { ...F }`).join(' ')}
       fragment F on Query { nodes(ids: [${'$a '.repeat(1300)}]) { id } }`,
    ],
  ];

  it('the worst documents within the limits keep the limits and parse within the token limit', () => {
    for (const [name, query] of WORST) {
      const document = parse(query, { maxTokens: DEFAULT_LIMITS.maxTokens });
      expect({
        name,
        within: shapeRefusal(document, DEFAULT_LIMITS, new Set()),
        atTheLimit: shapeRefusal(document, { ...DEFAULT_LIMITS, maxFields: 189 }, new Set()) !== undefined,
      }).toEqual({ name, within: undefined, atTheLimit: true });
    }
  });

  it('no document within the limits takes 50 ms to validate; a refusal costs less than the slowest of them', () => {
    const time = (query: string) => {
      const document = parse(query, { maxTokens: DEFAULT_LIMITS.maxTokens });
      return cpuMs(() => validate(schema, document, rules));
    };
    const before = time(CHEAP);
    const worst = WORST.map(([name, query]) => ({ name, ms: time(query) }));
    const refused = REFUSED.map(([name, query]) => ({ name, ms: time(query) }));
    // Timed before and after the others, once the validator is warm: the lower is the baseline.
    const trivial = Math.min(before, time(CHEAP));
    const slowest = worst.reduce((a, b) => (b.ms > a.ms ? b : a));
    const report = [...worst, ...refused].map(
      (w) => `${(w.ms / trivial).toFixed(1).padStart(6)}×  ${w.ms.toFixed(2).padStart(6)} ms  ${w.name}`,
    );
    console.log(`Validation CPU time, against a trivial document (${trivial.toFixed(3)} ms):\n${report.join('\n')}`);
    expect({ slowest: slowest.name, under50ms: slowest.ms < 50 }).toEqual({ slowest: slowest.name, under50ms: true });
    // A refused document is walked once, linearly; the documents within the limits are walked by
    // every rule, one of them quadratic. Compared in the same run, so a busy machine slows both.
    for (const r of refused)
      expect({ name: r.name, cheaperThanTheSlowest: r.ms < slowest.ms }).toEqual({
        name: r.name,
        cheaperThanTheSlowest: true,
      });
  });

  it('a refused document is answered with the one error of the shape check', () => {
    for (const [, query] of REFUSED) expect(validate(schema, parse(query), rules)).toHaveLength(1);
  });
});

describe('bulk mutations are marked in one place', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  /** Mutations whose input carries a list of records that are not bulk, and why. */
  const NOT_BULK: Record<string, string> = {
    submitAuditDocuments: 'at most 20 documents, all for the one audit the trainer answers',
    reviewCourse: 'at most 20 program approvals, all of the one course reviewed',
  };

  /** Mutations whose `input` has a list of input objects: the ones that could write many rows. */
  function listsOfRecords(): string[] {
    const fields = schema.getMutationType()!.getFields();
    return Object.values(fields)
      .filter((field) => {
        const input = field.args.find((a) => a.name === 'input');
        const type = input && getNamedType(input.type);
        if (!type || !isInputObjectType(type)) return false;
        return Object.values((type as GraphQLInputObjectType).getFields()).some((f) => {
          const list = isNonNullType(f.type) ? f.type.ofType : f.type;
          return isListType(list) && isInputObjectType(getNamedType(list));
        });
      })
      .map((f) => f.name)
      .sort();
  }

  it('every mutation that takes a list of records is bulk, or is named here with the reason it is not', () => {
    const bulk = bulkMutationNames(schema);
    expect([...bulk].sort()).toEqual(['importRecords', 'reportCompletions']);
    expect(listsOfRecords()).toEqual([...new Set([...bulk, ...Object.keys(NOT_BULK)])].sort());
  });

  it('each bulk mutation says in its description that one runs per request', () => {
    const fields = schema.getMutationType()!.getFields();
    for (const name of bulkMutationNames(schema)) {
      expect({ name, description: fields[name].description }).toEqual({
        name,
        description: expect.stringContaining(ONE_BULK_MUTATION),
      });
    }
  });
});
