/**
 * Past cycles (R5, R10): after an approved application, coursework dated on or after its receipt
 * that it did not use counts toward the next cycle, and every accepted completion shows in
 * exactly one cycle's transcript, which `Certification.cycles` and `transcript(cycle:)` read.
 */
import { createTrainer, TrainerFixture } from '../support/fixtures';
import { data, startTestApp, TestApp } from '../support/harness';
import { onDay, selfReported, transcriptOf, TranscriptOut } from '../support/ledger-fixtures';
import {
  applied,
  ApplicationOut,
  recertCatalogue,
  RecertCatalogue,
  recordedCard,
} from '../support/recertification-fixtures';

interface CycleOut {
  number: number;
  current: boolean;
  startsOn: string;
  expiresOn: string;
  courseworkFrom: string;
  courseworkThrough: string;
  courseworkDeadline: string;
  closedBy: { id: string; receivedOn: string } | null;
}

async function cyclesOf(
  t: TestApp,
  trainer: TrainerFixture,
  as: 'staff' | 'self' = 'self',
): Promise<CycleOut[] | null> {
  const res = await t.gql<{ node: { cycles: CycleOut[] | null } | null }>(
    `query($id: ID!) { node(id: $id) { ... on Certification { cycles {
      number current startsOn expiresOn courseworkFrom courseworkThrough courseworkDeadline closedBy { id receivedOn }
    } } } }`,
    { id: trainer.certificationId },
    as === 'staff' ? 'staff' : { trainer: trainer.trainerId },
  );
  return data(res).node?.cycles ?? null;
}

describe('R5: past cycles, and every completion in exactly one of them', () => {
  let t: TestApp;
  let cat: RecertCatalogue;
  let trainer: TrainerFixture;
  const c: Record<string, string> = {};
  let first: ApplicationOut;
  let second: ApplicationOut;

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-06-15' });
    cat = await recertCatalogue(t);
    // Cycle 1: 2024-09-01 … 2026-08-31.
    trainer = await createTrainer(t, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
    await recordedCard(t, trainer, { issuedOn: '2025-01-10', expiresOn: '2028-09-01' });
    const courses = {
      a: await cat.course(2025, '1.5'),
      b: await cat.course(2025, '0.5'),
      c: await cat.course(2025, '1.0'),
      d: await cat.course(2026, '1.0'),
      e: await cat.course(2026, '0.4'),
    };
    c.a = (await onDay(t, '2025-05-01', () => selfReported(t, trainer, courses.a, '2025-05-01'))).id;
    c.b = (await onDay(t, '2025-10-01', () => selfReported(t, trainer, courses.b, '2025-10-01'))).id;
    // First early application, 303 days before expiry: it uses a and b.
    first = await onDay(t, '2025-11-01', () => applied(t, trainer));
    // Learning goes on after applying: it counts toward the next cycle.
    c.c = (await onDay(t, '2025-11-15', () => selfReported(t, trainer, courses.c, '2025-11-15'))).id;
    c.d = (await onDay(t, '2026-03-01', () => selfReported(t, trainer, courses.d, '2026-03-01'))).id;
    // Second early application, for cycle 2 (2026-09-01 … 2028-08-31), more than two years early.
    second = await onDay(t, '2026-05-01', () => applied(t, trainer));
    c.e = (await onDay(t, '2026-05-20', () => selfReported(t, trainer, courses.e, '2026-05-20'))).id;
  });
  afterAll(() => t.close());

  test('R10: both early applications were approved, each renewing by 24 months from the old expiry', () => {
    expect(first).toMatchObject({ status: 'APPROVED', cycleExpiresOn: '2026-08-31', newExpiresOn: '2028-08-31' });
    expect(second).toMatchObject({ status: 'APPROVED', cycleExpiresOn: '2028-08-31', newExpiresOn: '2030-08-31' });
    expect(first.completions.map((x) => x.id).sort()).toEqual([c.a, c.b].sort());
    expect(second.completions.map((x) => x.id).sort()).toEqual([c.c, c.d].sort());
  });

  test('R5: Certification.cycles lists the three cycles with the days whose coursework belongs to each', async () => {
    expect(await cyclesOf(t, trainer)).toEqual([
      {
        number: 1,
        current: false,
        startsOn: '2024-09-01',
        expiresOn: '2026-08-31',
        courseworkFrom: '2024-09-01',
        courseworkThrough: '2025-10-31',
        courseworkDeadline: '2026-11-29',
        closedBy: { id: first.id, receivedOn: '2025-11-01' },
      },
      {
        number: 2,
        current: false,
        startsOn: '2026-09-01',
        expiresOn: '2028-08-31',
        courseworkFrom: '2025-11-01',
        courseworkThrough: '2026-04-30',
        courseworkDeadline: '2028-11-29',
        closedBy: { id: second.id, receivedOn: '2026-05-01' },
      },
      {
        number: 3,
        current: true,
        startsOn: '2028-09-01',
        expiresOn: '2030-08-31',
        courseworkFrom: '2026-05-01',
        courseworkThrough: '2030-11-29',
        courseworkDeadline: '2030-11-29',
        closedBy: null,
      },
    ]);
    expect(await cyclesOf(t, trainer, 'staff')).toHaveLength(3);
  });

  test('R5: every completion is in exactly one cycle’s transcript, counted there', async () => {
    const transcripts: TranscriptOut[] = [];
    for (const n of [1, 2, 3]) transcripts.push(await transcriptOf(t, trainer, undefined, n));
    const seen = transcripts.flatMap((tr, i) => tr.entries.map((e) => [e.completion.id, i + 1, e.standing]));
    expect(seen).toEqual([
      [c.a, 1, 'COUNTED'],
      [c.b, 1, 'COUNTED'],
      [c.c, 2, 'COUNTED'],
      [c.d, 2, 'COUNTED'],
      [c.e, 3, 'COUNTED'],
    ]);
    expect(transcripts.map((tr) => tr.ceu.earned)).toEqual(['2.0', '2.0', '0.4']);
  });

  test('R5: the default transcript is the current cycle’s, with the coursework after the second receipt', async () => {
    const current = await transcriptOf(t, trainer);
    expect(current.cycle).toEqual({
      startsOn: '2028-09-01',
      expiresOn: '2030-08-31',
      courseworkDeadline: '2030-11-29',
    });
    expect(current.entries.map((e) => e.completion.id)).toEqual([c.e]);
    expect(current.ceu).toMatchObject({ earned: '0.4', remaining: '1.5' });
  });

  test('R5: a cycle number the certification does not have is a client error naming the range', async () => {
    const res = await t.gql(
      `query($id: ID!) { transcript(certificationId: $id, cycle: 4) { asOf } }`,
      { id: trainer.certificationId },
      'staff',
    );
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'This certification has cycles 1 to 3.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  test('R5: another trainer reads neither the cycles nor a past transcript', async () => {
    const other = await createTrainer(t);
    const res = await t.gql<{ transcript: unknown; node: unknown }>(
      `query($id: ID!) { transcript(certificationId: $id, cycle: 1) { asOf } node(id: $id) { id } }`,
      { id: trainer.certificationId },
      { trainer: other.trainerId },
    );
    expect(data(res)).toEqual({ transcript: null, node: null });
  });
});
