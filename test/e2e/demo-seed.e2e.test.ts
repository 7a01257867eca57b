import { fixedClock } from '../../src/common/clock';
import { openDatabase, OpenDatabase } from '../../src/database/data-source';
import { Completion } from '../../src/modules/completion/completion.entity';
import { Course, CourseTopic } from '../../src/modules/course/course.entity';
import { CprAedCredential } from '../../src/modules/cpr-aed/cpr-aed.entity';
import { Petition } from '../../src/modules/petition/petition.entity';
import { Provider } from '../../src/modules/provider/provider.entity';
import { Certification, Trainer } from '../../src/modules/trainer/trainer.entity';
import { seedDemoIfEmpty } from '../../src/seed/demo';
import { scratchDatabase } from '../support/database';

async function distinct<T>(db: OpenDatabase, entity: new () => T, column: keyof T & string): Promise<string[]> {
  const rows = await db.reader.getRepository(entity).find();
  return [...new Set(rows.map((r) => String(r[column])))].sort();
}

describe('demo data', () => {
  let db: OpenDatabase;
  let cleanup: () => Promise<void>;
  const today = '2026-11-22';

  beforeAll(async () => {
    const scratch = scratchDatabase();
    cleanup = scratch.cleanup;
    db = await openDatabase(scratch.settings);
    expect(await seedDemoIfEmpty(db, fixedClock(`${today}T10:00:00Z`))).toBe(true);
  });
  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  it('is written only into an empty database', async () => {
    const providers = await db.reader.count(Provider);
    expect(await seedDemoIfEmpty(db, fixedClock(`${today}T10:00:00Z`))).toBe(false);
    expect(await db.reader.count(Provider)).toBe(providers);
  });

  it('has the certifying body and partners that are approved, pending and suspended', async () => {
    expect(await db.reader.countBy(Provider, { kind: 'CERTIFYING_BODY' })).toBe(1);
    expect(await distinct(db, Provider, 'status')).toEqual(['APPROVED', 'PENDING', 'REJECTED', 'SUSPENDED']);
    expect(await db.reader.countBy(Provider, { kind: 'PARTNER' })).toBeGreaterThanOrEqual(3);
  });

  it('has at least 20 courses across statuses, topics and delivery formats', async () => {
    expect(await db.reader.count(Course)).toBeGreaterThanOrEqual(20);
    expect(await distinct(db, Course, 'status')).toEqual(['APPROVED', 'PENDING_REVIEW', 'REJECTED', 'RETIRED']);
    expect(await distinct(db, Course, 'deliveryFormat')).toEqual([
      'HYBRID',
      'IN_PERSON',
      'LIVE_ONLINE',
      'SELF_PACED_ONLINE',
    ]);
    expect((await distinct(db, CourseTopic, 'topic')).length).toBeGreaterThanOrEqual(8);
  });

  it('has at least 10 trainers at different points of their cycle', async () => {
    expect(await db.reader.count(Trainer)).toBeGreaterThanOrEqual(10);
    const expiries = (await db.reader.find(Certification)).map((c) => c.expiresOn);
    const ahead = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
    expect(expiries.some((e) => e > ahead(365))).toBe(true); // early in the cycle
    expect(expiries.some((e) => e >= today && e <= ahead(60))).toBe(true); // due soon
    expect(expiries.some((e) => e < today && e >= ahead(-90))).toBe(true); // expired, late window
    expect(expiries.some((e) => e < ahead(-90) && e > ahead(-365))).toBe(true); // late, additional fee
    expect(expiries.some((e) => e <= ahead(-365))).toBe(true); // lapsed
  });

  it('has completions from every source, CPR/AED cards, and petitions in every state', async () => {
    expect(await distinct(db, Completion, 'source')).toEqual(['PETITION', 'PROVIDER_REPORTED', 'SELF_REPORTED']);
    expect(await distinct(db, Completion, 'creditPath')).toEqual(['AUTOMATIC', 'PETITION_REQUIRED']);
    expect(await distinct(db, CprAedCredential, 'format')).toEqual(['BLENDED', 'IN_PERSON', 'ONLINE_ONLY']);
    expect(await distinct(db, Petition, 'status')).toEqual(['APPROVED', 'DENIED', 'PENDING', 'WITHDRAWN']);
  });
});
