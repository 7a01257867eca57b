import { Provider } from '../../src/modules/provider/provider.entity';
import { approvedProvider, createCourse, createTrainer, TrainerFixture } from '../support/fixtures';
import { data, GqlResponse, startTestApp, TestApp } from '../support/harness';

type ApplyResult = { applyAsProvider: { provider: { id: string } | null; userErrors: { code: string }[] } };
type ReportResult = { reportCompletion: { completion: { id: string } | null; userErrors: { code: string }[] } };

const APPLY = `mutation($input: ApplyAsProviderInput!) { applyAsProvider(input: $input) { provider { id } userErrors { code } } }`;
const REPORT = `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) { completion { id } userErrors { code } } }`;
const DOOMED_PREFIX = 'Doomed Provider';

function failures(responses: GqlResponse<unknown>[]): unknown[] {
  return responses.filter((r) => r.status !== 200 || r.body.errors?.length).map((r) => r.body);
}

describe('concurrency: many mutations at once on one server', () => {
  let t: TestApp;
  let courseId: string;
  let trainers: TrainerFixture[];
  const logged: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-06-15' });
    // Capture everything the server logs, to prove no transaction error happened.
    const original = t.app.logger.error.bind(t.app.logger);
    t.app.logger.error = ((...args: unknown[]) => {
      logged.push(JSON.stringify(args, (_k, v) => (v instanceof Error ? `${v.name}: ${v.message}` : v)));
      return (original as (...a: unknown[]) => void)(...args);
    }) as typeof t.app.logger.error;
    const providerId = await approvedProvider(t, 'Concurrent Academy');
    courseId = await createCourse(t, providerId);
    trainers = [];
    for (let i = 0; i < 40; i++) trainers.push(await createTrainer(t, { expiresOn: '2027-06-30' }));
  });
  afterAll(() => t.close());

  it('80 concurrent units of work: no lost or phantom rows, no transaction clash, no dirty read', async () => {
    const providersBefore = await t.db.reader.count(Provider);

    // 40 mutations that succeed: self-reports by 40 trainers.
    const reports = trainers.map((trainer) =>
      t.gql<ReportResult>(REPORT, { input: { courseId, completedOn: '2026-06-01' } }, { trainer: trainer.trainerId }),
    );
    // 10 refused: a date after today.
    const future = trainers
      .slice(0, 10)
      .map((trainer) =>
        t.gql<ReportResult>(REPORT, { input: { courseId, completedOn: '2026-06-16' } }, { trainer: trainer.trainerId }),
      );
    // 10 racing on one unique name: exactly one may win.
    const twins = Array.from({ length: 10 }, () =>
      t.gql<ApplyResult>(APPLY, { input: { name: 'Twin Fitness', contactEmail: 'twin@example.test' } }),
    );
    // 20 units of work that write a provider, hold the transaction open a moment, then fail.
    const doomed = Array.from({ length: 20 }, (_, i) =>
      t.db.uow
        .run(async (em) => {
          await em.insert(Provider, {
            kind: 'PARTNER',
            name: `${DOOMED_PREFIX} ${i}`,
            nameKey: `doomed provider ${i}`,
            contactEmail: 'doomed@example.test',
            website: null,
            status: 'APPROVED',
            statusReason: null,
            createdAt: new Date().toISOString(),
            updatedAt: new Date().toISOString(),
          });
          await new Promise((resolve) => setTimeout(resolve, 5 + (i % 4) * 5));
          throw new Error(`planned failure ${i}`);
        })
        .then(
          () => 'committed',
          (error: Error) => error.message,
        ),
    );
    // Readers all along: none may ever see a doomed provider.
    const readers = Array.from({ length: 30 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 3)).then(() =>
        t.gql<{ providers: { totalCount: number; nodes: { name: string }[] } }>(
          `query { providers(first: 100, filter: { text: "doomed" }) { totalCount nodes { name } } }`,
          undefined,
          'staff',
        ),
      ),
    );

    const [reportRes, futureRes, twinRes, doomedRes, readerRes] = await Promise.all([
      Promise.all(reports),
      Promise.all(future),
      Promise.all(twins),
      Promise.all(doomed),
      Promise.all(readers),
    ]);

    // Every HTTP answer is a clean 200 without top-level errors.
    expect(failures([...reportRes, ...futureRes, ...twinRes, ...readerRes])).toEqual([]);
    // All 40 reports recorded, each exactly once.
    const completionIds = reportRes.map((r) => data(r).reportCompletion.completion?.id);
    expect(completionIds.every(Boolean)).toBe(true);
    expect(new Set(completionIds).size).toBe(40);
    // The refused ones were refused for their reason.
    expect(futureRes.map((r) => data(r).reportCompletion.userErrors.map((e) => e.code))).toEqual(
      Array(10).fill(['FUTURE_DATE']),
    );
    // One twin won; the nine others were told why.
    const won = twinRes.filter((r) => data(r).applyAsProvider.provider);
    expect(won).toHaveLength(1);
    expect(
      twinRes.filter((r) => !data(r).applyAsProvider.provider).map((r) => data(r).applyAsProvider.userErrors),
    ).toEqual(Array(9).fill([{ code: 'DUPLICATE_PROVIDER' }]));
    // The doomed units of work all failed as planned, and no reader saw their rows.
    expect(doomedRes).toEqual(Array.from({ length: 20 }, (_, i) => `planned failure ${i}`));
    for (const r of readerRes) expect(data(r).providers).toEqual({ totalCount: 0, nodes: [] });

    // The database holds exactly what was acknowledged: no lost rows, no phantom rows.
    const staffView = data(
      await t.gql<{ providers: { totalCount: number } }>(`query { providers { totalCount } }`, undefined, 'staff'),
    );
    expect(staffView.providers.totalCount).toBe(providersBefore + 1);
    expect(await t.db.reader.countBy(Provider, { name: 'Twin Fitness' })).toBe(1);
    for (const trainer of trainers) {
      const transcript = data(
        await t.gql<{ transcript: { entries: { completion: { id: string } }[] } }>(
          `query($id: ID!) { transcript(certificationId: $id) { entries { completion { id } } } }`,
          { id: trainer.certificationId },
          { trainer: trainer.trainerId },
        ),
      );
      expect(transcript.transcript.entries).toHaveLength(1);
    }
    // Nothing went wrong inside the server (no "transaction within a transaction", no 500).
    expect(logged).toEqual([]);
  });

  it('two concurrent decisions on the same provider: exactly one wins, the other is refused', async () => {
    const applied = data(
      await t.gql<ApplyResult>(APPLY, { input: { name: 'Contested Co', contactEmail: 'c@example.test' } }),
    );
    const providerId = applied.applyAsProvider.provider!.id;
    const decide = (mutation: string) =>
      t.gql<Record<string, { userErrors: { code: string }[] }>>(
        `mutation($input: ProviderDecisionInput!) { ${mutation}(input: $input) { userErrors { code } } }`,
        { input: { providerId, reason: 'Decided.' } },
        'staff',
      );
    const [approve, reject] = await Promise.all([decide('approveProvider'), decide('rejectProvider')]);
    const outcomes = [data(approve).approveProvider.userErrors, data(reject).rejectProvider.userErrors];
    expect(outcomes.filter((e) => e.length === 0)).toHaveLength(1);
    expect(outcomes.flat().map((e) => e.code)).toEqual([
      expect.stringMatching(/^(INVALID_TRANSITION|CONCURRENT_UPDATE)$/),
    ]);
    const log = data(
      await t.gql<{ decisionLog: { nodes: { action: string }[] } }>(
        `query($id: ID!) { decisionLog(filter: { subjectId: $id }) { nodes { action } } }`,
        { id: providerId },
        'staff',
      ),
    );
    expect(log.decisionLog.nodes).toHaveLength(1);
  });
});
