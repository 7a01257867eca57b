import { approvedProvider, createCourse, createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import { data, startTestApp, TestApp } from '../support/harness';
import {
  onDay,
  plusDays,
  reportCompletions,
  ReportOut,
  ReportRowIn,
  retireCourse,
  rowFor,
  selfReported,
  transcriptOf,
  UserErrorOut,
  whileTableLocked,
} from '../support/ledger-fixtures';

const TODAY = '2026-06-15';

/** Only the user errors: a refusal must be readable even if the rest of the payload were broken. */
const REPORT_ERRORS_ONLY = `mutation($input: ReportCompletionsInput!) {
  reportCompletions(input: $input) { userErrors { code field message } }
}`;

interface World {
  providerId: string;
  otherProviderId: string;
  /** Approved 2026-02-01 (its provider since 2026-01-05), 10 contact hours: 1.0 CEU. */
  courseA: string;
  /** Approved 2026-02-01, retired 2026-04-30, 4 contact hours: 0.4 CEU. */
  retired: string;
  /** A course of the other provider. */
  foreignCourse: string;
  /** Registered 2026-02-01, still waiting for review: never in the catalogue. */
  pending: string;
  /** Registered 2026-02-01 and rejected: never in the catalogue. */
  rejected: string;
  alex: TrainerFixture;
  chloe: TrainerFixture;
  /** Certified on 2026-03-01. */
  newcomer: TrainerFixture;
  /** The completion the provider reported before the big batch (alex, courseA, 2026-03-01). */
  priorCompletionId: string;
}

describe('reportCompletions: a provider reports completions in bulk (R3, R4, R5)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    const [providerId, otherProviderId] = await onDay(t, '2026-01-05', async () => [
      await approvedProvider(t),
      await approvedProvider(t),
    ]);
    const [courseA, retired, foreignCourse, pending, rejected] = await onDay(t, '2026-02-01', async () => [
      await createCourse(t, providerId, { contactHours: '10' }),
      await createCourse(t, providerId, { contactHours: '4' }),
      await createCourse(t, otherProviderId),
      await createCourse(t, providerId, { approve: false }),
      await createCourse(t, providerId, { approve: false }),
    ]);
    const rejection = data(
      await t.gql<{ reviewCourse: { userErrors: unknown[] } }>(
        `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code message } } }`,
        { input: { courseId: rejected, decision: 'REJECT', reason: 'Outside the scope of practice.' } },
        'staff',
      ),
    );
    expect(rejection.reviewCourse.userErrors).toEqual([]);
    await onDay(t, '2026-04-30', () => retireCourse(t, providerId, retired));
    const alex = await createTrainer(t);
    const chloe = await createTrainer(t, { firstName: 'Chloé', lastName: 'Lefèvre' });
    const newcomer = await createTrainer(t, {
      issuedOn: '2026-03-01',
      cycleStartsOn: '2026-03-01',
      expiresOn: '2028-03-01',
    });
    const prior = data(await reportCompletions(t, providerId, [rowFor(alex, courseA, '2026-03-01')]));
    expect(prior.reportCompletions.results.map((r) => r.status)).toEqual(['ACCEPTED']);
    w = {
      providerId,
      otherProviderId,
      courseA,
      retired,
      foreignCourse,
      pending,
      rejected,
      alex,
      chloe,
      newcomer,
      priorCompletionId: prior.reportCompletions.results[0].completion!.id,
    };
  });
  afterAll(() => t.close());

  describe('one batch, one row per outcome, answered in input order', () => {
    /** How a row's completion relates to others: a new entry, the earlier report, or another row's entry. */
    type Link = 'new' | 'prior' | { sameAsRow: number } | null;
    const CASES: [string, (w: World) => ReportRowIn, string, Link][] = [
      [
        'R3: an approved course on a covered date is ACCEPTED',
        (w) => rowFor(w.alex, w.courseA, '2026-03-02'),
        'ACCEPTED',
        'new',
      ],
      [
        'R5: a completion already on the transcript is a DUPLICATE of that entry',
        (w) => rowFor(w.alex, w.courseA, '2026-03-01'),
        'DUPLICATE',
        'prior',
      ],
      [
        'R5: the first copy of a row repeated in the batch is ACCEPTED',
        (w) => rowFor(w.alex, w.courseA, '2026-03-05'),
        'ACCEPTED',
        'new',
      ],
      [
        'R5: the second copy of a row repeated in the batch is a DUPLICATE of the first',
        (w) => rowFor(w.alex, w.courseA, '2026-03-05'),
        'DUPLICATE',
        { sameAsRow: 2 },
      ],
      [
        'API: an unknown certification number is UNKNOWN_CERTIFICATION',
        (w) => rowFor(w.alex, w.courseA, '2026-03-06', { certificationNumber: 'CPT-000001' }),
        'UNKNOWN_CERTIFICATION',
        null,
      ],
      [
        'API: another family name is a NAME_MISMATCH',
        (w) => rowFor(w.alex, w.courseA, '2026-03-07', { lastName: 'Somebody' }),
        'NAME_MISMATCH',
        null,
      ],
      [
        'API: another given name is a NAME_MISMATCH',
        (w) => rowFor(w.chloe, w.courseA, '2026-03-07', { firstName: 'Zoé' }),
        'NAME_MISMATCH',
        null,
      ],
      [
        'API: names match ignoring case and accents (CHLOE LEFEVRE for Chloé Lefèvre)',
        (w) => rowFor(w.chloe, w.courseA, '2026-03-08', { firstName: 'CHLOE', lastName: 'LEFEVRE' }),
        'ACCEPTED',
        'new',
      ],
      [
        'API: names match ignoring case and accents (chloé lefèvre for Chloé Lefèvre)',
        (w) => rowFor(w.chloe, w.courseA, '2026-03-09', { firstName: 'chloé', lastName: 'lefèvre' }),
        'ACCEPTED',
        'new',
      ],
      [
        'API: without a given name only the family name is checked',
        (w) => rowFor(w.alex, w.courseA, '2026-03-10', { firstName: null }),
        'ACCEPTED',
        'new',
      ],
      [
        'R4: a date before the course approval (provider already approved) is DATE_OUTSIDE_APPROVAL',
        (w) => rowFor(w.alex, w.courseA, '2026-01-31'),
        'DATE_OUTSIDE_APPROVAL',
        null,
      ],
      [
        'R4: the day after a retirement is DATE_OUTSIDE_APPROVAL',
        (w) => rowFor(w.alex, w.retired, '2026-05-01'),
        'DATE_OUTSIDE_APPROVAL',
        null,
      ],
      [
        'R4: the retirement day itself is still ACCEPTED',
        (w) => rowFor(w.alex, w.retired, '2026-04-30'),
        'ACCEPTED',
        'new',
      ],
      ['API: tomorrow is a FUTURE_DATE', (w) => rowFor(w.alex, w.courseA, plusDays(TODAY)), 'FUTURE_DATE', null],
      ['API: today is ACCEPTED', (w) => rowFor(w.alex, w.courseA, TODAY), 'ACCEPTED', 'new'],
      [
        'API: the day before the certification was issued is BEFORE_CERTIFICATION',
        (w) => rowFor(w.newcomer, w.courseA, '2026-02-28'),
        'BEFORE_CERTIFICATION',
        null,
      ],
      [
        'API: the day the certification was issued is ACCEPTED',
        (w) => rowFor(w.newcomer, w.courseA, '2026-03-01'),
        'ACCEPTED',
        'new',
      ],
      [
        'API: another provider’s course is COURSE_NOT_REPORTABLE',
        (w) => rowFor(w.alex, w.foreignCourse, '2026-03-11'),
        'COURSE_NOT_REPORTABLE',
        null,
      ],
      [
        'R3: an own course still pending review is COURSE_NOT_REPORTABLE (never approved, not in the catalogue)',
        (w) => rowFor(w.alex, w.pending, '2026-03-11'),
        'COURSE_NOT_REPORTABLE',
        null,
      ],
      [
        'R3: an own rejected course is COURSE_NOT_REPORTABLE (never approved, not in the catalogue)',
        (w) => rowFor(w.alex, w.rejected, '2026-03-11'),
        'COURSE_NOT_REPORTABLE',
        null,
      ],
      [
        'API: a garbage course ID is COURSE_NOT_REPORTABLE',
        (w) => rowFor(w.alex, 'crs_garbage!', '2026-03-11'),
        'COURSE_NOT_REPORTABLE',
        null,
      ],
      [
        'API: the ID of another type of object is COURSE_NOT_REPORTABLE',
        (w) => rowFor(w.alex, w.providerId, '2026-03-11'),
        'COURSE_NOT_REPORTABLE',
        null,
      ],
    ];
    const ref = (i: number) => (i === CASES.length - 1 ? null : `ref-${i}`);
    let rows: ReportRowIn[];
    let report: ReportOut;

    beforeAll(async () => {
      rows = CASES.map(([, build], i) => ({ ...build(w), externalRef: ref(i) }));
      report = data(await reportCompletions(t, w.providerId, rows)).reportCompletions;
    });

    it('API: one result per row, in input order, with the counts', () => {
      expect(report.userErrors).toEqual([]);
      expect(report.results.map((r) => r.index)).toEqual(CASES.map((_, i) => i));
      expect(report.results.map((r) => r.status)).toEqual(CASES.map(([, , status]) => status));
      expect(report.acceptedCount).toBe(8);
      expect(report.duplicateCount).toBe(2);
      expect(report.rejectedCount).toBe(CASES.length - 10);
    });

    it('API: every row echoes its externalRef (null when none was given)', () => {
      expect(report.results.map((r) => r.externalRef)).toEqual(CASES.map((_, i) => ref(i)));
    });

    it.each(CASES.map(([name, , status, link], i) => [name, i, status, link] as const))(
      '%s',
      (_name, i, status, link) => {
        const result = report.results[i];
        expect(result.status).toBe(status);
        expect(result.message).toEqual(expect.any(String));
        if (link === null) {
          expect(result.completion).toBeNull();
          return;
        }
        expect(result.completion).toMatchObject({ completedOn: rows[i].completedOn, providerConfirmed: true });
        if (link === 'prior') expect(result.completion!.id).toBe(w.priorCompletionId);
        else if (link === 'new') {
          expect(result.completion!.source).toBe('PROVIDER_REPORTED');
          const others = report.results.filter((r, j) => j !== i && r.status === 'ACCEPTED');
          expect(others.map((r) => r.completion?.id)).not.toContain(result.completion!.id);
          expect(result.completion!.id).not.toBe(w.priorCompletionId);
        } else expect(result.completion!.id).toBe(report.results[link.sameAsRow].completion!.id);
      },
    );

    it('R4: a date outside the course’s approval says so', () => {
      const outside = report.results.filter((r) => r.status === 'DATE_OUTSIDE_APPROVAL');
      expect(outside.map((r) => r.message)).toEqual([
        'The course approval does not cover the completion date (R4).',
        'The course approval does not cover the completion date (R4).',
      ]);
    });

    it('R5: the transcript holds accepted rows once each, rejected rows not at all, and counts a course once', async () => {
      const transcript = await transcriptOf(t, w.alex);
      expect(transcript.entries.map((e) => [e.completion.completedOn, e.completion.course?.id, e.standing])).toEqual([
        ['2026-03-01', w.courseA, 'COUNTED'],
        ['2026-03-02', w.courseA, 'SAME_COURSE_ALREADY_COUNTED'],
        ['2026-03-05', w.courseA, 'SAME_COURSE_ALREADY_COUNTED'],
        ['2026-03-10', w.courseA, 'SAME_COURSE_ALREADY_COUNTED'],
        ['2026-04-30', w.retired, 'COUNTED'],
        [TODAY, w.courseA, 'SAME_COURSE_ALREADY_COUNTED'],
      ]);
      expect(transcript.ceu).toMatchObject({ earnedAutomatic: '1.4', earned: '1.4', remaining: '0.5' });
      const newcomer = await transcriptOf(t, w.newcomer);
      expect(newcomer.entries.map((e) => e.completion.completedOn)).toEqual(['2026-03-01']);
    });
  });

  it('API: 500 rows are accepted in one call', async () => {
    const trainers = await Promise.all([1, 2, 3, 4, 5].map(() => createTrainer(t)));
    const rows = trainers.flatMap((trainer, k) =>
      Array.from({ length: 100 }, (_, d) =>
        rowFor(trainer, w.courseA, plusDays('2026-02-01', d), { externalRef: `bulk-${k}-${d}` }),
      ),
    );
    expect(rows).toHaveLength(500);
    const res = data(await reportCompletions(t, w.providerId, rows)).reportCompletions;
    expect(res.userErrors).toEqual([]);
    expect(res).toMatchObject({ acceptedCount: 500, duplicateCount: 0, rejectedCount: 0 });
    expect(res.results).toHaveLength(500);
    expect(res.results.every((r, i) => r.index === i && r.status === 'ACCEPTED')).toBe(true);
    expect(res.results.map((r) => r.externalRef)).toEqual(rows.map((r) => r.externalRef));
    expect(new Set(res.results.map((r) => r.completion?.id)).size).toBe(500);
    const transcript = await transcriptOf(t, trainers[4]);
    expect(transcript.entries).toHaveLength(100);
    expect(transcript.entries.filter((e) => e.standing === 'COUNTED')).toHaveLength(1);
    expect(transcript.ceu.earnedAutomatic).toBe('1.0');
  });

  it('API: 501 rows are refused with TOO_MANY_ITEMS on input.rows, and nothing is written', async () => {
    const trainer = await createTrainer(t);
    const rows = Array.from({ length: 501 }, (_, d) => rowFor(trainer, w.courseA, plusDays('2026-02-01', d % 130)));
    const before = await snapshot(t);
    const res = data(await reportCompletions(t, w.providerId, rows, undefined, REPORT_ERRORS_ONLY)).reportCompletions;
    expect(res.userErrors).toEqual([expect.objectContaining({ code: 'TOO_MANY_ITEMS', field: ['input', 'rows'] })]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('R5: a trainer’s self-report later reported by the provider is merged, not counted twice', async () => {
    const trainer = await createTrainer(t);
    const own = await selfReported(t, trainer, w.courseA, '2026-03-10');
    expect(own).toMatchObject({ source: 'SELF_REPORTED', creditPath: 'AUTOMATIC', providerConfirmed: false });
    const res = data(
      await reportCompletions(t, w.providerId, [rowFor(trainer, w.courseA, '2026-03-10', { externalRef: 'm-1' })]),
    ).reportCompletions;
    expect(res).toMatchObject({ acceptedCount: 0, duplicateCount: 1, rejectedCount: 0 });
    expect(res.results[0]).toMatchObject({
      status: 'DUPLICATE',
      externalRef: 'm-1',
      completion: { id: own.id, providerConfirmed: true },
    });
    const refetched = data(
      await t.gql<{ node: { providerConfirmed: boolean } | null }>(
        `query($id: ID!) { node(id: $id) { ... on Completion { providerConfirmed } } }`,
        { id: own.id },
        { trainer: trainer.trainerId },
      ),
    );
    expect(refetched.node).toEqual({ providerConfirmed: true });
    const transcript = await transcriptOf(t, trainer);
    expect(transcript.entries.map((e) => [e.completion.id, e.standing])).toEqual([[own.id, 'COUNTED']]);
    expect(transcript.ceu).toMatchObject({ earnedAutomatic: '1.0', earned: '1.0' });
  });

  it('R5: concurrent reports of the same rows record each once; the other copies are DUPLICATE of that entry', async () => {
    const trainer = await createTrainer(t);
    const rows = Array.from({ length: 40 }, (_, d) => rowFor(trainer, w.courseA, plusDays('2026-02-01', d)));
    const responses = await whileTableLocked(t, 'completion', 3, () =>
      Promise.all(Array.from({ length: 3 }, () => reportCompletions(t, w.providerId, rows))),
    );
    expect(responses.map((r) => r.body.errors)).toEqual(Array(3).fill(undefined));
    const payloads = responses.map((r) => r.body.data!.reportCompletions);
    expect(payloads.reduce((n, p) => n + p.acceptedCount, 0)).toBe(40);
    expect(payloads.reduce((n, p) => n + p.duplicateCount, 0)).toBe(2 * 40);
    rows.forEach((_, i) => {
      expect(new Set(payloads.map((p) => p.results[i].completion?.id)).size).toBe(1);
    });
    expect((await transcriptOf(t, trainer)).entries).toHaveLength(40);
  });

  describe('idempotencyKey', () => {
    let trainer: TrainerFixture;
    let rows: ReportRowIn[];
    let first: ReportOut;
    beforeAll(async () => {
      trainer = await createTrainer(t);
      rows = [
        rowFor(trainer, w.courseA, '2026-03-03', { externalRef: 'k-1' }),
        rowFor(trainer, w.courseA, '2026-03-04', { externalRef: 'k-2' }),
        rowFor(trainer, w.courseA, '2026-03-04', { certificationNumber: 'CPT-000002', externalRef: 'k-3' }),
      ];
      first = data(await reportCompletions(t, w.providerId, rows, 'batch-key-1')).reportCompletions;
    });

    it('API: the first call with a key is answered normally', () => {
      expect(first.results.map((r) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'UNKNOWN_CERTIFICATION']);
    });

    it('API: the same key and input return the same results and write nothing new', async () => {
      const before = await snapshot(t);
      const again = data(await reportCompletions(t, w.providerId, rows, 'batch-key-1')).reportCompletions;
      expect(again).toEqual(first);
      expect(await snapshot(t)).toEqual(before);
      const transcript = await transcriptOf(t, trainer);
      expect(transcript.entries).toHaveLength(2);
    });

    it('API: the same key with other input is refused with IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
      const before = await snapshot(t);
      const other = [...rows.slice(0, 2), rowFor(trainer, w.courseA, '2026-03-12')];
      const res = data(
        await reportCompletions(t, w.providerId, other, 'batch-key-1', REPORT_ERRORS_ONLY),
      ).reportCompletions;
      expect(res.userErrors).toEqual([
        expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }),
      ]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('API: keys belong to their caller: another provider may use the same key', async () => {
      const res = data(
        await reportCompletions(t, w.otherProviderId, [rowFor(trainer, w.foreignCourse, '2026-03-03')], 'batch-key-1'),
      ).reportCompletions;
      expect(res.results.map((r) => r.status)).toEqual(['ACCEPTED']);
    });
  });

  it.each([
    [
      'API: too many rows',
      () => Array.from({ length: 501 }, () => rowFor(w.alex, w.courseA, '2026-03-01')),
      undefined,
      'TOO_MANY_ITEMS',
    ],
    ['API: no rows', () => [], undefined, 'REQUIRED'],
    [
      'API: an idempotency key reused with other input',
      () => [rowFor(w.alex, w.courseA, '2026-03-20')],
      'batch-key-1',
      'IDEMPOTENCY_KEY_REUSED',
    ],
  ])('%s: the refusal is a payload valid for its schema (no results, counts 0)', async (_name, build, key, code) => {
    const res = await reportCompletions(t, w.providerId, build(), key);
    expect(res.body.errors).toBeUndefined();
    const payload = res.body.data!.reportCompletions;
    expect(payload.userErrors.map((e: UserErrorOut) => e.code)).toEqual([code]);
    expect(payload).toMatchObject({ results: [], acceptedCount: 0, duplicateCount: 0, rejectedCount: 0 });
  });

  it.each([
    ['API: a trainer may not report completions (FORBIDDEN)', () => ({ trainer: w.alex.trainerId }), 'FORBIDDEN'],
    ['API: staff may not report completions (FORBIDDEN)', () => 'staff' as const, 'FORBIDDEN'],
    ['API: an anonymous caller must sign in (UNAUTHENTICATED)', () => undefined, 'UNAUTHENTICATED'],
  ])('%s', async (_name, as, code) => {
    const before = await snapshot(t);
    const res = await t.gql(
      `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) { acceptedCount } }`,
      { input: { rows: [rowFor(w.alex, w.courseA, '2026-03-21')] } },
      as(),
    );
    expect(res.status).toBe(200);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(await snapshot(t)).toEqual(before);
  });
});
