import { startTestApp, TestApp } from '../support/harness';
import {
  certificationRecord,
  completionRecord,
  courseRecord,
  errorsOf,
  imported,
  importRecords,
  ImportedEntryOut,
  providerRecord,
  recordPath,
  staffTranscript,
} from '../support/import-fixtures';

const TODAY = '2026-06-15';
const NUMBER = 'IMP-R3-1';

/**
 * The imported history the table reads (every boundary is a period of an imported record):
 * - `r3-prv`: APPROVED 2025-03-01..2025-08-31 and again from 2025-11-01 (still open);
 *   `r3-year` covers all of 2025 (so only the provider's periods decide);
 *   `r3-gap` covers 2025-11-10..2025-12-31 and 2026-02-01..2026-12-31 (January 2026 is a gap)
 *   while the provider is approved (so only the course's periods decide);
 * - `r3-susp`: SUSPENDED, approved 2025-02-01..2026-03-31 (closed), with `r3-susp-crs` covering
 *   all of 2025 and 2026;
 * - `r3-body`: the certifying body, with no approval periods at all, and `r3-body-crs` covering 2025;
 * - certification IMP-R3-1 issued 2025-01-01, its cycle to 2027-01-01: every date below is on the
 *   transcript of its current cycle.
 */
const HISTORY = [
  providerRecord('r3-prv', {
    approvedPeriods: [{ from: '2025-03-01', through: '2025-08-31' }, { from: '2025-11-01' }],
  }),
  courseRecord('r3-year', 'r3-prv', {
    code: 'R3-YEAR',
    approvalPeriods: [{ from: '2025-01-01', through: '2025-12-31' }],
  }),
  courseRecord('r3-gap', 'r3-prv', {
    code: 'R3-GAP',
    approvalPeriods: [
      { from: '2025-11-10', through: '2025-12-31' },
      { from: '2026-02-01', through: '2026-12-31' },
    ],
  }),
  providerRecord('r3-susp', {
    status: 'SUSPENDED',
    statusReason: 'Audit findings.',
    approvedPeriods: [{ from: '2025-02-01', through: '2026-03-31' }],
  }),
  courseRecord('r3-susp-crs', 'r3-susp', {
    code: 'R3-SUSP',
    approvalPeriods: [
      { from: '2025-01-01', through: '2025-12-31' },
      { from: '2026-01-01', through: '2026-12-31' },
    ],
  }),
  providerRecord('r3-body', { kind: 'CERTIFYING_BODY', name: 'The Certifying Body', approvedPeriods: [] }),
  courseRecord('r3-body-crs', 'r3-body', {
    code: 'R3-BODY',
    approvalPeriods: [{ from: '2025-01-01', through: '2025-12-31' }],
  }),
  certificationRecord('r3-cert', NUMBER, { issuedOn: '2025-01-01', earlierExpiries: null }),
];

type Reason = 'PRE_APPROVED' | 'PROVIDER_NOT_APPROVED_ON_DATE' | 'COURSE_NOT_APPROVED_ON_DATE';

/** [name, course, date, reason]: AUTOMATIC when PRE_APPROVED, PETITION_REQUIRED otherwise. */
const CASES: [string, string, string, Reason][] = [
  // The provider's approved periods, the course covering the whole year.
  [
    'R3: a completion the day before the provider’s first approved period needs a petition',
    'r3-year',
    '2025-02-28',
    'PROVIDER_NOT_APPROVED_ON_DATE',
  ],
  [
    'R3: a completion on the first day of the provider’s approved period counts automatically',
    'r3-year',
    '2025-03-01',
    'PRE_APPROVED',
  ],
  [
    'R3: a completion on the last day of the provider’s approved period counts automatically',
    'r3-year',
    '2025-08-31',
    'PRE_APPROVED',
  ],
  [
    'R3: a completion the day after the provider’s approved period needs a petition',
    'r3-year',
    '2025-09-01',
    'PROVIDER_NOT_APPROVED_ON_DATE',
  ],
  [
    'R3: a completion the day before the provider’s re-approval needs a petition',
    'r3-year',
    '2025-10-31',
    'PROVIDER_NOT_APPROVED_ON_DATE',
  ],
  [
    'R3: a completion on the first day of the provider’s open period counts automatically',
    'r3-year',
    '2025-11-01',
    'PRE_APPROVED',
  ],
  // A course's approval periods, the provider approved throughout.
  [
    'R4: a completion the day before the course’s first approval period needs a petition',
    'r3-gap',
    '2025-11-09',
    'COURSE_NOT_APPROVED_ON_DATE',
  ],
  [
    'R4: a completion on the first day of the course’s approval period counts automatically',
    'r3-gap',
    '2025-11-10',
    'PRE_APPROVED',
  ],
  [
    'R4: a completion on the last day of the course’s approval year counts automatically',
    'r3-gap',
    '2025-12-31',
    'PRE_APPROVED',
  ],
  [
    'R4: a completion on the first day of a gap between two course periods needs a petition',
    'r3-gap',
    '2026-01-01',
    'COURSE_NOT_APPROVED_ON_DATE',
  ],
  [
    'R4: a completion on the last day of a gap between two course periods needs a petition',
    'r3-gap',
    '2026-01-31',
    'COURSE_NOT_APPROVED_ON_DATE',
  ],
  [
    'R4: a completion on the first day of the course’s next period counts automatically',
    'r3-gap',
    '2026-02-01',
    'PRE_APPROVED',
  ],
  [
    'R4: a completion after the course’s last approval year ended needs a petition',
    'r3-year',
    '2026-01-05',
    'COURSE_NOT_APPROVED_ON_DATE',
  ],
  // Neither approved: the provider is named first.
  [
    'R3: a completion when neither provider nor course was approved names the provider',
    'r3-gap',
    '2025-09-15',
    'PROVIDER_NOT_APPROVED_ON_DATE',
  ],
  // A suspended provider's closed period.
  [
    'R3: a completion the day before a suspended provider’s approval began needs a petition',
    'r3-susp-crs',
    '2025-01-31',
    'PROVIDER_NOT_APPROVED_ON_DATE',
  ],
  [
    'R3: a completion on the first day of a suspended provider’s closed period counts automatically',
    'r3-susp-crs',
    '2025-02-01',
    'PRE_APPROVED',
  ],
  [
    'R3: a completion on the last day before a provider’s suspension keeps its credit',
    'r3-susp-crs',
    '2026-03-31',
    'PRE_APPROVED',
  ],
  [
    'R3: a completion the day after a provider’s suspension needs a petition',
    'r3-susp-crs',
    '2026-04-01',
    'PROVIDER_NOT_APPROVED_ON_DATE',
  ],
  // The certifying body is always approved: only its course's periods count.
  [
    'R3: a course of the certifying body counts automatically without any provider period',
    'r3-body-crs',
    '2025-02-15',
    'PRE_APPROVED',
  ],
  [
    'R4: a course of the certifying body outside its approval year needs a petition',
    'r3-body-crs',
    '2026-01-01',
    'COURSE_NOT_APPROVED_ON_DATE',
  ],
];

/** The certification's ID, as a re-import of its record answers it. */
const certificationIdOf = async (t: TestApp) =>
  (await importRecords(t, [HISTORY[HISTORY.length - 1]])).results[0].id as string;

const externalIdOf = (n: number) => `r3-cmp-${n}`;
const sourceOf = (reason: Reason) => (reason === 'PRE_APPROVED' ? 'PROVIDER_REPORTED' : 'SELF_REPORTED');

describe('importRecords: credit paths of imported completions on both sides of every imported period boundary (R3, R4)', () => {
  let t: TestApp;
  const entries = new Map<string, ImportedEntryOut>();

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    await imported(t, HISTORY);
    // Automatic dates as the provider reports them; the others self-reported, kept for a petition.
    const results = await imported(
      t,
      CASES.map(([, course, date, reason], n) =>
        completionRecord(externalIdOf(n), NUMBER, course, date, { source: sourceOf(reason) }),
      ),
    );
    const certificationId = await certificationIdOf(t);
    const transcript = await staffTranscript(t, certificationId);
    results.forEach((r, n) => {
      const entry = transcript.entries.find((e) => e.completion.id === r.id);
      if (entry) entries.set(externalIdOf(n), entry);
    });
  });
  afterAll(() => t.close());

  test.each(CASES.map((c, n) => [...c, n] as const))('%s', (_name, _course, date, reason, n) => {
    const entry = entries.get(externalIdOf(n));
    expect(entry?.completion).toMatchObject({
      completedOn: date,
      source: sourceOf(reason),
      creditPath: reason === 'PRE_APPROVED' ? 'AUTOMATIC' : 'PETITION_REQUIRED',
      creditReason: reason,
    });
    // Automatic entries earn the course's value at once; the others wait for a petition (R6).
    expect(entry?.completion.ceuValue).toBe(reason === 'PRE_APPROVED' ? '1.0' : '0.0');
    expect(entry?.standing).toEqual(
      reason === 'PRE_APPROVED' ? expect.stringMatching(/^(COUNTED|SAME_COURSE_ALREADY_COUNTED)$/) : 'PETITION_NEEDED',
    );
  });

  test('R3: a provider-reported completion on each date outside approval is refused with DATE_OUTSIDE_APPROVAL', async () => {
    const outside = CASES.map((c, n) => [c, n] as const).filter(([[, , , reason]]) => reason !== 'PRE_APPROVED');
    const out = await importRecords(
      t,
      outside.map(([[, course, date], n]) =>
        completionRecord(`${externalIdOf(n)}-provider`, NUMBER, course, date, { source: 'PROVIDER_REPORTED' }),
      ),
      { dryRun: true },
    );
    expect(out.results.map((r) => [r.status, errorsOf(r)])).toEqual(
      outside.map((_, i) => [
        'REFUSED',
        [{ code: 'DATE_OUTSIDE_APPROVAL', field: recordPath(i, 'completion', 'completedOn') }],
      ]),
    );
  });

  test('R3: a self-reported completion on an approved date counts automatically all the same', async () => {
    const out = await importRecords(
      t,
      [completionRecord('r3-self-auto', NUMBER, 'r3-gap', '2026-02-02', { source: 'SELF_REPORTED' })],
      { dryRun: true },
    );
    expect(out.results.map((r) => r.status)).toEqual(['CREATED']);
    const [created] = await imported(t, [
      completionRecord('r3-self-auto', NUMBER, 'r3-gap', '2026-02-02', { source: 'SELF_REPORTED' }),
    ]);
    const certificationId = await certificationIdOf(t);
    const entry = (await staffTranscript(t, certificationId)).entries.find((e) => e.completion.id === created.id);
    expect(entry?.completion).toMatchObject({
      source: 'SELF_REPORTED',
      creditPath: 'AUTOMATIC',
      creditReason: 'PRE_APPROVED',
    });
  });

  test('R3: the suspended provider reads back with its status, reason and closed period', async () => {
    const out = await importRecords(t, [HISTORY[3]], { dryRun: true });
    const res = await t.gql<{ node: unknown }>(
      `query($id: ID!) { node(id: $id) { ... on Provider { status statusReason approvalPeriods { from through } } } }`,
      { id: out.results[0].id },
      'staff',
    );
    expect(res.body.data?.node).toEqual({
      status: 'SUSPENDED',
      statusReason: 'Audit findings.',
      approvalPeriods: [{ from: '2025-02-01', through: '2026-03-31' }],
    });
  });
});
