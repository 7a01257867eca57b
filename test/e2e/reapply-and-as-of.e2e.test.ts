import { createTrainer } from '../support/fixtures';
import { data, scriptedRandom, startTestApp, TestApp } from '../support/harness';
import { selfReported } from '../support/ledger-fixtures';
import {
  applied,
  complianceOf,
  decisionsAbout,
  recertCatalogue,
  recordedCard,
  resolveAudit,
  submitRecertification,
} from '../support/recertification-fixtures';

describe('after a failed audit, compliance as of a date, and who decided', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The first draw selects an audit (0.05 < 0.1); every later one does not.
    t = await startTestApp({ today: '2026-06-15', random: scriptedRandom(0.05, 0.9) });
  });
  afterAll(() => t.close());

  it('R11: after a failed audit the trainer may apply again for the same cycle, and is approved (R10)', async () => {
    const catalogue = await recertCatalogue(t);
    const trainer = await createTrainer(t, { expiresOn: '2026-08-31' });
    await selfReported(t, trainer, await catalogue.course(2026, '1.9'), '2026-03-01');
    await recordedCard(t, trainer, { issuedOn: '2026-01-10', expiresOn: '2028-01-10' });

    const first = await applied(t, trainer);
    expect(first.status).toBe('AUDIT_PENDING');
    const failed = data(
      await resolveAudit(t, { auditId: first.audit!.id, outcome: 'FAIL', reason: 'Certificate not legible.' }, 'staff'),
    );
    expect(failed.resolveAudit.userErrors).toEqual([]);

    const second = await submitRecertification(t, trainer);
    expect(second.userErrors).toEqual([]);
    expect(second.application).toMatchObject({ status: 'APPROVED', newExpiresOn: '2028-08-31' });

    // Each application keeps its own history in the decision log.
    expect((await decisionsAbout(t, first.id)).map((d) => d.action)).toEqual(['APPLICATION_REFUSED']);
    expect((await decisionsAbout(t, second.application!.id)).map((d) => d.action)).toEqual(['APPLICATION_APPROVED']);
  });

  it('R5/R9: compliance as of a past date counts only what was completed and issued by then', async () => {
    const catalogue = await recertCatalogue(t);
    const trainer = await createTrainer(t, { expiresOn: '2026-12-31' });
    await selfReported(t, trainer, await catalogue.course(2026, '1.0'), '2026-02-01');
    await selfReported(t, trainer, await catalogue.course(2026, '0.9'), '2026-05-01');
    await recordedCard(t, trainer, { issuedOn: '2026-04-01', expiresOn: '2028-04-01' });

    const march = await complianceOf(t, trainer, '2026-03-01');
    expect(march.continuingEducation).toMatchObject({ earned: '1.0', remaining: '0.9' });
    expect(march.blockers.map((b) => b.code)).toEqual(['CE_SHORT', 'CPR_AED_MISSING']);

    const june = await complianceOf(t, trainer, '2026-06-01');
    expect(june.continuingEducation).toMatchObject({ earned: '1.9', remaining: '0.0' });
    expect(june.blockers).toEqual([]);
  });

  it('the decision log names trainers and providers by global ID, never by row number', async () => {
    const catalogue = await recertCatalogue(t);
    const trainer = await createTrainer(t, { expiresOn: '2026-09-30' });
    await selfReported(t, trainer, await catalogue.course(2026, '1.9'), '2026-04-01');
    await recordedCard(t, trainer, { issuedOn: '2026-01-10', expiresOn: '2028-01-10' });
    const application = await applied(t, trainer);
    const decisions = await decisionsAbout(t, application.id);
    expect(decisions).toEqual([expect.objectContaining({ actorType: 'TRAINER', actorId: trainer.trainerId })]);
  });
});
