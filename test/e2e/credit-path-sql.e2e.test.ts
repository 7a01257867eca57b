/**
 * R3 is decided in TypeScript (`decideCreditPath` over `programCoverage`) and, for the
 * catalogue's filter, in SQL (`automaticOnSql`). Both forms over one table of providers, courses,
 * periods and program approvals, on the boundary days of each, for each program: they must agree.
 */
import { openDatabase, OpenDatabase } from '../../src/database/data-source';
import { automaticOnSql } from '../../src/modules/course/credit-path.sql';
import { Course, CourseApprovalPeriod } from '../../src/modules/course/course.entity';
import { CourseProgramApproval } from '../../src/modules/program/program.entity';
import { Provider, ProviderApprovalPeriod, ProviderKind } from '../../src/modules/provider/provider.entity';
import { decideCreditPath, Period, programCoverage } from '../../src/rules/coverage';
import { scratchDatabase } from '../support/database';

interface ProviderCase {
  name: string;
  kind: ProviderKind;
  periods: Period[];
}
interface CourseCase {
  code: string;
  provider: string;
  periods: { from: string; through: string }[];
  programs: Record<string, string>;
}

const PROVIDERS: ProviderCase[] = [
  { name: 'body', kind: 'CERTIFYING_BODY', periods: [] },
  { name: 'open', kind: 'PARTNER', periods: [{ from: '2026-01-01', through: null }] },
  { name: 'suspended', kind: 'PARTNER', periods: [{ from: '2025-01-01', through: '2026-03-31' }] },
  { name: 'never', kind: 'PARTNER', periods: [] },
];

const PERIODS = {
  year: [{ from: '2026-02-01', through: '2026-12-31' }],
  renewedThenRetired: [
    { from: '2025-03-01', through: '2025-12-31' },
    { from: '2026-01-01', through: '2026-04-15' },
  ],
};

const COURSES: CourseCase[] = PROVIDERS.flatMap((p): CourseCase[] => [
  {
    code: `${p.name}-both`,
    provider: p.name,
    periods: PERIODS.year,
    programs: { CPT: '2026-02-01', GFI: '2026-06-01' },
  },
  { code: `${p.name}-cpt`, provider: p.name, periods: PERIODS.renewedThenRetired, programs: { CPT: '2025-03-01' } },
  { code: `${p.name}-none`, provider: p.name, periods: PERIODS.year, programs: {} },
]);

const DAYS = [
  '2025-02-28',
  '2025-03-01',
  '2025-12-31',
  '2026-01-01',
  '2026-01-31',
  '2026-02-01',
  '2026-03-31',
  '2026-04-01',
  '2026-04-15',
  '2026-04-16',
  '2026-05-31',
  '2026-06-01',
  '2026-12-31',
  '2027-01-01',
];

describe(`R3: the catalogue's SQL credit path agrees with decideCreditPath (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let db: OpenDatabase;
  let cleanup: () => Promise<void>;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    const scratch = scratchDatabase();
    cleanup = scratch.cleanup;
    db = await openDatabase(scratch.settings);
    const now = '2026-01-01T00:00:00.000Z';
    const providerIds = new Map<string, number>();
    for (const p of PROVIDERS) {
      const { identifiers } = await db.writer.manager.insert(Provider, {
        kind: p.kind,
        name: p.name,
        nameKey: p.name,
        contactEmail: `${p.name}@example.org`,
        website: null,
        status: 'APPROVED',
        statusReason: null,
        createdAt: now,
        updatedAt: now,
      });
      const id = identifiers[0].id as number;
      providerIds.set(p.name, id);
      for (const period of p.periods)
        await db.writer.manager.insert(ProviderApprovalPeriod, { providerId: id, ...period });
    }
    for (const c of COURSES) {
      const { identifiers } = await db.writer.manager.insert(Course, {
        providerId: providerIds.get(c.provider) as number,
        code: c.code,
        title: c.code,
        searchText: c.code,
        description: null,
        deliveryFormat: 'IN_PERSON',
        contactHourTenths: 60,
        ceuHundredths: 60,
        status: 'APPROVED',
        decisionReason: null,
        renewalYear: null,
        createdAt: now,
        updatedAt: now,
      });
      const id = identifiers[0].id as number;
      ids.set(c.code, id);
      for (const period of c.periods) await db.writer.manager.insert(CourseApprovalPeriod, { courseId: id, ...period });
      for (const [programCode, approvedFrom] of Object.entries(c.programs)) {
        await db.writer.manager.insert(CourseProgramApproval, {
          courseId: id,
          programCode,
          ceuHundredths: 60,
          categoryCode: null,
          approvedFrom,
          createdAt: now,
        });
      }
    }
  });
  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  const cases = ['CPT', 'GFI'].flatMap((program) => DAYS.map((on) => [program, on] as const));

  it.each(cases)('R3 for %s on %s: the same courses count automatically', async (program, on) => {
    const expected = COURSES.filter((c) => {
      const provider = PROVIDERS.find((p) => p.name === c.provider) as ProviderCase;
      const decision = decideCreditPath(
        {
          providerKind: provider.kind,
          providerPeriods: provider.periods,
          coursePeriods: programCoverage(c.periods, c.programs[program] ?? null),
        },
        on,
      );
      return decision.path === 'AUTOMATIC';
    }).map((c) => c.code);
    const rows = await db.reader
      .getRepository(Course)
      .createQueryBuilder('c')
      .innerJoin('c.provider', 'p')
      .where(automaticOnSql('c', 'p'), { on, program })
      .orderBy('c.id', 'ASC')
      .getMany();
    expect(rows.map((r) => r.code)).toEqual(expected);
  });

  it('the table reaches both answers for every kind of provider', async () => {
    const automatic = new Set<string>();
    const petition = new Set<string>();
    for (const [program, on] of cases) {
      for (const c of COURSES) {
        const provider = PROVIDERS.find((p) => p.name === c.provider) as ProviderCase;
        const facts = {
          providerKind: provider.kind,
          providerPeriods: provider.periods,
          coursePeriods: programCoverage(c.periods, c.programs[program] ?? null),
        };
        (decideCreditPath(facts, on).path === 'AUTOMATIC' ? automatic : petition).add(provider.name);
      }
    }
    expect([...automatic].sort()).toEqual(['body', 'open', 'suspended']);
    expect([...petition].sort()).toEqual(['body', 'never', 'open', 'suspended']);
  });
});
