import { createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import { As, data, scriptedRandom, startTestApp, TestApp } from '../support/harness';
import { onDay, selfReported, transcriptOf, UserErrorOut, whileTableLocked } from '../support/ledger-fixtures';
import {
  applicationsSeenBy,
  applied,
  ApplicationOut,
  AuditOut,
  auditIdsSeenBy,
  CardIn,
  certificationOf,
  complianceOf,
  decisionsAbout,
  DEFAULT_FEES,
  DocumentIn,
  pdf,
  recertCatalogue,
  RecertCatalogue,
  recordedCard,
  resolveAudit,
  SHA,
  submitAuditDocuments,
  submitRecertification,
  submitRecertificationQuery,
  usd,
} from '../support/recertification-fixtures';

const TODAY = '2026-06-15';
/** Every trainer below: cycle 2024-09-01 … E = 2026-08-31 unless told otherwise. */
const E = '2026-08-31';
const RENEWED = '2028-08-31';
const GOOD_CARD: CardIn = { issuedOn: '2025-09-01', expiresOn: '2028-09-01' };

/** A trainer who meets R1 on TODAY: 1.9 CEU from a 2025 course and a valid card. */
async function readyTrainer(
  t: TestApp,
  cat: RecertCatalogue,
  options: { expiresOn?: string; cycleStartsOn?: string; ce?: string; card?: CardIn | null } = {},
): Promise<TrainerFixture & { completionId: string }> {
  const trainer = await createTrainer(t, {
    cycleStartsOn: options.cycleStartsOn ?? '2024-09-01',
    expiresOn: options.expiresOn ?? E,
  });
  const completion = await selfReported(t, trainer, await cat.course(2025, options.ce ?? '1.9'), '2025-05-01');
  if (options.card !== null) await recordedCard(t, trainer, options.card ?? GOOD_CARD);
  return { ...trainer, completionId: completion.id };
}

const asUserErrors = (codes: [string, string][]): UserErrorOut[] =>
  codes.map(([code, message]) => ({ code, message, field: ['input'] }));

describe('submitRecertification without audit (R8–R10, R5)', () => {
  let t: TestApp;
  let cat: RecertCatalogue;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    cat = await recertCatalogue(t);
  });
  afterAll(() => t.close());

  describe('R9: refused with every blocker as userErrors; nothing is written', () => {
    it.each([
      [
        'R9: CE_SHORT and CPR_AED_MISSING together',
        () => readyTrainer(t, cat, { ce: '1.0', card: null }),
        [
          ['CE_SHORT', '0.9 CEU of continuing education still missing'],
          ['CPR_AED_MISSING', 'No CPR/AED credential on record (0.1 CEU required)'],
        ],
      ],
      [
        'R9: CE_SHORT (0.35) and CPR_AED_COVERAGE together',
        () => readyTrainer(t, cat, { ce: '1.55', card: { ...GOOD_CARD, coversAdultCpr: false } }),
        [
          ['CE_SHORT', '0.35 CEU of continuing education still missing'],
          ['CPR_AED_COVERAGE', 'The CPR/AED credential does not cover adult CPR (0.1 CEU required)'],
        ],
      ],
      [
        'R7: CPR_AED_EXPIRED alone (the card expired yesterday)',
        () => readyTrainer(t, cat, { card: { issuedOn: '2024-06-14', expiresOn: '2026-06-14' } }),
        [['CPR_AED_EXPIRED', 'The CPR/AED credential expired on 2026-06-14; a current one is required (0.1 CEU)']],
      ],
      [
        'R7: CPR_AED_HANDS_ON alone (online-only card, no waiver)',
        () => readyTrainer(t, cat, { card: { ...GOOD_CARD, format: 'ONLINE_ONLY' } }),
        [
          [
            'CPR_AED_HANDS_ON',
            'The CPR/AED credential is online-only, has no hands-on skills assessment and was not issued ' +
              'inside a hands-on waiver period (0.1 CEU required)',
          ],
        ],
      ],
      [
        'R8/R9: CLOSED, CE_SHORT and CPR_AED_MISSING for a lapsed certification (E 2025-05-31)',
        () => createTrainer(t, { cycleStartsOn: '2023-06-01', expiresOn: '2025-05-31' }),
        [
          ['CLOSED', 'The application window closed on 2026-05-31; the certification has lapsed'],
          ['CE_SHORT', '1.9 CEU of continuing education still missing'],
          ['CPR_AED_MISSING', 'No CPR/AED credential on record (0.1 CEU required)'],
        ],
      ],
    ] as [string, () => Promise<TrainerFixture>, [string, string][]][])('%s', async (_name, setup, errors) => {
      const trainer = await setup();
      const before = await snapshot(t);
      const res = await submitRecertification(t, trainer, { idempotencyKey: `refused-${trainer.number}` });
      expect(res).toEqual({ application: null, userErrors: asUserErrors(errors) });
      expect(await snapshot(t)).toEqual(before);
      expect((await applicationsSeenBy(t, { trainer: trainer.trainerId })).totalCount).toBe(0);
    });
  });

  describe('R8/R10: accepted, not selected for audit: approved at once, E + 24 months whatever the receipt date', () => {
    it.each([
      ['R8/R10: on time (E−77, 2026-06-15)', TODAY, 'ON_TIME', '99.00'],
      ['R8/R10: on E itself (2026-08-31)', E, 'ON_TIME', '99.00'],
      ['R8/R10: late (E+10, 2026-09-10)', '2026-09-10', 'LATE', '129.00'],
      ['R8/R10: late with the additional fee (E+100, 2026-12-09)', '2026-12-09', 'LATE_ADDITIONAL_FEE', '179.00'],
    ] as const)('%s: fees charged, new expiry 2028-08-31', async (_name, receivedOn, phase, total) => {
      const trainer = await readyTrainer(t, cat);
      const application = await onDay(t, receivedOn, () => applied(t, trainer));
      expect(application).toMatchObject({
        id: expect.stringMatching(/^app_/),
        status: 'APPROVED',
        phase,
        receivedOn,
        cycleExpiresOn: E,
        newExpiresOn: RENEWED,
        refusalReason: null,
        decidedAt: expect.any(String),
        continuingEducationCeu: '1.9',
        fees: DEFAULT_FEES[phase],
        feeTotal: usd(total),
        audit: null,
        certification: { id: trainer.certificationId, expiresOn: RENEWED, cycleStartsOn: '2026-09-01' },
        completions: [{ id: trainer.completionId, completedOn: '2025-05-01' }],
      });
      expect(await certificationOf(t, trainer, RENEWED, 'self')).toMatchObject({
        expiresOn: RENEWED,
        cycleStartsOn: '2026-09-01',
        status: 'ACTIVE',
      });
      const log = await decisionsAbout(t, application.id);
      expect(log).toEqual([
        expect.objectContaining({
          action: 'APPLICATION_APPROVED',
          subjectType: 'RecertificationApplication',
          details: { previousExpiresOn: E, newExpiresOn: RENEWED },
        }),
      ]);
    });

    it('R10: a leap-day expiry 2024-02-29 renewed late (2024-03-10) expires 2026-02-28; the next cycle starts 2024-03-01', async () => {
      const trainer = await createTrainer(t, { cycleStartsOn: '2022-03-01', expiresOn: '2024-02-29' });
      const application = await onDay(t, '2024-03-10', async () => {
        await selfReported(t, trainer, await cat.course(2024, '1.9'), '2024-02-01');
        await recordedCard(t, trainer, { issuedOn: '2023-06-01', expiresOn: '2025-06-01' });
        return applied(t, trainer);
      });
      expect(application).toMatchObject({
        status: 'APPROVED',
        phase: 'LATE',
        fees: DEFAULT_FEES.LATE,
        feeTotal: usd('129.00'),
        cycleExpiresOn: '2024-02-29',
        newExpiresOn: '2026-02-28',
        certification: { expiresOn: '2026-02-28', cycleStartsOn: '2024-03-01' },
      });
    });

    it('R9: a trainer holding one certification may leave certificationId out', async () => {
      const trainer = await readyTrainer(t, cat);
      const res = await submitRecertification(t, trainer, { certificationId: null });
      expect(res.userErrors).toEqual([]);
      expect(res.application).toMatchObject({ status: 'APPROVED', certification: { id: trainer.certificationId } });
    });
  });

  describe('R5: completions used by an approved application are never counted again', () => {
    /** Applies late on E+10 with a completion on E+5 (in the E+1…E+90 overlap). */
    let trainer: TrainerFixture & { completionId: string };
    let overlap: string;
    let first: ApplicationOut;

    beforeAll(async () => {
      trainer = await readyTrainer(t, cat, { ce: '1.5' });
      const course = await cat.course(2026, '0.4');
      first = await onDay(t, '2026-09-10', async () => {
        overlap = (await selfReported(t, trainer, course, '2026-09-05')).id;
        return applied(t, trainer);
      });
    });

    it('R5: the late application counted the overlap completion (E+5) toward the old cycle', () => {
      expect(first).toMatchObject({ status: 'APPROVED', phase: 'LATE', continuingEducationCeu: '1.9' });
      expect(first.completions.map((c) => c.id).sort()).toEqual([trainer.completionId, overlap].sort());
      expect(first.certification).toEqual({
        id: trainer.certificationId,
        expiresOn: RENEWED,
        cycleStartsOn: '2026-09-01',
      });
    });

    it('R5: the new cycle’s compliance does not count the used overlap completion', async () => {
      const compliance = await onDay(t, '2026-09-10', () => complianceOf(t, trainer));
      expect(compliance.cycle).toEqual({
        startsOn: '2026-09-01',
        expiresOn: RENEWED,
        courseworkDeadline: '2028-11-29',
      });
      expect(compliance.continuingEducation).toMatchObject({ earned: '0.0', remaining: '1.9' });
      expect(compliance.blockers).toEqual([
        { code: 'CE_SHORT', message: '1.9 CEU of continuing education still missing' },
      ]);
    });

    it('R5: the used overlap completion is in the closed cycle’s transcript, counted, and not in the new cycle’s', async () => {
      const current = await transcriptOf(t, trainer, '2026-09-10');
      expect(current.entries).toEqual([]);
      expect(current.ceu).toMatchObject({ earned: '0.0', remaining: '1.9' });
      const closed = await transcriptOf(t, trainer, '2026-09-10', 1);
      expect(closed.entries.map((e) => [e.completion.id, e.standing])).toEqual([
        [trainer.completionId, 'COUNTED'],
        [overlap, 'COUNTED'],
      ]);
      expect(closed.ceu).toMatchObject({ earned: '1.9', remaining: '0.0' });
    });

    it('R5/R9: a second application for the new cycle without new coursework is refused CE_SHORT', async () => {
      const before = await snapshot(t);
      const res = await onDay(t, '2026-09-10', () => submitRecertification(t, trainer));
      expect(res).toEqual({
        application: null,
        userErrors: asUserErrors([['CE_SHORT', '1.9 CEU of continuing education still missing']]),
      });
      expect(await snapshot(t)).toEqual(before);
    });

    it('R5/R10: with new coursework the new cycle is renewed in turn (2028-08-31 → 2030-08-31)', async () => {
      const course = await cat.course(2026, '1.9');
      const second = await onDay(t, '2026-10-01', async () => {
        const fresh = await selfReported(t, trainer, course, '2026-09-20');
        const application = await applied(t, trainer);
        expect(application.completions).toEqual([{ id: fresh.id, completedOn: '2026-09-20' }]);
        return application;
      });
      expect(second).toMatchObject({
        status: 'APPROVED',
        phase: 'ON_TIME',
        cycleExpiresOn: RENEWED,
        newExpiresOn: '2030-08-31',
        feeTotal: usd('99.00'),
        certification: { expiresOn: '2030-08-31', cycleStartsOn: '2028-09-01' },
      });
      const listed = await applicationsSeenBy(t, { trainer: trainer.trainerId });
      expect(listed.nodes).toEqual([
        { id: first.id, status: 'APPROVED' },
        { id: second.id, status: 'APPROVED' },
      ]);
    });

    it('R5: after an on-time approval, a completion in E+1…E+90 was not used and counts toward the new cycle', async () => {
      const onTime = await readyTrainer(t, cat);
      await applied(t, onTime);
      const course = await cat.course(2026, '0.5');
      const compliance = await onDay(t, '2026-09-20', async () => {
        await selfReported(t, onTime, course, '2026-09-15');
        return complianceOf(t, onTime);
      });
      expect(compliance.cycle.startsOn).toBe('2026-09-01');
      expect(compliance.continuingEducation).toMatchObject({ earned: '0.5', remaining: '1.4' });
    });
  });

  describe('idempotencyKey', () => {
    it('R8: a repeat with the same key replays the first answer and charges once', async () => {
      const trainer = await readyTrainer(t, cat);
      const first = await submitRecertification(t, trainer, { idempotencyKey: 'recert-key-1' });
      const again = await submitRecertification(t, trainer, { idempotencyKey: 'recert-key-1' });
      expect(first.application).toMatchObject({ status: 'APPROVED', newExpiresOn: RENEWED });
      expect(again).toEqual(first);
      expect((await applicationsSeenBy(t, { trainer: trainer.trainerId })).totalCount).toBe(1);
      expect((await certificationOf(t, trainer, null, 'self'))?.expiresOn).toBe(RENEWED);
      const reused = await submitRecertification(t, trainer, { idempotencyKey: 'recert-key-1', certificationId: null });
      expect(reused).toEqual({
        application: null,
        userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })],
      });
      expect((await applicationsSeenBy(t, { trainer: trainer.trainerId })).totalCount).toBe(1);
    });
  });

  describe('concurrency', () => {
    it('R9/R10: two concurrent submissions: one application, renewed once; the other is refused and charged nothing', async () => {
      const trainer = await readyTrainer(t, cat);
      const results = await whileTableLocked(t, 'recertification_application', 2, () =>
        Promise.all([submitRecertification(t, trainer), submitRecertification(t, trainer)]),
      );
      const accepted = results.filter((r) => r.application !== null);
      expect(accepted).toHaveLength(1);
      expect(accepted[0].application).toMatchObject({ status: 'APPROVED', newExpiresOn: RENEWED });
      // Once the first is approved the certification is in its next cycle, so the second is judged as an
      // application for that cycle (as a later one would be): its coursework was used, nothing is charged.
      const refused = results.find((r) => r.application === null)!;
      expect(refused.userErrors.map((e) => e.code)).toEqual(['CE_SHORT']);
      expect((await applicationsSeenBy(t, { trainer: trainer.trainerId })).totalCount).toBe(1);
      expect((await certificationOf(t, trainer, null, 'self'))?.expiresOn).toBe(RENEWED);
    });
  });

  describe('who may apply and see applications', () => {
    let owner: TrainerFixture;
    let other: TrainerFixture;
    let ownerApp: string;
    let otherApp: string;
    beforeAll(async () => {
      owner = await readyTrainer(t, cat);
      other = await readyTrainer(t, cat);
      ownerApp = (await applied(t, owner)).id;
      otherApp = (await applied(t, other)).id;
    });

    it.each([
      ['R9: a provider may not apply (FORBIDDEN)', () => ({ provider: cat.providerId }) as As, 'FORBIDDEN'],
      ['R9: an anonymous caller may not apply (UNAUTHENTICATED)', () => undefined as As, 'UNAUTHENTICATED'],
    ])('%s; nothing is written', async (_name, as, code) => {
      const trainer = await readyTrainer(t, cat);
      const before = await snapshot(t);
      const res = await submitRecertificationQuery(t, trainer, {}, as());
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('R9: a trainer cannot apply for another trainer’s certification (NOT_FOUND); nothing is written', async () => {
      const victim = await readyTrainer(t, cat);
      const before = await snapshot(t);
      const res = data(
        await submitRecertificationQuery(
          t,
          victim,
          { certificationId: victim.certificationId },
          {
            trainer: owner.trainerId,
          },
        ),
      ).submitRecertification;
      expect(res).toEqual({
        application: null,
        userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'certificationId'] })],
      });
      expect(await snapshot(t)).toEqual(before);
    });

    it('Access: staff see every application; a trainer only their own', async () => {
      const staff = await applicationsSeenBy(t, 'staff');
      expect(staff.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([ownerApp, otherApp]));
      const mine = await applicationsSeenBy(t, { trainer: owner.trainerId });
      expect(mine.nodes).toEqual([{ id: ownerApp, status: 'APPROVED' }]);
      const byCertification = await applicationsSeenBy(t, 'staff', { certificationId: other.certificationId });
      expect(byCertification.nodes.map((n) => n.id)).toEqual([otherApp]);
      const foreignFilter = await applicationsSeenBy(
        t,
        { trainer: owner.trainerId },
        { certificationId: other.certificationId },
      );
      expect(foreignFilter.totalCount).toBe(0);
    });

    it.each([
      ['Access: the trainer reads their application by node(id)', () => ({ trainer: owner.trainerId }) as As, true],
      ['Access: staff read any application by node(id)', () => 'staff' as As, true],
      ['Access: another trainer gets null from node(id)', () => ({ trainer: other.trainerId }) as As, false],
      ['Access: a provider gets null from node(id)', () => ({ provider: cat.providerId }) as As, false],
    ])('%s', async (_name, as, visible) => {
      const res = data(
        await t.gql<{ node: { id: string } | null }>(
          `query($id: ID!) { node(id: $id) { ... on RecertificationApplication { id } } }`,
          { id: ownerApp },
          as(),
        ),
      );
      expect(res.node).toEqual(visible ? { id: ownerApp } : null);
    });

    it('Access: a provider or anonymous caller may not list applications', async () => {
      const query = `query { recertificationApplications(first: 5) { totalCount } }`;
      const provider = await t.gql(query, undefined, { provider: cat.providerId });
      expect(provider.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const anonymous = await t.gql(query);
      expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });
  });
});

describe('audits (R11): selected applications wait for staff', () => {
  let t: TestApp;
  let cat: RecertCatalogue;

  beforeAll(async () => {
    // Every draw is below the audit rate 0.1: every accepted application is selected.
    t = await startTestApp({ today: TODAY, random: scriptedRandom(0.05) });
    cat = await recertCatalogue(t);
  });
  afterAll(() => t.close());

  /** An application submitted today and selected for audit. */
  const audited = async () => {
    const trainer = await readyTrainer(t, cat);
    const application = await applied(t, trainer);
    return { trainer, application, auditId: application.audit!.id };
  };

  const auditOf = async (auditId: string, as: As = 'staff') =>
    data(
      await t.gql<{ node: AuditOut | null }>(
        `query($id: ID!) { node(id: $id) { ... on Audit { id status selectedOn documentsDueOn overdue reason resolvedAt
          documents { name mediaType sizeBytes sha256 location submittedAt }
          application { id status newExpiresOn refusalReason certification { expiresOn cycleStartsOn } } } } }`,
        { id: auditId },
        as,
      ),
    ).node;

  it('R11: selected: AUDIT_PENDING, audit AWAITING_DOCUMENTS due today + 30; fees charged; certification unchanged', async () => {
    const { trainer, application } = await audited();
    expect(application).toMatchObject({
      status: 'AUDIT_PENDING',
      phase: 'ON_TIME',
      newExpiresOn: null,
      decidedAt: null,
      fees: DEFAULT_FEES.ON_TIME,
      feeTotal: usd('99.00'),
      certification: { expiresOn: E, cycleStartsOn: '2024-09-01' },
      audit: {
        id: expect.stringMatching(/^aud_/),
        status: 'AWAITING_DOCUMENTS',
        selectedOn: TODAY,
        documentsDueOn: '2026-07-15',
        overdue: false,
        reason: null,
      },
    });
    expect(await certificationOf(t, trainer, null, 'self')).toMatchObject({ expiresOn: E });
  });

  it('R9: after an application in audit, a second submission is ALREADY_APPLIED; nothing is written', async () => {
    const { trainer } = await audited();
    const compliance = await complianceOf(t, trainer);
    expect(compliance.blockers).toEqual([
      { code: 'ALREADY_APPLIED', message: 'An application for this cycle has already been submitted' },
    ]);
    expect(compliance.acceptable).toBe(false);
    const before = await snapshot(t);
    const res = await submitRecertification(t, trainer);
    expect(res).toEqual({
      application: null,
      userErrors: asUserErrors([['ALREADY_APPLIED', 'An application for this cycle has already been submitted']]),
    });
    expect(await snapshot(t)).toEqual(before);
  });

  it('R9/R11: two concurrent submissions create exactly one application; the other is ALREADY_APPLIED', async () => {
    const trainer = await readyTrainer(t, cat);
    const results = await whileTableLocked(t, 'recertification_application', 2, () =>
      Promise.all([submitRecertification(t, trainer), submitRecertification(t, trainer)]),
    );
    expect(results.filter((r) => r.application?.status === 'AUDIT_PENDING')).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors.map((e) => e.code))).toEqual(['ALREADY_APPLIED']);
    expect((await applicationsSeenBy(t, { trainer: trainer.trainerId })).totalCount).toBe(1);
  });

  describe('R11: overdue audits are listed for staff after the due date', () => {
    let waiting: string;
    let submitted: string;
    let owner: TrainerFixture;
    beforeAll(async () => {
      waiting = (await audited()).auditId;
      const withDocuments = await audited();
      submitted = withDocuments.auditId;
      owner = withDocuments.trainer;
      const res = data(await submitAuditDocuments(t, submitted, [pdf()], { trainer: owner.trainerId }));
      expect(res.submitAuditDocuments.userErrors).toEqual([]);
    });

    it.each([
      ['R11: on the due date (2026-07-15) it is not overdue', '2026-07-15', false],
      ['R11: the day after the due date (2026-07-16) it is overdue', '2026-07-16', true],
    ])('%s', async (_name, day, overdue) => {
      await onDay(t, day, async () => {
        const overdueIds = await auditIdsSeenBy(t, 'staff', { overdue: true });
        const notOverdueIds = await auditIdsSeenBy(t, 'staff', { overdue: false });
        expect(overdueIds.includes(waiting)).toBe(overdue);
        expect(notOverdueIds.includes(waiting)).toBe(!overdue);
        expect(overdueIds).not.toContain(submitted);
        expect(notOverdueIds).toContain(submitted);
        expect((await auditOf(waiting))?.overdue).toBe(overdue);
      });
    });

    it('R11: a trainer sees only their own audits', async () => {
      const ids = await auditIdsSeenBy(t, { trainer: owner.trainerId });
      expect(ids).toEqual([submitted]);
      expect(await auditOf(waiting, { trainer: owner.trainerId })).toBeNull();
    });
  });

  describe('submitAuditDocuments', () => {
    it('R11: the trainer submits document metadata: DOCUMENTS_SUBMITTED with the documents listed', async () => {
      const { trainer, auditId } = await audited();
      const res = data(
        await submitAuditDocuments(
          t,
          auditId,
          [
            { ...pdf('cpr-card.pdf'), mediaType: 'Application/PDF' },
            {
              name: 'transcript.jpg',
              mediaType: 'image/jpeg',
              sizeBytes: 1,
              sha256: '0'.repeat(64),
              location: 'audits/2026/transcript.jpg',
            },
          ],
          { trainer: trainer.trainerId },
        ),
      ).submitAuditDocuments;
      expect(res.userErrors).toEqual([]);
      expect(res.audit).toMatchObject({
        id: auditId,
        status: 'DOCUMENTS_SUBMITTED',
        overdue: false,
        application: { status: 'AUDIT_PENDING' },
        documents: [
          {
            name: 'cpr-card.pdf',
            mediaType: 'application/pdf',
            sizeBytes: 48_213,
            sha256: SHA.toLowerCase(),
            location: 'https://files.example.test/audits/cpr-card.pdf',
            submittedAt: expect.any(String),
          },
          {
            name: 'transcript.jpg',
            mediaType: 'image/jpeg',
            sizeBytes: 1,
            sha256: '0'.repeat(64),
            location: 'audits/2026/transcript.jpg',
            submittedAt: expect.any(String),
          },
        ],
      });
      const more = data(await submitAuditDocuments(t, auditId, [pdf('extra.pdf')], { trainer: trainer.trainerId }));
      expect(more.submitAuditDocuments.audit?.documents.map((d) => d.name)).toEqual([
        'cpr-card.pdf',
        'transcript.jpg',
        'extra.pdf',
      ]);
    });

    it.each([
      [
        'R11: a SHA-256 that is not 64 hex digits is INVALID_FORMAT',
        [{ ...pdf(), sha256: 'abc123' }],
        [['INVALID_FORMAT', ['input', 'documents', '0', 'sha256']]],
      ],
      [
        'R11: a SHA-256 with a non-hex digit is INVALID_FORMAT',
        [pdf(), { ...pdf('b.pdf'), sha256: 'g'.repeat(64) }],
        [['INVALID_FORMAT', ['input', 'documents', '1', 'sha256']]],
      ],
      [
        'R11: a size of 0 bytes is OUT_OF_RANGE',
        [{ ...pdf(), sizeBytes: 0 }],
        [['OUT_OF_RANGE', ['input', 'documents', '0', 'sizeBytes']]],
      ],
      [
        'R11: a size over 50 MB is OUT_OF_RANGE',
        [{ ...pdf(), sizeBytes: 50_000_001 }],
        [['OUT_OF_RANGE', ['input', 'documents', '0', 'sizeBytes']]],
      ],
      [
        'R11: a malformed media type is INVALID_FORMAT',
        [{ ...pdf(), mediaType: 'pdf' }],
        [['INVALID_FORMAT', ['input', 'documents', '0', 'mediaType']]],
      ],
      [
        'R11: bad size and bad SHA-256 together are both named',
        [{ ...pdf(), sizeBytes: 0, sha256: 'xyz' }],
        [
          ['OUT_OF_RANGE', ['input', 'documents', '0', 'sizeBytes']],
          ['INVALID_FORMAT', ['input', 'documents', '0', 'sha256']],
        ],
      ],
      ['R11: no document at all is REQUIRED', [], [['REQUIRED', ['input', 'documents']]]],
    ] as [string, DocumentIn[], [string, string[]][]][])('%s; nothing is written', async (_name, documents, errors) => {
      const { trainer, auditId } = await audited();
      const before = await snapshot(t);
      const res = data(await submitAuditDocuments(t, auditId, documents, { trainer: trainer.trainerId }));
      expect(res.submitAuditDocuments.audit).toBeNull();
      const got = res.submitAuditDocuments.userErrors.map((e) => [e.code, e.field]);
      expect(got).toHaveLength(errors.length);
      expect(got).toEqual(expect.arrayContaining(errors));
      expect(await snapshot(t)).toEqual(before);
    });

    it('R11: another trainer gets NOT_FOUND, as for an unknown audit ID; nothing is written', async () => {
      const { auditId } = await audited();
      const stranger = await createTrainer(t);
      const before = await snapshot(t);
      for (const id of [auditId, 'aud_nope']) {
        const res = data(await submitAuditDocuments(t, id, [pdf()], { trainer: stranger.trainerId }));
        expect(res.submitAuditDocuments).toEqual({
          audit: null,
          userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'auditId'] })],
        });
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('R11: staff do not submit documents (FORBIDDEN)', async () => {
      const { auditId } = await audited();
      const res = await submitAuditDocuments(t, auditId, [pdf()], 'staff');
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    });
  });

  describe('resolveAudit', () => {
    it('R11/R10: PASS approves the application and renews the certification (E + 24 months); logged', async () => {
      const { trainer, application, auditId } = await audited();
      data(await submitAuditDocuments(t, auditId, [pdf()], { trainer: trainer.trainerId }));
      const res = data(await resolveAudit(t, { auditId, outcome: 'PASS' }, 'staff')).resolveAudit;
      expect(res.userErrors).toEqual([]);
      expect(res.audit).toMatchObject({
        status: 'PASSED',
        reason: null,
        resolvedAt: expect.any(String),
        application: {
          id: application.id,
          status: 'APPROVED',
          newExpiresOn: RENEWED,
          refusalReason: null,
          certification: { expiresOn: RENEWED, cycleStartsOn: '2026-09-01' },
        },
      });
      expect(await certificationOf(t, trainer, null, 'self')).toMatchObject({
        expiresOn: RENEWED,
        cycleStartsOn: '2026-09-01',
      });
      expect((await decisionsAbout(t, auditId)).map((d) => [d.action, d.actorType, d.actorId])).toEqual([
        ['AUDIT_PASSED', 'STAFF', 'test.reviewer'],
      ]);
      expect(await decisionsAbout(t, application.id)).toEqual([
        expect.objectContaining({
          action: 'APPLICATION_APPROVED',
          actorType: 'STAFF',
          actorId: 'test.reviewer',
          details: { previousExpiresOn: E, newExpiresOn: RENEWED },
        }),
      ]);
    });

    it('R11/R10: an audit passed late (after E) still renews to E + 24 months', async () => {
      const { auditId, application } = await audited();
      const res = await onDay(t, '2026-10-20', async () =>
        data(await resolveAudit(t, { auditId, outcome: 'PASS', reason: 'Documents complete.' }, 'staff')),
      );
      expect(res.resolveAudit.audit).toMatchObject({
        status: 'PASSED',
        reason: 'Documents complete.',
        application: { id: application.id, status: 'APPROVED', newExpiresOn: RENEWED },
      });
    });

    it.each([
      ['R11: FAIL without a reason is REQUIRED', undefined],
      ['R11: FAIL with a blank reason is REQUIRED', '   '],
    ])('%s; nothing is written', async (_name, reason) => {
      const { auditId } = await audited();
      const before = await snapshot(t);
      const res = data(await resolveAudit(t, { auditId, outcome: 'FAIL', reason }, 'staff')).resolveAudit;
      expect(res).toEqual({
        audit: null,
        userErrors: [expect.objectContaining({ code: 'REQUIRED', field: ['input', 'reason'] })],
      });
      expect(await snapshot(t)).toEqual(before);
    });

    it('R11: FAIL with a reason refuses the application with that reason; the certification is unchanged; logged', async () => {
      const { trainer, application, auditId } = await audited();
      const reason = 'The CPR/AED card could not be verified.';
      const res = data(await resolveAudit(t, { auditId, outcome: 'FAIL', reason }, 'staff')).resolveAudit;
      expect(res.userErrors).toEqual([]);
      expect(res.audit).toMatchObject({
        status: 'FAILED',
        reason,
        resolvedAt: expect.any(String),
        application: {
          id: application.id,
          status: 'REFUSED',
          newExpiresOn: null,
          refusalReason: reason,
          certification: { expiresOn: E, cycleStartsOn: '2024-09-01' },
        },
      });
      expect(await certificationOf(t, trainer, null, 'self')).toMatchObject({
        expiresOn: E,
        cycleStartsOn: '2024-09-01',
      });
      expect((await decisionsAbout(t, auditId)).map((d) => [d.action, d.actorType, d.reason])).toEqual([
        ['AUDIT_FAILED', 'STAFF', reason],
      ]);
      expect((await decisionsAbout(t, application.id)).map((d) => [d.action, d.actorType, d.reason])).toEqual([
        ['APPLICATION_REFUSED', 'STAFF', reason],
      ]);
      const listed = await applicationsSeenBy(t, 'staff', { status: 'REFUSED' });
      expect(listed.nodes.map((n) => n.id)).toContain(application.id);
    });

    it.each([
      ['R11: passing a passed audit is INVALID_TRANSITION', 'PASS', 'PASS'],
      ['R11: failing a passed audit is INVALID_TRANSITION', 'PASS', 'FAIL'],
      ['R11: passing a failed audit is INVALID_TRANSITION', 'FAIL', 'PASS'],
    ] as const)('%s; nothing is written', async (_name, firstOutcome, secondOutcome) => {
      const { auditId } = await audited();
      const first = data(await resolveAudit(t, { auditId, outcome: firstOutcome, reason: 'First.' }, 'staff'));
      expect(first.resolveAudit.userErrors).toEqual([]);
      const before = await snapshot(t);
      const second = data(await resolveAudit(t, { auditId, outcome: secondOutcome, reason: 'Second.' }, 'staff'));
      expect(second.resolveAudit).toEqual({
        audit: null,
        userErrors: [expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'auditId'] })],
      });
      expect(await snapshot(t)).toEqual(before);
    });

    it('R11: documents cannot be submitted to a resolved audit (INVALID_TRANSITION)', async () => {
      const { trainer, auditId } = await audited();
      data(await resolveAudit(t, { auditId, outcome: 'PASS' }, 'staff'));
      const res = data(await submitAuditDocuments(t, auditId, [pdf()], { trainer: trainer.trainerId }));
      expect(res.submitAuditDocuments.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
    });

    it('R11: two staff resolving one audit at once: one decision wins, the certification is renewed at most once', async () => {
      const { trainer, auditId } = await audited();
      const results = await whileTableLocked(t, 'audit', 2, () =>
        Promise.all([
          resolveAudit(t, { auditId, outcome: 'PASS' }, 'staff'),
          resolveAudit(t, { auditId, outcome: 'FAIL', reason: 'Missing card.' }, 'staff'),
        ]),
      );
      const payloads = results.map((r) => data(r).resolveAudit);
      expect(payloads.filter((p) => p.userErrors.length === 0)).toHaveLength(1);
      const loser = payloads.find((p) => p.userErrors.length > 0)!;
      expect(['CONCURRENT_UPDATE', 'INVALID_TRANSITION']).toContain(loser.userErrors[0].code);
      const audit = (await auditOf(auditId))!;
      const expiresOn = (await certificationOf(t, trainer, null, 'self'))?.expiresOn;
      if (audit.status === 'PASSED') {
        expect(audit.application).toMatchObject({ status: 'APPROVED', newExpiresOn: RENEWED });
        expect(expiresOn).toBe(RENEWED);
      } else {
        expect(audit).toMatchObject({ status: 'FAILED', application: { status: 'REFUSED' } });
        expect(expiresOn).toBe(E);
      }
      expect((await decisionsAbout(t, auditId)).map((d) => d.action)).toEqual([
        audit.status === 'PASSED' ? 'AUDIT_PASSED' : 'AUDIT_FAILED',
      ]);
    });

    it.each([
      ['R11: the trainer may not resolve their own audit (FORBIDDEN)', 'trainer', 'FORBIDDEN'],
      ['R11: a provider may not resolve an audit (FORBIDDEN)', 'provider', 'FORBIDDEN'],
      ['R11: an anonymous caller may not resolve an audit (UNAUTHENTICATED)', 'anonymous', 'UNAUTHENTICATED'],
    ])('%s', async (_name, who, code) => {
      const { trainer, auditId } = await audited();
      const as: As =
        who === 'trainer'
          ? { trainer: trainer.trainerId }
          : who === 'provider'
            ? { provider: cat.providerId }
            : undefined;
      const res = await resolveAudit(t, { auditId, outcome: 'PASS' }, as);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expect((await auditOf(auditId))?.status).toBe('AWAITING_DOCUMENTS');
    });
  });
});

describe('audit selection is a draw below the rate 0.1 (R11)', () => {
  let t: TestApp;
  let cat: RecertCatalogue;
  beforeAll(async () => {
    t = await startTestApp({ today: TODAY, random: scriptedRandom(0.1, 0.0999) });
    cat = await recertCatalogue(t);
  });
  afterAll(() => t.close());

  it.each([
    ['R11: a draw of exactly 0.1 is not selected: approved at once', 'APPROVED', false],
    ['R11: a draw of 0.0999 is selected: AUDIT_PENDING', 'AUDIT_PENDING', true],
  ])('%s', async (_name, status, selected) => {
    const application = await applied(t, await readyTrainer(t, cat));
    expect(application.status).toBe(status);
    expect(application.audit !== null).toBe(selected);
  });
});
