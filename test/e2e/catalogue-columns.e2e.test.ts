import { buildSchema, GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { columnsFor } from '../../src/modules/course/course.service';
import { StatementCounter } from '../../src/database/statement-counter';
import { lastCoveredDay } from '../../src/rules/coverage';
import { renewCourse, retireCourse, reviewCourse } from '../support/catalogue-fixtures';
import { approvedProvider, createCourse } from '../support/fixtures';
import { data, startTestApp, TestApp } from '../support/harness';

/**
 * The catalogue page reads only the columns of the fields asked of its items: every field answers
 * the same alone, in fragments and beside all the others, and the page statement leaves out the
 * columns nobody asked for.
 */

const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
const courseFields = Object.keys((schema.getType('Course') as GraphQLObjectType).getFields());

/** Each Course field with a selection that reads it. */
const SELECTIONS: Record<string, string> = {
  id: 'id',
  code: 'code',
  title: 'title',
  description: 'description',
  deliveryFormat: 'deliveryFormat',
  contactHours: 'contactHours',
  ceuValue: 'ceuValue',
  status: 'status',
  decisionReason: 'decisionReason',
  renewalYear: 'renewalYear',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  defaultCeuValue: 'defaultCeuValue',
  provider: 'provider { id name status kind }',
  topics: 'topics',
  programApprovals: 'programApprovals { programCode ceuValue categoryCode approvedFrom }',
  approvalPeriods: 'approvalPeriods { from through }',
  approvedThrough: 'approvedThrough',
  creditPath: 'creditPath { path reason }',
};

type Node = Record<string, unknown> & { id: string };

describe('the catalogue page reads the columns its fields need', () => {
  let t: TestApp;
  let all: Node[];
  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-02' });
    const provider = await approvedProvider(t);
    for (let i = 0; i < 3; i++) await createCourse(t, provider);
    await createCourse(t, provider, { approve: false });
    const rejected = await createCourse(t, provider, { approve: false });
    await reviewCourse(t, rejected, 'REJECT', 'Not in scope.');
    const retired = await createCourse(t, provider);
    await retireCourse(t, provider, retired);
    const renewed = await createCourse(t, provider);
    await renewCourse(t, provider, renewed);
    const everything = Object.values(SELECTIONS).join(' ');
    all = data(
      await t.gql<{ courses: { nodes: Node[] } }>(`{ courses(first: 50) { nodes { ${everything} } } }`, {}, 'staff'),
    ).courses.nodes;
    expect(all.length).toBeGreaterThanOrEqual(5);
  });
  afterAll(() => t.close());

  it('every Course field is in the table of columns (a field missing from it would read every column)', () => {
    expect(courseFields.filter((f) => columnsFor(new Set([f])) === null)).toEqual([]);
    expect(Object.keys(SELECTIONS).sort()).toEqual([...courseFields].sort());
  });

  it('R4: approvedThrough, computed in SQL, is lastCoveredDay of the approval periods for every course', () => {
    const kinds = new Set<string>();
    for (const node of all) {
      const periods = node.approvalPeriods as { from: string; through: string }[];
      expect(node.approvedThrough).toBe(lastCoveredDay(periods) ?? null);
      kinds.add(periods.length === 0 ? 'never approved' : periods.length > 1 ? 'renewed' : 'approved');
    }
    expect([...kinds].sort()).toEqual(['approved', 'never approved', 'renewed']);
  });

  it.each(Object.keys(SELECTIONS))('%s asked alone answers as beside every other field', async (field) => {
    const res = await t.gql<{ courses: { nodes: Node[] } }>(
      `{ courses(first: 50) { nodes { id ${SELECTIONS[field]} } } }`,
      {},
      'staff',
    );
    expect(data(res).courses.nodes).toEqual(all.map((n) => ({ id: n.id, [field]: n[field] })));
  });

  it('fields asked through fragments and edges are read too', async () => {
    const res = await t.gql<{ courses: { edges: { node: Node }[]; nodes: Node[] } }>(
      `query { courses(first: 50) { ...Page } }
       fragment Page on CourseConnection { edges { node { ... on Course { id ...Money } } } nodes { id code } }
       fragment Money on Course { ceuValue contactHours provider { name } }`,
      {},
      'staff',
    );
    const page = data(res).courses;
    expect(page.edges.map((e) => e.node)).toEqual(
      all.map((n) => ({
        id: n.id,
        ceuValue: n.ceuValue,
        contactHours: n.contactHours,
        provider: { name: (n.provider as { name: string }).name },
      })),
    );
    expect(page.nodes).toEqual(all.map((n) => ({ id: n.id, code: n.code })));
  });

  it('the page statement leaves out what was not asked', async () => {
    const seen: string[] = [];
    const original = StatementCounter.prototype.logQuery;
    const spy = jest.spyOn(StatementCounter.prototype, 'logQuery').mockImplementation(function (
      this: StatementCounter,
      query: string,
      ...rest
    ) {
      seen.push(query);
      return original.call(this, query, ...rest);
    });
    try {
      await t.gql(`{ courses(first: 50) { nodes { id code } } }`);
    } finally {
      spy.mockRestore();
    }
    const page = seen.find((q) => /FROM "course"/.test(q));
    expect(page).toBeDefined();
    expect(page).toMatch(/"c"\."code"/);
    expect(page).not.toMatch(/description|search_text|contact_email|approval_period/);
  });
});
