import { Kind } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  catalogueUsage,
  Client,
  createClient,
  GraphQLRequestError,
  providerUsage,
  staffUsage,
  trainerPortalUsage,
} from '../../examples/client';
import {
  ApplyAsProviderDocument,
  ApproveProviderDocument,
  AuditQueueDocument,
  CertificationsExpiringDocument,
  CatalogueSearchDocument,
  CourseDetailDocument,
  DecidePetitionDocument,
  DecisionLogDocument,
  FindTrainersDocument,
  IssueCertificationDocument,
  MyApplicationsDocument,
  PendingReviewsDocument,
  ProviderCoursesDocument,
  ProvidersDocument,
  ProviderViewerDocument,
  QuoteRecertificationDocument,
  RecertificationPolicyDocument,
  RecordCprAedCredentialDocument,
  RegisterCourseDocument,
  RenewCourseDocument,
  ReportCompletionDocument,
  ReportCompletionsDocument,
  ReportedCompletionsDocument,
  CompletionReportDocument,
  CompletionReportsDocument,
  ResolveAuditDocument,
  ReviewCourseDocument,
  SubmitAuditDocumentsDocument,
  SubmitPetitionDocument,
  SubmitRecertificationDocument,
  TrainerTranscriptDocument,
  TrainerViewerDocument,
  UpdateCourseDocument,
  UpdateTrainerDocument,
} from '../../examples/generated/graphql';
import { toGlobalId } from '../../src/common/ids';
import { Certification, Trainer } from '../../src/modules/trainer/trainer.entity';
import { addDays } from '../../src/rules/calendar';
import { DEMO_API_KEY, seedDemo } from '../../src/seed/demo';
import { loadExampleDocuments, operationNames } from '../../scripts/codegen';
import { startTestApp, TestApp } from '../support/harness';
import { craftToken } from '../support/tokens';

/**
 * The example operations of examples/ (what each kind of client sends), run through the typed
 * client of examples/client.ts against a real server holding the demo data, each with the
 * credential its client uses: none for the catalogue, the demo partner's API key, portal JWTs of
 * demo trainers, a staff JWT. Every answer must come without GraphQL errors (the client throws on
 * them), and mutations must succeed (no userErrors) with the variables given here.
 */

const TODAY = '2026-11-22';
const DEMO_PARTNER_KEY = `${DEMO_API_KEY.prefix}_${DEMO_API_KEY.secret}`;
const NO_USER_ERRORS: never[] = [];

/** Every answer, in the order sent, of each executor's run: compared at the end. */
const ANSWERS: Record<string, [string, string][]> = {};
const EXECUTORS = ['jit', 'graphql-js'] as const;

describe.each(EXECUTORS)('example operations against a server with the demo data (%s executor)', (executor) => {
  let t: TestApp;
  let client: Client;
  const sent = new Set<string>();
  let staff: string;
  /** A portal token for a demo trainer, by family name, with the trainer's certification. */
  const portal: Record<string, { token: string; trainerId: string; certificationId: string; number: string }> = {};

  /** The client, recording which operations were sent. */
  function request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    token?: string,
  ): Promise<TResult> {
    let name = '';
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) sent.add((name = definition.name.value));
    }
    return client.request(document, variables, token).then((answer) => {
      (ANSWERS[executor] ??= []).push([name, JSON.stringify(answer)]);
      return answer;
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY, env: { GRAPHQL_EXECUTOR: executor } });
    await seedDemo(t.db, t.clock);
    client = createClient(t.url);
    staff = await craftToken({ role: 'STAFF' }, { sub: 'ann' });
    for (const lastName of ['Lopez', 'Carter', 'Johnson', 'Lee']) {
      const trainer = await t.db.reader.findOneByOrFail(Trainer, { lastName });
      const certification = await t.db.reader.findOneByOrFail(Certification, { trainerId: trainer.id });
      const trainerId = toGlobalId('Trainer', trainer.id);
      portal[lastName] = {
        token: await craftToken({ role: 'TRAINER' }, { sub: trainerId }),
        trainerId,
        certificationId: toGlobalId('Certification', certification.id),
        number: certification.number,
      };
    }
  });
  afterAll(() => t?.close());

  // Filled in as the operations answer, for the ones that follow.
  const ids: Record<string, string> = {};

  describe('the public catalogue (no credential)', () => {
    it('CatalogueSearch: filters, pages and decides the credit path on a date', async () => {
      const { courses } = await request(CatalogueSearchDocument, {
        first: 10,
        filter: { topic: 'CORRECTIVE_EXERCISE', creditPath: 'AUTOMATIC', on: TODAY },
        on: TODAY,
      });
      expect(courses.nodes.map((c) => c.code).sort()).toEqual(['CSA-FMA', 'NASM-CES']);
      for (const course of courses.nodes) expect(course.creditPath.path).toBe('AUTOMATIC');
      const fma = courses.nodes.find((c) => c.code === 'CSA-FMA')!;
      expect(fma.provider.name).toBe('Coastal Strength Academy');
      ids.fma = fma.id;

      const first = await request(CatalogueSearchDocument, { first: 5 });
      expect(first.courses.pageInfo.hasNextPage).toBe(true);
      const next = await request(CatalogueSearchDocument, { first: 5, after: first.courses.pageInfo.endCursor });
      expect(next.courses.nodes).toHaveLength(5);
      expect(next.courses.nodes[0].id).not.toBe(first.courses.nodes[4].id);

      const all = await request(CatalogueSearchDocument, { first: 100 });
      for (const [key, code] of [
        ['kettlebell', 'APX-101'],
        ['coaching', 'APX-120'],
        ['mobility', 'APX-205'],
      ]) {
        ids[key] = all.courses.nodes.find((c) => c.code === code)!.id;
      }
    });

    it('CourseDetail: one course with its approval periods', async () => {
      const { course } = await request(CourseDetailDocument, { id: ids.fma });
      expect(course).toMatchObject({
        code: 'CSA-FMA',
        status: 'APPROVED',
        contactHours: '7.5',
        topics: ['CORRECTIVE_EXERCISE'],
      });
      expect(course!.approvalPeriods.length).toBeGreaterThan(0);
    });

    it('Providers: approved partners only', async () => {
      const { providers } = await request(ProvidersDocument, { filter: { kind: 'PARTNER' } });
      expect(providers.nodes.map((p) => p.name).sort()).toEqual(['Apex Fitness Education', 'Coastal Strength Academy']);
      for (const provider of providers.nodes) expect(provider.status).toBe('APPROVED');
    });

    it('RecertificationPolicy: fees, program settings and waivers', async () => {
      const policy = await request(RecertificationPolicyDocument, {});
      expect(policy.programPolicy.programCode).toBe('CPT');
      expect(policy.programPolicy.petitionFee).toEqual({ amount: '25.00', currencyCode: 'USD' });
      expect(Array.isArray(policy.feeSchedules)).toBe(true);
      expect(Array.isArray(policy.handsOnWaivers)).toBe(true);
    });

    it('ApplyAsProvider: an education company applies', async () => {
      const { applyAsProvider } = await request(ApplyAsProviderDocument, {
        input: {
          name: 'Summit Kinetics Academy',
          contactEmail: 'partners@summitkinetics.example',
          website: 'https://summitkinetics.example',
          idempotencyKey: 'apply-summit-kinetics',
        },
      });
      expect(applyAsProvider.userErrors).toEqual(NO_USER_ERRORS);
      expect(applyAsProvider.provider).toMatchObject({ name: 'Summit Kinetics Academy', status: 'PENDING' });
      ids.summit = applyAsProvider.provider!.id;
    });
  });

  describe('a provider partner (the demo API key)', () => {
    it('ProviderViewer: who the key acts for', async () => {
      const { viewer } = await request(ProviderViewerDocument, {}, DEMO_PARTNER_KEY);
      expect(viewer.role).toBe('PROVIDER');
      expect(viewer.provider).toMatchObject({ name: 'Apex Fitness Education', kind: 'PARTNER', status: 'APPROVED' });
      expect(viewer.provider!.contactEmail).toEqual(expect.any(String));
      ids.apex = viewer.provider!.id;
    });

    it('ProviderCourses: its own courses in every status', async () => {
      const { courses } = await request(ProviderCoursesDocument, { providerId: ids.apex }, DEMO_PARTNER_KEY);
      const status = Object.fromEntries(courses.nodes.map((c) => [c.code, c.status]));
      expect(status).toMatchObject({ 'APX-101': 'APPROVED', 'APX-099': 'RETIRED', 'APX-500': 'PENDING_REVIEW' });
      const pending = await request(
        ProviderCoursesDocument,
        { providerId: ids.apex, status: 'PENDING_REVIEW' },
        DEMO_PARTNER_KEY,
      );
      expect(pending.courses.nodes.map((c) => c.code)).toEqual(['APX-500']);
    });

    it('RegisterCourse: a new course goes to review', async () => {
      const { registerCourse } = await request(
        RegisterCourseDocument,
        {
          input: {
            code: 'APX-777',
            title: 'Assessing Overhead Squat Compensations',
            contactHours: '6',
            topics: ['CORRECTIVE_EXERCISE'],
            deliveryFormat: 'LIVE_ONLINE',
            idempotencyKey: 'register-APX-777',
          },
        },
        DEMO_PARTNER_KEY,
      );
      expect(registerCourse.userErrors).toEqual(NO_USER_ERRORS);
      expect(registerCourse.course).toMatchObject({
        code: 'APX-777',
        status: 'PENDING_REVIEW',
        defaultCeuValue: '0.6',
      });
      ids.newCourse = registerCourse.course!.id;
    });

    it('UpdateCourse: the course pending review is changed', async () => {
      const { updateCourse } = await request(
        UpdateCourseDocument,
        {
          input: {
            courseId: ids.newCourse,
            contactHours: '7.5',
            description: 'Reading the overhead squat assessment and choosing corrective strategies.',
          },
        },
        DEMO_PARTNER_KEY,
      );
      expect(updateCourse.userErrors).toEqual(NO_USER_ERRORS);
      expect(updateCourse.course).toMatchObject({
        contactHours: '7.5',
        defaultCeuValue: '0.75',
        status: 'PENDING_REVIEW',
      });
    });

    it('RenewCourse: an approved course is renewed for next year', async () => {
      const { renewCourse } = await request(
        RenewCourseDocument,
        { input: { courseId: ids.kettlebell } },
        DEMO_PARTNER_KEY,
      );
      expect(renewCourse.userErrors).toEqual(NO_USER_ERRORS);
      expect(renewCourse.course).toMatchObject({ status: 'APPROVED', renewalYear: 2027 });
    });

    it('ReportCompletions: answered row by row', async () => {
      const maria = portal.Lopez;
      const { reportCompletions } = await request(
        ReportCompletionsDocument,
        {
          input: {
            idempotencyKey: 'apex-2026-11-batch-1',
            rows: [
              {
                certificationNumber: maria.number,
                lastName: 'Lopez',
                courseId: ids.coaching,
                completedOn: addDays(TODAY, -5),
                externalRef: 'row-1',
              },
              {
                certificationNumber: maria.number,
                firstName: 'maria',
                lastName: 'LÓPEZ',
                courseId: ids.mobility,
                completedOn: addDays(TODAY, -4),
                externalRef: 'row-2',
              },
              {
                certificationNumber: 'CPT-9999999',
                lastName: 'Nobody',
                courseId: ids.coaching,
                completedOn: addDays(TODAY, -5),
                externalRef: 'row-3',
              },
            ],
          },
        },
        DEMO_PARTNER_KEY,
      );
      expect(reportCompletions.userErrors).toEqual(NO_USER_ERRORS);
      expect(reportCompletions).toMatchObject({ acceptedCount: 2, duplicateCount: 0, rejectedCount: 1 });
      expect(reportCompletions.results.map((r) => [r.externalRef, r.status])).toEqual([
        ['row-1', 'ACCEPTED'],
        ['row-2', 'ACCEPTED'],
        ['row-3', 'UNKNOWN_CERTIFICATION'],
      ]);
      expect(reportCompletions.results[0]).toMatchObject({ creditPath: 'AUTOMATIC', standing: expect.any(String) });
      ids.reported1 = reportCompletions.results[0].completion!.id;
      ids.reported2 = reportCompletions.results[1].completion!.id;
      ids.report = reportCompletions.report!.id;
    });

    it('ReportedCompletions: lists what it reported, by its own reference too', async () => {
      const { reportedCompletions } = await request(ReportedCompletionsDocument, { first: 50 }, DEMO_PARTNER_KEY);
      const listed = reportedCompletions.nodes.map((n) => n.id);
      expect(listed).toEqual(expect.arrayContaining([ids.reported1, ids.reported2]));
      for (const node of reportedCompletions.nodes) expect(node.source).toBe('PROVIDER_REPORTED');
      const byRef = await request(
        ReportedCompletionsDocument,
        { filter: { externalRef: 'row-2' }, first: 10 },
        DEMO_PARTNER_KEY,
      );
      expect(byRef.reportedCompletions.nodes.map((n) => [n.id, n.externalRef])).toEqual([[ids.reported2, 'row-2']]);
    });

    it('CompletionReports and CompletionReport: the report again, refused row included', async () => {
      const { completionReports } = await request(CompletionReportsDocument, { first: 10 }, DEMO_PARTNER_KEY);
      expect(completionReports.nodes[0]).toMatchObject({ id: ids.report, rowCount: 3, rejectedCount: 1 });
      const { completionReport } = await request(CompletionReportDocument, { id: ids.report }, DEMO_PARTNER_KEY);
      expect(completionReport!.rows.map((r) => [r.externalRef, r.status, r.certificationNumber])).toEqual([
        ['row-1', 'ACCEPTED', portal.Lopez.number],
        ['row-2', 'ACCEPTED', portal.Lopez.number],
        ['row-3', 'UNKNOWN_CERTIFICATION', 'CPT-9999999'],
      ]);
    });
  });

  describe('the trainer portal (trainer JWTs)', () => {
    it('TrainerViewer: the trainer, certifications and CPR/AED cards', async () => {
      const maria = portal.Lopez;
      const { viewer } = await request(TrainerViewerDocument, {}, maria.token);
      expect(viewer.role).toBe('TRAINER');
      expect(viewer.trainer).toMatchObject({ id: maria.trainerId, firstName: 'Maria', lastName: 'Lopez' });
      expect(viewer.trainer!.certifications.map((c) => c.id)).toEqual([maria.certificationId]);
      expect(viewer.trainer!.certifications[0]).toMatchObject({ number: maria.number, status: 'ACTIVE' });
      expect(viewer.trainer!.cprAedCredentials).toHaveLength(1);
    });

    it('TrainerTranscript: entries, totals and compliance', async () => {
      const maria = portal.Lopez;
      const { transcript } = await request(
        TrainerTranscriptDocument,
        { certificationId: maria.certificationId },
        maria.token,
      );
      expect(transcript).not.toBeNull();
      expect(transcript!.asOf).toBe(TODAY);
      expect(transcript!.entries.map((e) => e.completion.id)).toEqual(
        expect.arrayContaining([ids.reported1, ids.reported2]),
      );
      expect(transcript!.ceu.required).toBe('1.9');
      expect(transcript!.compliance.cprAed.status).toBe('VALID');
      const asOf = addDays(TODAY, -30);
      const earlier = await request(
        TrainerTranscriptDocument,
        { certificationId: maria.certificationId, asOf },
        maria.token,
      );
      expect(earlier.transcript!.asOf).toBe(asOf);
      expect(earlier.transcript!.entries.length).toBeLessThan(transcript!.entries.length);
    });

    it('QuoteRecertification: what applying on a date would cost', async () => {
      const james = portal.Carter;
      const { viewer } = await request(TrainerViewerDocument, {}, james.token);
      const expiresOn = viewer.trainer!.certifications[0].expiresOn;
      const onTime = await request(
        QuoteRecertificationDocument,
        { certificationId: james.certificationId, receivedOn: expiresOn },
        james.token,
      );
      expect(onTime.recertificationQuote).toMatchObject({ phase: 'ON_TIME', acceptable: true, blockers: [] });
      const late = await request(
        QuoteRecertificationDocument,
        { certificationId: james.certificationId, receivedOn: addDays(expiresOn, 10) },
        james.token,
      );
      expect(late.recertificationQuote!.phase).toBe('LATE');
      expect(late.recertificationQuote!.fees.map((f) => f.kind)).toEqual(['RECERTIFICATION', 'LATE']);
    });

    it('ReportCompletion: a self-reported catalogue course', async () => {
      const maria = portal.Lopez;
      const { reportCompletion } = await request(
        ReportCompletionDocument,
        { input: { courseId: ids.fma, completedOn: addDays(TODAY, -3), idempotencyKey: 'maria-fma-2026-11' } },
        maria.token,
      );
      expect(reportCompletion.userErrors).toEqual(NO_USER_ERRORS);
      expect(reportCompletion.completion).toMatchObject({
        source: 'SELF_REPORTED',
        creditPath: 'AUTOMATIC',
        ceuValue: '0.75',
      });
    });

    it('SubmitPetition: an event outside the catalogue', async () => {
      const maria = portal.Lopez;
      const { submitPetition } = await request(
        SubmitPetitionDocument,
        {
          input: {
            event: {
              title: 'Strength Coaching Summit',
              providerName: 'Nordic Strength Forum',
              completedOn: addDays(TODAY, -10),
              contactHours: '8',
            },
            justification: 'Programme design sessions within the CPT scope of practice.',
            idempotencyKey: 'petition-summit-2026',
          },
        },
        maria.token,
      );
      expect(submitPetition.userErrors).toEqual(NO_USER_ERRORS);
      expect(submitPetition.petition).toMatchObject({
        status: 'PENDING',
        requestedCeu: '0.8',
        fee: { amount: '25.00', currencyCode: 'USD' },
      });
      ids.petition = submitPetition.petition!.id;
    });

    it('RecordCprAedCredential: a trainer without a card records one', async () => {
      const marcus = portal.Johnson;
      const { recordCprAedCredential } = await request(
        RecordCprAedCredentialDocument,
        {
          input: {
            issuer: 'American Red Cross',
            cardNumber: 'ARC-5521-8830',
            format: 'IN_PERSON',
            coversAdultCpr: true,
            coversAed: true,
            issuedOn: addDays(TODAY, -14),
            expiresOn: addDays(TODAY, 716),
            idempotencyKey: 'marcus-cpr-2026',
          },
        },
        marcus.token,
      );
      expect(recordCprAedCredential.userErrors).toEqual(NO_USER_ERRORS);
      expect(recordCprAedCredential.credential).toMatchObject({ issuer: 'American Red Cross', format: 'IN_PERSON' });
    });

    it('SubmitRecertification: a trainer who meets the requirement applies', async () => {
      const james = portal.Carter;
      const { submitRecertification } = await request(
        SubmitRecertificationDocument,
        { input: { idempotencyKey: 'james-apply-2026' } },
        james.token,
      );
      expect(submitRecertification.userErrors).toEqual(NO_USER_ERRORS);
      expect(submitRecertification.application).toMatchObject({
        status: 'APPROVED',
        phase: 'ON_TIME',
        feeTotal: { amount: '99.00', currencyCode: 'USD' },
        audit: null,
      });
      expect(submitRecertification.application!.newExpiresOn).toEqual(expect.any(String));
    });

    it('MyApplications: an application drawn for an audit', async () => {
      const grace = portal.Lee;
      const { recertificationApplications, audits } = await request(MyApplicationsDocument, {}, grace.token);
      expect(recertificationApplications.nodes.map((a) => a.status)).toEqual(['AUDIT_PENDING']);
      expect(audits.nodes).toHaveLength(1);
      expect(audits.nodes[0]).toMatchObject({ status: 'AWAITING_DOCUMENTS', overdue: false, documents: [] });
      ids.graceAudit = audits.nodes[0].id;
    });

    it('SubmitAuditDocuments: the trainer sends the documents', async () => {
      const grace = portal.Lee;
      const { submitAuditDocuments } = await request(
        SubmitAuditDocumentsDocument,
        {
          input: {
            auditId: ids.graceAudit,
            documents: [
              {
                name: 'ceu-certificates.pdf',
                mediaType: 'application/pdf',
                sizeBytes: 48213,
                sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
                location: 'https://files.example/audits/grace-lee/ceu-certificates.pdf',
              },
            ],
          },
        },
        grace.token,
      );
      expect(submitAuditDocuments.userErrors).toEqual(NO_USER_ERRORS);
      expect(submitAuditDocuments.audit).toMatchObject({ status: 'DOCUMENTS_SUBMITTED' });
      expect(submitAuditDocuments.audit!.documents.map((d) => d.name)).toEqual(['ceu-certificates.pdf']);
    });
  });

  describe('staff (a staff JWT)', () => {
    it('PendingReviews: petitions, courses and providers waiting for a decision', async () => {
      const { petitions, courses, providers } = await request(PendingReviewsDocument, {}, staff);
      expect(petitions.nodes.map((p) => p.id)).toContain(ids.petition);
      expect(courses.nodes.map((c) => c.id)).toContain(ids.newCourse);
      expect(providers.nodes.map((p) => p.id)).toContain(ids.summit);
      expect(providers.nodes.map((p) => p.name)).toContain('Mindful Movement Institute');
    });

    it('DecidePetition: approve, awarding CEUs', async () => {
      const { decidePetition } = await request(
        DecidePetitionDocument,
        { input: { petitionId: ids.petition, decision: 'APPROVE', awardedCeu: '0.8' } },
        staff,
      );
      expect(decidePetition.userErrors).toEqual(NO_USER_ERRORS);
      expect(decidePetition.petition).toMatchObject({ status: 'APPROVED', awardedCeu: '0.8' });
    });

    it('ReviewCourse: approve the new course with its CEU value', async () => {
      const { reviewCourse } = await request(
        ReviewCourseDocument,
        { input: { courseId: ids.newCourse, decision: 'APPROVE', ceuValue: '0.75' } },
        staff,
      );
      expect(reviewCourse.userErrors).toEqual(NO_USER_ERRORS);
      expect(reviewCourse.course).toMatchObject({
        status: 'APPROVED',
        ceuValue: '0.75',
        approvedThrough: '2026-12-31',
      });
    });

    it('ApproveProvider: approve the applicant', async () => {
      const { approveProvider } = await request(
        ApproveProviderDocument,
        { input: { providerId: ids.summit, reason: 'Accreditation documents verified.' } },
        staff,
      );
      expect(approveProvider.userErrors).toEqual(NO_USER_ERRORS);
      expect(approveProvider.provider).toMatchObject({
        status: 'APPROVED',
        approvalPeriods: [{ from: TODAY, through: null }],
      });
    });

    it('AuditQueue: audits with documents to review, and overdue ones', async () => {
      const submitted = await request(AuditQueueDocument, { filter: { status: 'DOCUMENTS_SUBMITTED' } }, staff);
      expect(submitted.audits.nodes.map((a) => a.id)).toEqual([ids.graceAudit]);
      expect(submitted.audits.nodes[0].documents).toHaveLength(1);
      const overdue = await request(AuditQueueDocument, { filter: { overdue: true } }, staff);
      expect(overdue.audits.nodes).toHaveLength(1);
      expect(overdue.audits.nodes[0]).toMatchObject({ status: 'AWAITING_DOCUMENTS', overdue: true });
    });

    it('ResolveAudit: pass the audit, approving the application', async () => {
      const { resolveAudit } = await request(
        ResolveAuditDocument,
        { input: { auditId: ids.graceAudit, outcome: 'PASS', reason: 'Certificates match the transcript.' } },
        staff,
      );
      expect(resolveAudit.userErrors).toEqual(NO_USER_ERRORS);
      expect(resolveAudit.audit).toMatchObject({ status: 'PASSED', application: { status: 'APPROVED' } });
    });

    it('IssueCertification: a new trainer, a generated number, the default expiry', async () => {
      const { issueCertification } = await request(
        IssueCertificationDocument,
        {
          input: {
            trainer: { firstName: 'Zoë', lastName: 'Müller', email: 'zoe.muller@trainers.example' },
            issuedOn: '2024-02-29',
            idempotencyKey: 'issue-zoe-muller',
          },
        },
        staff,
      );
      expect(issueCertification.userErrors).toEqual(NO_USER_ERRORS);
      expect(issueCertification.certification).toMatchObject({
        programCode: 'CPT',
        issuedOn: '2024-02-29',
        cycleStartsOn: '2024-02-29',
        expiresOn: '2026-02-28',
        status: 'EXPIRED',
        trainer: { firstName: 'Zoë', lastName: 'Müller' },
      });
      expect(issueCertification.certification?.number).toMatch(/^CPT-\d{7}$/);
      ids.zoe = issueCertification.certification!.trainer!.id;
    });

    it('FindTrainers: by name without its accents, and by certification number', async () => {
      const byName = await request(FindTrainersDocument, { filter: { text: 'muller' } }, staff);
      expect(byName.trainers.nodes.map((n) => n.id)).toEqual([ids.zoe]);
      const byNumber = await request(
        FindTrainersDocument,
        { filter: { certificationNumber: portal.Lopez.number } },
        staff,
      );
      expect(byNumber.trainers.nodes.map((n) => [n.id, n.certifications.map((c) => c.number)])).toEqual([
        [portal.Lopez.trainerId, [portal.Lopez.number]],
      ]);
    });

    it('UpdateTrainer: staff correct an e-mail address', async () => {
      const { updateTrainer } = await request(
        UpdateTrainerDocument,
        { input: { trainerId: ids.zoe, email: 'Zoe.Mueller@Trainers.Example' } },
        staff,
      );
      expect(updateTrainer.userErrors).toEqual(NO_USER_ERRORS);
      expect(updateTrainer.trainer?.email).toBe('zoe.mueller@trainers.example');
    });

    it('CertificationsExpiring: the next 90 days, and expired but still in the late window', async () => {
      const soon = await request(
        CertificationsExpiringDocument,
        { filter: { expiresFrom: TODAY, expiresThrough: addDays(TODAY, 90) } },
        staff,
      );
      const dates = soon.certifications.nodes.map((n) => n.expiresOn);
      expect(dates).toEqual([...dates].sort());
      for (const node of soon.certifications.nodes) expect(node.status).toBe('ACTIVE');
      const late = await request(CertificationsExpiringDocument, { filter: { status: 'EXPIRED' } }, staff);
      expect(late.certifications.nodes.map((n) => n.trainer?.id)).toContain(ids.zoe);
      for (const node of late.certifications.nodes) expect(node.status).toBe('EXPIRED');
    });

    it('DecisionLog: the decisions just made, latest last', async () => {
      const { decisionLog } = await request(DecisionLogDocument, { last: 10 }, staff);
      const actions = decisionLog.nodes.map((n) => n.action);
      expect(actions).toEqual(expect.arrayContaining(['PETITION_APPROVED', 'PROVIDER_APPROVED']));
      const petition = await request(DecisionLogDocument, { filter: { subjectId: ids.petition } }, staff);
      expect(petition.decisionLog.nodes.map((n) => [n.action, n.actorId])).toEqual([['PETITION_APPROVED', 'ann']]);
    });
  });

  describe('the usage of examples/client.ts', () => {
    it('catalogue, provider partner, trainer portal and staff', async () => {
      expect(await catalogueUsage(client, TODAY)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^NASM-CES Corrective Exercise Specialist: 1\.9 by /)]),
      );
      const report = await providerUsage(
        client,
        DEMO_PARTNER_KEY,
        [
          {
            certificationNumber: portal.Johnson.number,
            lastName: 'Johnson',
            courseId: ids.coaching,
            completedOn: addDays(TODAY, -2),
            externalRef: 'usage-1',
          },
        ],
        'apex-usage-batch',
      );
      expect(report.results.map((r) => r.status)).toEqual(['ACCEPTED']);
      expect(await trainerPortalUsage(client, portal.Lopez.token)).toMatchObject({
        number: portal.Lopez.number,
        onTimeTotal: '99.00 USD',
      });
      const decided = await staffUsage(client, staff);
      expect(decided?.userErrors).toEqual(NO_USER_ERRORS);
      expect(decided?.petition?.status).toBe('APPROVED');
    });

    it('GraphQL errors are thrown with their codes', async () => {
      const error = await client
        .request(TrainerTranscriptDocument, { certificationId: portal.Lopez.certificationId }, 'ceu_live_nope_nope')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphQLRequestError);
      expect((error as GraphQLRequestError).errors[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('every operation of examples/ was sent', () => {
    const { documents, problems } = loadExampleDocuments();
    expect(problems).toEqual([]);
    expect([...sent].sort()).toEqual(operationNames(documents).sort());
  });
});

describe('graphql-jit and graphql-js', () => {
  /** Values drawn at random on each run (a generated certification number), masked. */
  const masked = (answer: string) => answer.replace(/"number":"[A-Z]+-\d{7}"/g, '"number":"…"');

  it('answer every example operation the same, in the same order', () => {
    const [jit, js] = EXECUTORS.map((executor) => ANSWERS[executor] ?? []);
    expect(jit.length).toBeGreaterThan(40);
    expect(jit.map(([name, answer]) => [name, masked(answer)])).toEqual(
      js.map(([name, answer]) => [name, masked(answer)]),
    );
  });
});
