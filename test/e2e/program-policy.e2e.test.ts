import { CprAedCredential } from '../../src/modules/cpr-aed/cpr-aed.entity';
import { fromGlobalId } from '../../src/common/ids';
import { approvedProvider, createCourse, createTrainer } from '../support/fixtures';
import { data, scriptedRandom, startTestApp, TestApp } from '../support/harness';

const SET = `mutation($input: SetProgramPolicyInput!) { setProgramPolicy(input: $input) {
  programPolicy { auditRate auditDocumentsDays petitionFee { amount currencyCode } } userErrors { code field } } }`;

describe('program policy as data (R6, R11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every draw is 0.5: never audited at the default 10 %, always at a rate above one half.
    t = await startTestApp({ today: '2026-06-15', random: scriptedRandom(0.5) });
  });
  afterAll(() => t.close());

  it('R6/R11: the defaults are in force until staff change them', async () => {
    const res = data(
      await t.gql<{ programPolicy: unknown }>(
        `{ programPolicy { auditRate auditDocumentsDays petitionFee { amount } } }`,
      ),
    );
    expect(res.programPolicy).toEqual({ auditRate: '0.1', auditDocumentsDays: 30, petitionFee: { amount: '25.00' } });
  });

  it('only staff change the settings, and each change is logged', async () => {
    const asTrainer = await t.gql(
      SET,
      { input: { petitionFee: '1.00' } },
      { trainer: (await createTrainer(t)).trainerId },
    );
    expect(asTrainer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = data(
      await t.gql<{ setProgramPolicy: { userErrors: unknown[] } }>(SET, { input: { auditRate: '1.5' } }, 'staff'),
    );
    expect(bad.setProgramPolicy.userErrors).toEqual([{ code: 'INVALID_FORMAT', field: ['input', 'auditRate'] }]);
  });

  it('R6: a new petition fee is charged on the next petition; R11: a new rate and window select and date the next audit', async () => {
    const changed = data(
      await t.gql<{ setProgramPolicy: { programPolicy: unknown } }>(
        SET,
        { input: { petitionFee: '30.00', auditRate: '0.75', auditDocumentsDays: 14, reason: 'New policy year' } },
        'staff',
      ),
    );
    expect(changed.setProgramPolicy.programPolicy).toEqual({
      auditRate: '0.75',
      auditDocumentsDays: 14,
      petitionFee: { amount: '30.00', currencyCode: 'USD' },
    });

    const trainer = await createTrainer(t, { expiresOn: '2026-07-31' });
    const petition = data(
      await t.gql<{ submitPetition: { petition: { fee: { amount: string } } } }>(
        `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { petition { fee { amount } } userErrors { code } } }`,
        {
          input: {
            event: { title: 'Summit', providerName: 'Forum', completedOn: '2026-05-01', contactHours: '2' },
            justification: 'In scope.',
          },
        },
        { trainer: trainer.trainerId },
      ),
    );
    expect(petition.submitPetition.petition.fee.amount).toBe('30.00');

    // Enough CEUs and a valid card, so the application is accepted and the audit draw decides.
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId, { contactHours: '19' });
    data(
      await t.gql(
        `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) { userErrors { code } } }`,
        { input: { courseId, completedOn: '2026-06-15' } },
        { trainer: trainer.trainerId },
      ),
    );
    await t.db.uow.run((em) =>
      em.insert(CprAedCredential, {
        trainerId: fromGlobalId('Trainer', trainer.trainerId) as number,
        issuer: 'Red Cross',
        cardNumber: null,
        issuedOn: '2026-01-10',
        expiresOn: '2028-01-10',
        coversAdultCpr: true,
        coversAed: true,
        format: 'IN_PERSON',
        createdAt: new Date().toISOString(),
      }),
    );
    const applied = data(
      await t.gql<{
        submitRecertification: { application: { status: string; audit: { documentsDueOn: string } | null } };
      }>(
        `mutation { submitRecertification(input: {}) { application { status audit { documentsDueOn } } userErrors { code message } } }`,
        undefined,
        { trainer: trainer.trainerId },
      ),
    );
    expect(applied.submitRecertification.application).toEqual({
      status: 'AUDIT_PENDING',
      audit: { documentsDueOn: '2026-06-29' },
    });

    const log = data(
      await t.gql<{ decisionLog: { nodes: { action: string; subject: string | null; reason: string }[] } }>(
        `{ decisionLog(filter: { action: "PROGRAM_POLICY_SET" }) { nodes { action subject reason } } }`,
        undefined,
        'staff',
      ),
    );
    expect(log.decisionLog.nodes).toEqual([{ action: 'PROGRAM_POLICY_SET', subject: null, reason: 'New policy year' }]);
  });
});
