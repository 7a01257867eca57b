import { Provider } from '../../src/modules/provider/provider.entity';
import { approvedProvider, createTrainer, snapshot } from '../support/fixtures';
import { As, data, startTestApp, TestApp } from '../support/harness';
import {
  applicationRecord,
  certificationRecord,
  completionRecord,
  courseRecord,
  cprAedRecord,
  errorsOf,
  eventCompletionRecord,
  IMPORT_MUTATION,
  ImportOut,
  ImportRecord,
  imported,
  importRecords,
  ImportResultOut,
  petitionRecord,
  providerRecord,
  recordPath,
  staffNode,
  staffTranscript,
  uniqueId,
} from '../support/import-fixtures';
import { whileTableLocked } from '../support/ledger-fixtures';

const TODAY = '2026-06-15';

type Snapshot = Record<string, unknown[]>;

/** A snapshot without the decision log, and the decision log apart. */
function split(snap: Snapshot): { rest: Snapshot; log: { action: string; details: Record<string, unknown> }[] } {
  const { decision_log_entry: log, ...rest } = snap;
  return { rest, log: log as { action: string; details: Record<string, unknown> }[] };
}

/** The same JSON with the keys of every object in reverse order (the content hash must not care). */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((k) => [k, reversedKeys((value as Record<string, unknown>)[k])]),
    ) as T;
  }
  return value;
}

const byKey = (results: ImportResultOut[]) => new Map(results.map((r) => [`${r.kind}:${r.externalId}`, r]));

/** One record of each kind (two completions: one counts automatically, one carries the petition). */
function everyKind(prefix: string, number: string): ImportRecord[] {
  return [
    providerRecord(`${prefix}-prv`, {
      name: `Imported Academy ${prefix}`,
      statusReason: null,
      approvedPeriods: [{ from: '2020-01-01', through: '2021-12-31' }, { from: '2023-01-01' }],
    }),
    courseRecord(`${prefix}-crs`, `${prefix}-prv`, {
      code: `K-${prefix}`,
      title: 'Kettlebell Foundations',
      contactHours: '12.5',
      ceuValue: '1.25',
      topics: ['PROGRAM_DESIGN', 'NUTRITION'],
      deliveryFormat: 'HYBRID',
    }),
    certificationRecord(`${prefix}-cert`, number, { issuedOn: '2023-07-01', earlierExpiries: ['2025-07-01'] }),
    completionRecord(`${prefix}-auto`, number, `${prefix}-crs`, '2025-10-02', { externalRef: 'ROW-7' }),
    eventCompletionRecord(`${prefix}-event`, number, '2026-01-15'),
    cprAedRecord(`${prefix}-card`, number),
    petitionRecord(`${prefix}-pet`, `${prefix}-event`, {
      status: 'APPROVED',
      requestedCeu: '0.8',
      awardedCeu: '0.6',
      submittedOn: '2026-02-01',
      decidedOn: '2026-02-20',
      decisionReason: 'Relevant to program design.',
    }),
    applicationRecord(`${prefix}-app`, number, {
      cycleExpiresOn: '2025-07-01',
      receivedOn: '2025-06-01',
      status: 'APPROVED',
    }),
  ];
}

describe('importRecords: every kind created, read back, and matched again (go-live import)', () => {
  let t: TestApp;
  const NUMBER = 'IMP-ALL-1';
  const records = everyKind('all', NUMBER);
  let first: ImportOut;
  let before: Snapshot;
  const id = (kind: string, externalId: string) =>
    first.results.find((r) => r.kind === kind && r.externalId === externalId)?.id as string;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    before = await snapshot(t);
    first = await importRecords(t, records);
  });
  afterAll(() => t.close());

  test('API: a call of every kind is committed, each record CREATED with a global ID of its type', () => {
    expect(first.userErrors).toEqual([]);
    expect(first.committed).toBe(true);
    expect(first.summary).toEqual({ created: records.length, unchanged: 0, refused: 0 });
    expect(first.results.map((r) => [r.index, r.kind, r.externalId, r.status, r.errors])).toEqual([
      [0, 'PROVIDER', 'all-prv', 'CREATED', []],
      [1, 'COURSE', 'all-crs', 'CREATED', []],
      [2, 'CERTIFICATION', 'all-cert', 'CREATED', []],
      [3, 'COMPLETION', 'all-auto', 'CREATED', []],
      [4, 'COMPLETION', 'all-event', 'CREATED', []],
      [5, 'CPR_AED_CREDENTIAL', 'all-card', 'CREATED', []],
      [6, 'PETITION', 'all-pet', 'CREATED', []],
      [7, 'RECERTIFICATION_APPLICATION', 'all-app', 'CREATED', []],
    ]);
    const prefixes = first.results.map((r) => r.id?.split('_')[0]);
    expect(prefixes).toEqual(['prv', 'crs', expect.any(String), 'cmp', 'cmp', expect.any(String), 'pet', 'app']);
    expect(new Set(first.results.map((r) => r.id)).size).toBe(records.length);
  });

  test('R3: the imported provider reads back with its status and approval history', async () => {
    const provider = await staffNode(
      t,
      id('PROVIDER', 'all-prv'),
      `... on Provider { kind name status contactEmail website approvalPeriods { from through } }`,
    );
    expect(provider).toEqual({
      id: id('PROVIDER', 'all-prv'),
      kind: 'PARTNER',
      name: 'Imported Academy all',
      status: 'APPROVED',
      contactEmail: 'ce@provider.example',
      website: 'https://provider.example',
      approvalPeriods: [
        { from: '2020-01-01', through: '2021-12-31' },
        { from: '2023-01-01', through: null },
      ],
    });
  });

  test('R2/R4: the imported course reads back with its status, assigned CEU value and approval years', async () => {
    const course = await staffNode(
      t,
      id('COURSE', 'all-crs'),
      `... on Course { code title status ceuValue contactHours topics deliveryFormat approvedThrough
        approvalPeriods { from through } provider { id } }`,
    );
    expect(course).toEqual({
      id: id('COURSE', 'all-crs'),
      code: 'K-all',
      title: 'Kettlebell Foundations',
      status: 'APPROVED',
      ceuValue: '1.25',
      contactHours: '12.5',
      topics: ['NUTRITION', 'PROGRAM_DESIGN'],
      deliveryFormat: 'HYBRID',
      approvedThrough: '2026-12-31',
      approvalPeriods: [
        { from: '2024-03-01', through: '2024-12-31' },
        { from: '2025-01-01', through: '2025-12-31' },
        { from: '2026-01-01', through: '2026-12-31' },
      ],
      provider: { id: id('PROVIDER', 'all-prv') },
    });
  });

  test('R1/R10: the imported certification reads back with its number, dates and current cycle', async () => {
    const certification = await staffNode(
      t,
      id('CERTIFICATION', 'all-cert'),
      `... on Certification { number programCode issuedOn cycleStartsOn expiresOn status
        trainer { firstName lastName email } }`,
    );
    expect(certification).toEqual({
      id: id('CERTIFICATION', 'all-cert'),
      number: NUMBER,
      programCode: 'CPT',
      issuedOn: '2023-07-01',
      cycleStartsOn: '2025-07-02',
      expiresOn: '2027-07-01',
      status: 'ACTIVE',
      trainer: { firstName: 'Dana', lastName: 'Importallcert', email: 'all-cert@trainers.example' },
    });
  });

  test('R7: the imported CPR/AED card shows on trainer { cprAedCredentials }', async () => {
    const cert = await staffNode<{ trainer: { id: string } }>(
      t,
      id('CERTIFICATION', 'all-cert'),
      `... on Certification { trainer { id } }`,
    );
    const res = data(
      await t.gql<{ trainer: { cprAedCredentials: unknown[] } }>(
        `query($id: ID!) { trainer(id: $id) {
          cprAedCredentials { id issuer cardNumber issuedOn expiresOn coversAdultCpr coversAed format } } }`,
        { id: cert!.trainer.id },
        'staff',
      ),
    );
    expect(res.trainer.cprAedCredentials).toEqual([
      {
        id: id('CPR_AED_CREDENTIAL', 'all-card'),
        issuer: 'Red Cross',
        cardNumber: 'RC-all-card',
        issuedOn: '2025-09-01',
        expiresOn: '2027-09-01',
        coversAdultCpr: true,
        coversAed: true,
        format: 'IN_PERSON',
      },
    ]);
  });

  test('R3/R6: the imported completions are on the transcript with their credit paths, the petition’s award counted', async () => {
    const transcript = await staffTranscript(t, id('CERTIFICATION', 'all-cert'));
    expect(transcript.cycle).toEqual({ startsOn: '2025-07-02', expiresOn: '2027-07-01' });
    expect(transcript.entries).toEqual([
      {
        standing: 'COUNTED',
        countedCeu: '1.25',
        completion: {
          id: id('COMPLETION', 'all-auto'),
          completedOn: '2025-10-02',
          source: 'PROVIDER_REPORTED',
          creditPath: 'AUTOMATIC',
          creditReason: 'PRE_APPROVED',
          ceuValue: '1.25',
          title: 'Kettlebell Foundations',
          course: { id: id('COURSE', 'all-crs') },
        },
      },
      {
        standing: 'COUNTED',
        countedCeu: '0.6',
        completion: {
          id: id('COMPLETION', 'all-event'),
          completedOn: '2026-01-15',
          source: 'PETITION',
          creditPath: 'PETITION_REQUIRED',
          creditReason: 'NOT_IN_CATALOGUE',
          ceuValue: '0.6',
          title: 'Workshop all-event',
          course: null,
        },
      },
    ]);
    expect(transcript.ceu).toEqual({
      earnedAutomatic: '1.25',
      earnedByPetition: '0.6',
      earned: '1.85',
      pending: '0.0',
    });
  });

  test('R6: the imported petition reads back with its decision and award', async () => {
    const petition = await staffNode(
      t,
      id('PETITION', 'all-pet'),
      `... on Petition { status requestedCeu awardedCeu decisionReason submittedAt decidedAt fee { amount currencyCode }
        completion { id } }`,
    );
    expect(petition).toEqual({
      id: id('PETITION', 'all-pet'),
      status: 'APPROVED',
      requestedCeu: '0.8',
      awardedCeu: '0.6',
      decisionReason: 'Relevant to program design.',
      submittedAt: '2026-02-01T00:00:00.000Z',
      decidedAt: '2026-02-20T00:00:00.000Z',
      fee: { amount: '25.00', currencyCode: 'USD' },
      completion: { id: id('COMPLETION', 'all-event') },
    });
  });

  test('R8/R10: the imported application is listed by recertificationApplications with its window, fee and new expiry', async () => {
    const res = data(
      await t.gql<{ recertificationApplications: { nodes: unknown[] } }>(
        `query($id: ID!) { recertificationApplications(filter: { certificationId: $id }) {
          nodes { id status cycleExpiresOn receivedOn newExpiresOn phase feeTotal { amount currencyCode } refusalReason }
        } }`,
        { id: id('CERTIFICATION', 'all-cert') },
        'staff',
      ),
    );
    expect(res.recertificationApplications.nodes).toEqual([
      {
        id: id('RECERTIFICATION_APPLICATION', 'all-app'),
        status: 'APPROVED',
        cycleExpiresOn: '2025-07-01',
        receivedOn: '2025-06-01',
        newExpiresOn: '2027-07-01',
        phase: 'ON_TIME',
        feeTotal: { amount: '99.00', currencyCode: 'USD' },
        refusalReason: null,
      },
    ]);
  });

  test('API: the committed call wrote one RECORDS_IMPORTED decision-log row counting each kind', async () => {
    const added = split(await snapshot(t)).log.slice(split(before).log.length);
    expect(added).toEqual([
      expect.objectContaining({
        action: 'RECORDS_IMPORTED',
        actorType: 'STAFF',
        actorId: 'test.reviewer',
        details: {
          created: 8,
          unchanged: 0,
          refused: 0,
          byKind: {
            PROVIDER: 1,
            COURSE: 1,
            CERTIFICATION: 1,
            COMPLETION: 2,
            CPR_AED_CREDENTIAL: 1,
            PETITION: 1,
            RECERTIFICATION_APPLICATION: 1,
          },
        },
      }),
    ]);
  });

  describe('matched: importing the same records again changes nothing', () => {
    test('API: a re-import answers UNCHANGED with the same IDs and writes no ledger row, only one decision-log row', async () => {
      const snapBefore = split(await snapshot(t));
      const again = await importRecords(t, records);
      const snapAfter = split(await snapshot(t));
      expect(again.committed).toBe(true);
      expect(again.userErrors).toEqual([]);
      expect(again.summary).toEqual({ created: 0, unchanged: records.length, refused: 0 });
      expect(again.results.map((r) => [r.status, r.id, r.errors])).toEqual(
        first.results.map((r) => ['UNCHANGED', r.id, []]),
      );
      expect(snapAfter.rest).toEqual(snapBefore.rest);
      // What the code does: a committed call is logged even when it created nothing.
      expect(snapAfter.log.slice(snapBefore.log.length)).toEqual([
        expect.objectContaining({
          action: 'RECORDS_IMPORTED',
          details: expect.objectContaining({ created: 0, unchanged: records.length, refused: 0 }),
        }),
      ]);
    });

    test('API: the same records in reverse order, with every key in another order, are UNCHANGED (canonical hash)', async () => {
      const snapBefore = split(await snapshot(t));
      const shuffled = reversedKeys([...records].reverse());
      expect(JSON.stringify(shuffled)).not.toEqual(JSON.stringify([...records].reverse()));
      const again = await importRecords(t, shuffled);
      expect(again.committed).toBe(true);
      expect(again.summary).toEqual({ created: 0, unchanged: records.length, refused: 0 });
      const earlier = byKey(first.results);
      for (const r of again.results) {
        expect([r.status, r.id]).toEqual(['UNCHANGED', earlier.get(`${r.kind}:${r.externalId}`)?.id]);
      }
      expect(split(await snapshot(t)).rest).toEqual(snapBefore.rest);
    });

    test('API: each record again in a call of its own, the last kind first, is UNCHANGED with its ID', async () => {
      for (const [n, record] of [...records.entries()].reverse()) {
        const out = await importRecords(t, [record]);
        expect([out.committed, out.results[0].status, out.results[0].id]).toEqual([
          true,
          'UNCHANGED',
          first.results[n].id,
        ]);
      }
    });

    test('API: an explicit null for an optional field hashes like the field left out', async () => {
      const [provider] = records;
      const withNulls = { provider: { ...provider.provider, kind: null, statusReason: null } };
      const out = await importRecords(t, [withNulls]);
      expect(out.results.map((r) => [r.status, r.id])).toEqual([['UNCHANGED', id('PROVIDER', 'all-prv')]]);
    });

    test('API: a dry run of records imported before answers UNCHANGED with their IDs', async () => {
      const out = await importRecords(t, records.slice(0, 3), { dryRun: true });
      expect(out.committed).toBe(false);
      expect(out.results.map((r) => [r.status, r.id])).toEqual(
        first.results.slice(0, 3).map((r) => ['UNCHANGED', r.id]),
      );
    });
  });
});

describe('importRecords: all or nothing, dry runs, repeats within a call', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    await imported(t, [providerRecord('aon-prv'), courseRecord('aon-crs', 'aon-prv')]);
  });
  afterAll(() => t.close());

  test('API: one refused record refuses the call: nothing written, the refused record named, the others CREATED without ID', async () => {
    const before = await snapshot(t);
    const records = [
      providerRecord('aon-new-prv'),
      courseRecord('aon-new-crs', 'aon-new-prv'),
      certificationRecord('aon-cert', 'IMP-AON-1'),
      completionRecord('aon-cmp', 'IMP-AON-1', 'aon-crs', '2026-06-16'),
      cprAedRecord('aon-card', 'IMP-AON-1'),
      courseRecord('aon-crs', 'aon-prv'),
    ];
    const out = await importRecords(t, records);
    expect(await snapshot(t)).toEqual(before);
    expect(out.committed).toBe(false);
    expect(out.summary).toEqual({ created: 4, unchanged: 1, refused: 1 });
    expect(out.results.map((r) => [r.index, r.status, r.id])).toEqual([
      [0, 'CREATED', null],
      [1, 'CREATED', null],
      [2, 'CREATED', null],
      [3, 'REFUSED', null],
      [4, 'CREATED', null],
      [5, 'UNCHANGED', expect.stringMatching(/^crs_/)],
    ]);
    expect(errorsOf(out.results[3])).toEqual([
      { code: 'FUTURE_DATE', field: recordPath(3, 'completion', 'completedOn') },
    ]);
    expect(out.userErrors).toEqual([
      {
        code: 'IMPORT_REFUSED',
        field: ['input', 'records'],
        message: '1 of 6 records were refused, so nothing was written; see the results.',
      },
    ]);
  });

  test('API: a dry run writes nothing yet answers as the import then does', async () => {
    const records = [
      providerRecord('dry-prv'),
      courseRecord('dry-crs', 'dry-prv'),
      certificationRecord('dry-cert', 'IMP-DRY-1'),
      completionRecord('dry-cmp', 'IMP-DRY-1', 'dry-crs', '2026-03-03'),
      courseRecord('aon-crs', 'aon-prv'),
    ];
    const before = await snapshot(t);
    const dry = await importRecords(t, records, { dryRun: true });
    expect(await snapshot(t)).toEqual(before);
    expect(dry.committed).toBe(false);
    expect(dry.userErrors).toEqual([]);
    expect(dry.summary).toEqual({ created: 4, unchanged: 1, refused: 0 });
    expect(dry.results.map((r) => [r.status, r.id === null])).toEqual([
      ['CREATED', true],
      ['CREATED', true],
      ['CREATED', true],
      ['CREATED', true],
      ['UNCHANGED', false],
    ]);
    const real = await importRecords(t, records);
    expect(real.committed).toBe(true);
    expect(real.summary).toEqual(dry.summary);
    expect(real.results.map((r) => [r.index, r.kind, r.externalId, r.status, r.errors])).toEqual(
      dry.results.map((r) => [r.index, r.kind, r.externalId, r.status, r.errors]),
    );
    expect(real.results.every((r) => r.id !== null)).toBe(true);
  });

  test('API: a dry run with a refused record answers the refusal like the import, and writes nothing', async () => {
    const records = [providerRecord('dry-bad-prv', { status: 'APPROVED', approvedPeriods: [] })];
    const before = await snapshot(t);
    const dry = await importRecords(t, records, { dryRun: true });
    const real = await importRecords(t, records);
    expect(await snapshot(t)).toEqual(before);
    expect(dry).toEqual(real);
    expect(refusedCodes(dry)).toEqual(['INVALID_INPUT']);
  });

  test('API: the same record twice in one call: the first is CREATED, the second UNCHANGED with the same ID', async () => {
    const record = providerRecord(uniqueId('twice'));
    const out = await importRecords(t, [record, record]);
    expect(out.committed).toBe(true);
    expect(out.summary).toEqual({ created: 1, unchanged: 1, refused: 0 });
    expect(out.results.map((r) => r.status)).toEqual(['CREATED', 'UNCHANGED']);
    expect(out.results[1].id).toBe(out.results[0].id);
    expect(out.results[0].id).toMatch(/^prv_/);
  });

  test('API: the repeat of a refused record within one call is refused with it, not UNCHANGED', async () => {
    // Nothing was imported before, and the same content was just refused: the copy is not
    // UNCHANGED, or the summary would count it and `npm run import` report no refusal on its line.
    const record = courseRecord('aon-orphan', 'never-imported-prv');
    const out = await importRecords(t, [record, record]);
    expect(out.committed).toBe(false);
    expect(out.results.map((r) => [r.status, errorsOf(r)])).toEqual([
      ['REFUSED', [{ code: 'UNKNOWN_REFERENCE', field: recordPath(0, 'course', 'providerExternalId') }]],
      ['REFUSED', [{ code: 'UNKNOWN_REFERENCE', field: recordPath(1, 'course', 'providerExternalId') }]],
    ]);
    expect(out.summary).toEqual({ created: 0, unchanged: 0, refused: 2 });
  });

  test('API: the same record twice in a dry run: CREATED then UNCHANGED, neither with an ID', async () => {
    const record = providerRecord(uniqueId('twice-dry'));
    const out = await importRecords(t, [record, record], { dryRun: true });
    expect(out.results.map((r) => [r.status, r.id])).toEqual([
      ['CREATED', null],
      ['UNCHANGED', null],
    ]);
  });
});

describe('importRecords: default expiries of imported certifications (R1, R10, month ends)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-06-15' });
  });
  afterAll(() => t.close());

  // issuedOn, earlier expiries → the current cycle's start and expiry when expiresOn is left out.
  const CASES: [string, string, string[], string, string][] = [
    ['R1: issued on 29 Feb 2024, no renewal: expires 28 Feb 2026', '2024-02-29', [], '2024-02-29', '2026-02-28'],
    ['R1: issued on 31 Aug 2024: expires 31 Aug 2026', '2024-08-31', [], '2024-08-31', '2026-08-31'],
    [
      'R10: renewed from 28 Feb 2024 (issued 29 Feb 2020): expires 28 Feb 2026',
      '2020-02-29',
      ['2022-02-28', '2024-02-28'],
      '2024-02-29',
      '2026-02-28',
    ],
    [
      'R10: renewed from 31 Aug 2024: expires 31 Aug 2026, cycle from 1 Sep',
      '2022-08-31',
      ['2024-08-31'],
      '2024-09-01',
      '2026-08-31',
    ],
  ];

  test.each(CASES)('%s', async (_name, issuedOn, earlierExpiries, cycleStartsOn, expiresOn) => {
    const id = uniqueId('exp');
    const number = `EXP-${Math.floor(Math.random() * 1e9)}`;
    const [result] = await imported(t, [
      certificationRecord(id, number, { issuedOn, earlierExpiries, expiresOn: undefined }),
    ]);
    const cert = await staffNode<{ issuedOn: string; cycleStartsOn: string; expiresOn: string }>(
      t,
      result.id as string,
      '... on Certification { issuedOn cycleStartsOn expiresOn }',
    );
    expect(cert).toMatchObject({ issuedOn, cycleStartsOn, expiresOn });
  });
});

const refusedCodes = (out: ImportOut) => out.results.flatMap((r) => r.errors.map((e) => e.code));

describe('importRecords: references across calls and their effect on the transcript (R3, R5, R6, R10)', () => {
  let t: TestApp;
  const NUMBER = 'IMP-X-1';
  const ids = new Map<string, string>();
  const step = async (records: ImportRecord[]) => {
    for (const r of await imported(t, records)) {
      expect(r.status).toBe('CREATED');
      ids.set(r.externalId as string, r.id as string);
    }
  };
  const entry = async (externalId: string, cycle?: number) =>
    (await staffTranscript(t, ids.get('x-cert') as string, cycle)).entries.find(
      (e) => e.completion.id === ids.get(externalId),
    );

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
  });
  afterAll(() => t.close());

  test('API: a provider, its course, a certification, completions, a petition and an application, each in its own call', async () => {
    await step([providerRecord('x-prv')]);
    await step([
      courseRecord('x-crs', 'x-prv', { contactHours: '10' }),
      courseRecord('x-crs2', 'x-prv', { code: 'X-CRS-TWO', contactHours: '5' }),
    ]);
    await step([certificationRecord('x-cert', NUMBER, { issuedOn: '2023-07-01', earlierExpiries: ['2025-07-01'] })]);
    await step([
      // In the cycle that ended 2025-07-01.
      completionRecord('x-c1', NUMBER, 'x-crs', '2025-05-01'),
      // In that cycle's 90 grace days, which are also the current cycle's first days (R5).
      completionRecord('x-c2', NUMBER, 'x-crs2', '2025-08-01'),
      completionRecord('x-c3', NUMBER, 'x-crs', '2025-09-01'),
      eventCompletionRecord('x-c4', NUMBER, '2026-01-15'),
    ]);
    // Until an application closes the earlier cycle, its grace days belong to the current one.
    expect(await entry('x-c2')).toMatchObject({ standing: 'COUNTED', countedCeu: '0.5' });
    expect(await entry('x-c4')).toMatchObject({ standing: 'PETITION_NEEDED', countedCeu: '0.0' });
    await step([
      petitionRecord('x-p1', 'x-c4', {
        status: 'APPROVED',
        awardedCeu: '0.6',
        submittedOn: '2026-01-20',
        decisionReason: 'Relevant.',
      }),
    ]);
    await step([
      applicationRecord('x-app', NUMBER, {
        cycleExpiresOn: '2025-07-01',
        receivedOn: '2025-08-15',
        completionExternalIds: ['x-c1', 'x-c2'],
      }),
    ]);
  });

  test('R6: an approved imported petition of an earlier call makes its completion count, with the CEUs awarded', async () => {
    expect(await entry('x-c4')).toMatchObject({
      standing: 'COUNTED',
      countedCeu: '0.6',
      completion: { creditPath: 'PETITION_REQUIRED', ceuValue: '0.6' },
    });
  });

  test('R5: a completion used by an approved imported application is in the cycle it closed, counted there, and not in the current one', async () => {
    expect(await entry('x-c2')).toBeUndefined();
    expect(await entry('x-c2', 1)).toMatchObject({ standing: 'COUNTED', countedCeu: '0.5' });
    expect(await entry('x-c1', 1)).toMatchObject({ standing: 'COUNTED', countedCeu: '1.0' });
  });

  test('R5: a completion after the application’s receipt that it did not use counts toward the current cycle', async () => {
    expect(await entry('x-c3')).toMatchObject({ standing: 'COUNTED', countedCeu: '1.0' });
    const transcript = await staffTranscript(t, ids.get('x-cert') as string);
    expect(transcript.entries.map((e) => e.completion.id)).toEqual([ids.get('x-c3'), ids.get('x-c4')]);
    expect(transcript.ceu).toEqual({ earnedAutomatic: '1.0', earnedByPetition: '0.6', earned: '1.6', pending: '0.0' });
  });

  test('R8/R10: the application of the last call counted the completions of an earlier call, late fee included', async () => {
    const app = await staffNode(
      t,
      ids.get('x-app') as string,
      `... on RecertificationApplication { status phase continuingEducationCeu newExpiresOn feeTotal { amount }
        completions { id } certification { id } }`,
    );
    expect(app).toEqual({
      id: ids.get('x-app'),
      status: 'APPROVED',
      phase: 'LATE',
      continuingEducationCeu: '1.5',
      newExpiresOn: '2027-07-01',
      feeTotal: { amount: '129.00' },
      completions: [{ id: ids.get('x-c1') }, { id: ids.get('x-c2') }],
      certification: { id: ids.get('x-cert') },
    });
  });

  test('R5: a refused application of the same cycle may name a completion the approved one used', async () => {
    const out = await importRecords(t, [
      applicationRecord('x-app-again', NUMBER, {
        cycleExpiresOn: '2025-07-01',
        receivedOn: '2025-08-20',
        status: 'REFUSED',
        refusalReason: 'Sent twice.',
        completionExternalIds: ['x-c1'],
      }),
    ]);
    expect(out.results.map((r) => [r.status, r.errors])).toEqual([['CREATED', []]]);
    expect(await entry('x-c2', 1)).toMatchObject({ standing: 'COUNTED' });
  });
});

describe('importRecords: who may import, and two identical imports at once', () => {
  let t: TestApp;
  let providerId: string;
  let trainerId: string;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    providerId = await approvedProvider(t, 'Auth Partner');
    trainerId = (await createTrainer(t)).trainerId;
  });
  afterAll(() => t.close());

  const CALLERS: [string, () => As, string][] = [
    ['API: an anonymous caller is UNAUTHENTICATED', () => undefined, 'UNAUTHENTICATED'],
    ['API: a provider is FORBIDDEN', () => ({ provider: providerId }), 'FORBIDDEN'],
    ['API: a trainer is FORBIDDEN', () => ({ trainer: trainerId }), 'FORBIDDEN'],
  ];
  test.each(CALLERS)('%s, and nothing is written', async (_name, caller, code) => {
    const as = caller();
    await t.credentials(as); // a provider's API key is created before the snapshot
    const before = await snapshot(t);
    const res = await t.gql(
      IMPORT_MUTATION,
      { input: { records: [providerRecord(uniqueId('auth'))], dryRun: false } },
      as,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.body.data ?? null).toBeNull();
    expect(await snapshot(t)).toEqual(before);
  });

  test('API: staff may import', async () => {
    const out = await importRecords(t, [providerRecord(uniqueId('auth-staff'))]);
    expect(out.committed).toBe(true);
  });

  test('API: two identical calls at the same time both succeed: one CREATED, one UNCHANGED, one provider row', async () => {
    const externalId = uniqueId('race');
    const record = providerRecord(externalId, { name: `Racing Academy ${externalId}` });
    // On PostgreSQL both requests have read (and found no provider) before either may write.
    const [a, b] = await whileTableLocked(t, 'provider', 2, () =>
      Promise.all([importRecords(t, [record]), importRecords(t, [record])]),
    );
    expect([a.committed, b.committed]).toEqual([true, true]);
    expect([a.results[0].status, b.results[0].status].sort()).toEqual(['CREATED', 'UNCHANGED']);
    expect(a.results[0].id).toMatch(/^prv_/);
    expect(b.results[0].id).toBe(a.results[0].id);
    expect(await t.db.reader.getRepository(Provider).countBy({ name: `Racing Academy ${externalId}` })).toBe(1);
  });

  test('API: 1,000 records is the limit; 1,001 are refused with TOO_MANY_ITEMS and nothing is written', async () => {
    const before = await snapshot(t);
    const records = Array.from({ length: 1001 }, (_, n) => providerRecord(`many-${n}`, { name: `Many ${n}` }));
    const out = await importRecords(t, records);
    expect(out).toEqual({
      committed: false,
      summary: { created: 0, unchanged: 0, refused: 0 },
      results: [],
      userErrors: [
        {
          code: 'TOO_MANY_ITEMS',
          field: ['input', 'records'],
          message: 'At most 1000 records a call; this one has 1001. Send them in several calls.',
        },
      ],
    });
    expect(await snapshot(t)).toEqual(before);
    const dry = await importRecords(t, records.slice(0, 1000), { dryRun: true });
    expect(dry.summary).toEqual({ created: 1000, unchanged: 0, refused: 0 });
  });

  test('API: an empty call is refused with REQUIRED', async () => {
    const out = await importRecords(t, []);
    expect(out.committed).toBe(false);
    expect(out.userErrors.map((e) => [e.code, e.field])).toEqual([['REQUIRED', ['input', 'records']]]);
  });
});
