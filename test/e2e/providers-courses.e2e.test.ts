import { approvedProvider, createCourse } from '../support/fixtures';
import { data, startTestApp, TestApp } from '../support/harness';

const COURSE_FIELDS = `id status ceuValue defaultCeuValue renewalYear approvedThrough
  approvalPeriods { from through } creditPath { path reason }`;

describe('providers and courses: lifecycle through the API (R3, R4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-10' });
  });
  afterAll(() => t.close());

  const review = (courseId: string, decision: string, extra: Record<string, unknown> = {}) =>
    t.gql<{
      reviewCourse: { course: Record<string, unknown> | null; userErrors: { code: string; field: string[] }[] };
    }>(
      `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { course { ${COURSE_FIELDS} } userErrors { code field message } } }`,
      { input: { courseId, decision, ...extra } },
      'staff',
    );

  it('R4: a course approved on 2026-03-10 is covered through 31 Dec with the R2 default value', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId, { contactHours: '7.5', approve: false });
    const res = data(await review(courseId, 'APPROVE'));
    expect(res.reviewCourse.userErrors).toEqual([]);
    expect(res.reviewCourse.course).toMatchObject({
      status: 'APPROVED',
      ceuValue: '0.75',
      defaultCeuValue: '0.75',
      approvedThrough: '2026-12-31',
      approvalPeriods: [{ from: '2026-03-10', through: '2026-12-31' }],
    });
  });

  it.each([
    [
      'R3/R4: the day before approval (of provider and course) needs a petition',
      '2026-03-09',
      'PETITION_REQUIRED',
      'PROVIDER_NOT_APPROVED_ON_DATE',
    ],
    ['R4: the approval day counts automatically', '2026-03-10', 'AUTOMATIC', 'PRE_APPROVED'],
    ['R4: 31 Dec of the approval year counts automatically', '2026-12-31', 'AUTOMATIC', 'PRE_APPROVED'],
    ['R4: 1 Jan of the next year needs a petition', '2027-01-01', 'PETITION_REQUIRED', 'COURSE_NOT_APPROVED_ON_DATE'],
  ])('%s', async (_name, on, path, reason) => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId);
    const res = data(
      await t.gql<{ course: { creditPath: { path: string; reason: string } } }>(
        `query($id: ID!, $on: Date) { course(id: $id) { creditPath(on: $on) { path reason } } }`,
        { id: courseId, on },
      ),
    );
    expect(res.course.creditPath).toEqual({ path, reason });
  });

  it('R2: staff may assign another CEU value at approval', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId, { contactHours: '10', approve: false });
    const res = data(await review(courseId, 'APPROVE', { ceuValue: '1.25' }));
    expect(res.reviewCourse.course).toMatchObject({ ceuValue: '1.25', defaultCeuValue: '1.0' });
  });

  it('a rejection needs a reason, and a rejected course can be changed and resubmitted', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId, { approve: false });
    const noReason = data(await review(courseId, 'REJECT'));
    expect(noReason.reviewCourse.userErrors).toEqual([
      expect.objectContaining({ code: 'REQUIRED', field: ['input', 'reason'] }),
    ]);
    const rejected = data(await review(courseId, 'REJECT', { reason: 'Too short.' }));
    expect(rejected.reviewCourse.course).toMatchObject({ status: 'REJECTED', approvalPeriods: [] });
    const updated = data(
      await t.gql<{ updateCourse: { course: { status: string; contactHours: string } } }>(
        `mutation($input: UpdateCourseInput!) { updateCourse(input: $input) { course { status contactHours } userErrors { code } } }`,
        { input: { courseId, contactHours: '12' } },
        { provider: providerId },
      ),
    );
    expect(updated.updateCourse.course).toEqual({ status: 'PENDING_REVIEW', contactHours: '12.0' });
  });

  it('R4: a renewal is asked by the provider and confirmed by staff for the next calendar year', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId);
    const renew = () =>
      t.gql<{ renewCourse: { course: { renewalYear: number } | null; userErrors: { code: string }[] } }>(
        `mutation($input: CourseActionInput!) { renewCourse(input: $input) { course { renewalYear } userErrors { code } } }`,
        { input: { courseId } },
        { provider: providerId },
      );
    expect(data(await renew()).renewCourse.course).toEqual({ renewalYear: 2027 });
    expect(data(await renew()).renewCourse.userErrors).toEqual([{ code: 'RENEWAL_ALREADY_REQUESTED' }]);
    const confirmed = data(await review(courseId, 'APPROVE'));
    expect(confirmed.reviewCourse.course).toMatchObject({
      renewalYear: null,
      approvedThrough: '2027-12-31',
      approvalPeriods: [
        { from: '2026-03-10', through: '2026-12-31' },
        { from: '2027-01-01', through: '2027-12-31' },
      ],
    });
    expect(data(await renew()).renewCourse.userErrors).toEqual([{ code: 'RENEWAL_TOO_EARLY' }]);
  });

  it('R4: a retired course covers its retirement day and nothing after; the public no longer sees it', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId);
    t.clock.setToday('2026-05-20');
    try {
      const retired = data(
        await t.gql<{ retireCourse: { course: Record<string, unknown> } }>(
          `mutation($input: CourseActionInput!) { retireCourse(input: $input) { course { ${COURSE_FIELDS} } userErrors { code } } }`,
          { input: { courseId, reason: 'New edition.' } },
          { provider: providerId },
        ),
      );
      expect(retired.retireCourse.course).toMatchObject({ status: 'RETIRED', approvedThrough: '2026-05-20' });
      const path = (on: string) =>
        t.gql<{ course: { creditPath: { path: string } } }>(
          `query($id: ID!, $on: Date) { course(id: $id) { creditPath(on: $on) { path } } }`,
          { id: courseId, on },
          'staff',
        );
      expect(data(await path('2026-05-20')).course.creditPath.path).toBe('AUTOMATIC');
      expect(data(await path('2026-05-21')).course.creditPath.path).toBe('PETITION_REQUIRED');
      expect(data(await t.gql(`query($id: ID!) { course(id: $id) { id } }`, { id: courseId })).course).toBeNull();
    } finally {
      t.clock.setToday('2026-03-10');
    }
  });

  it('R3: a provider suspended on a day keeps that day covered; the day after needs a petition', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId);
    t.clock.setToday('2026-04-01');
    try {
      const suspended = data(
        await t.gql<{ suspendProvider: { provider: { status: string; approvalPeriods: unknown[] } } }>(
          `mutation($input: ProviderDecisionInput!) { suspendProvider(input: $input) { provider { status approvalPeriods { from through } } userErrors { code } } }`,
          { input: { providerId, reason: 'Audit findings.' } },
          'staff',
        ),
      );
      expect(suspended.suspendProvider.provider).toEqual({
        status: 'SUSPENDED',
        approvalPeriods: [{ from: '2026-03-10', through: '2026-04-01' }],
      });
      const path = async (on: string) =>
        data(
          await t.gql<{ course: { creditPath: { path: string; reason: string } } }>(
            `query($id: ID!, $on: Date) { course(id: $id) { creditPath(on: $on) { path reason } } }`,
            { id: courseId, on },
            'staff',
          ),
        ).course.creditPath;
      expect(await path('2026-04-01')).toEqual({ path: 'AUTOMATIC', reason: 'PRE_APPROVED' });
      expect(await path('2026-04-02')).toEqual({ path: 'PETITION_REQUIRED', reason: 'PROVIDER_NOT_APPROVED_ON_DATE' });
    } finally {
      t.clock.setToday('2026-03-10');
    }
  });

  it.each([
    ['approveProvider on an approved provider is refused', 'approveProvider', 'INVALID_TRANSITION'],
    ['rejectProvider on an approved provider is refused', 'rejectProvider', 'INVALID_TRANSITION'],
  ])('%s', async (_name, mutation, code) => {
    const providerId = await approvedProvider(t);
    const res = data(
      await t.gql<Record<string, { userErrors: { code: string }[] }>>(
        `mutation($input: ProviderDecisionInput!) { ${mutation}(input: $input) { userErrors { code } } }`,
        { input: { providerId, reason: 'x' } },
        'staff',
      ),
    );
    expect(res[mutation].userErrors).toEqual([{ code }]);
  });

  it('every staff decision lands in the decision log', async () => {
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId);
    const log = data(
      await t.gql<{ decisionLog: { nodes: { action: string; actorType: string; actorId: string }[] } }>(
        `query($id: ID!) { decisionLog(filter: { subjectId: $id }) { nodes { action actorType actorId } } }`,
        { id: courseId },
        'staff',
      ),
    );
    expect(log.decisionLog.nodes).toEqual([
      { action: 'COURSE_APPROVED', actorType: 'STAFF', actorId: 'test.reviewer' },
    ]);
  });

  it('a pending provider cannot register courses', async () => {
    const applied = data(
      await t.gql<{ applyAsProvider: { provider: { id: string } } }>(
        `mutation { applyAsProvider(input: { name: "Pending Co", contactEmail: "a@b.example" }) { provider { id } } }`,
      ),
    );
    const res = data(
      await t.gql<{ registerCourse: { course: null; userErrors: { code: string }[] } }>(
        `mutation { registerCourse(input: { code: "X1", title: "X", contactHours: "1", topics: [NUTRITION], deliveryFormat: IN_PERSON }) { course { id } userErrors { code } } }`,
        undefined,
        { provider: applied.applyAsProvider.provider.id },
      ),
    );
    expect(res.registerCourse).toEqual({ course: null, userErrors: [{ code: 'PROVIDER_NOT_APPROVED' }] });
  });

  it.each<[string, () => Promise<unknown>, boolean]>([
    ['anonymous', async () => undefined, false],
    ['another provider', async () => ({ provider: await approvedProvider(t) }), false],
    ['the provider itself', async () => 'SELF', true],
    ['staff', async () => 'staff', true],
  ])('a provider’s contact e-mail is shown to %s: %s', async (_who, caller, shown) => {
    const providerId = await approvedProvider(t);
    const who = await caller();
    const as = who === 'SELF' ? { provider: providerId } : (who as undefined | 'staff' | { provider: string });
    const res = data(
      await t.gql<{ provider: { contactEmail: string | null } }>(
        `query($id: ID!) { provider(id: $id) { contactEmail } }`,
        { id: providerId },
        as,
      ),
    );
    expect(res.provider.contactEmail).toBe(shown ? 'ce@partner.example' : null);
  });
});
