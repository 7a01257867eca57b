/**
 * Credential programs are records: no code path names a program or reads a default policy, and
 * the programs the migrations ship say what the rules' tests assume of them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/database/data-source';
import { policyIn, ProgramCatalog } from '../../src/modules/program/program.facts';
import { scratchDatabase } from '../support/database';
import { CPT_DEFAULT_POLICY } from '../support/programs';

const SRC = path.resolve(__dirname, '../../src');
/** Demo and large datasets are data: they name the programs their certificates are of. */
const DATA = [path.join(SRC, 'seed')];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (DATA.includes(full)) return [];
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** A program code written as a string in code, or a policy constant read in place of a program's record. */
const NAMES_A_PROGRAM = /['"`](CPT|GFI)['"`]|\b[A-Z_]*DEFAULT_POLICY\b|\bDEFAULT_FEE_SCHEDULE\b/;

describe('programs are data', () => {
  it('no file of src/ (the datasets aside) names a program code or reads a default policy', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file: path.relative(SRC, file), line: i + 1, text: line.trim() }))
        .filter(({ text }) => NAMES_A_PROGRAM.test(text)),
    );
    expect(offending).toEqual([]);
  });

  it('the check finds what it looks for', () => {
    expect(NAMES_A_PROGRAM.test(`const PROGRAM = 'CPT';`)).toBe(true);
    expect(NAMES_A_PROGRAM.test('policy ?? CPT_DEFAULT_POLICY')).toBe(true);
    expect(NAMES_A_PROGRAM.test(`description: 'Credential program, e.g. CPT.'`)).toBe(false);
  });

  it('a migrated database holds the CPT (default) and the group fitness instructor, with the numbers the rules’ tests use', async () => {
    const { settings, cleanup } = scratchDatabase();
    const db = await openDatabase(settings);
    try {
      const catalog = await ProgramCatalog.read(db.reader);
      expect(catalog.all().map((f) => [f.program.code, f.program.isDefault])).toEqual([
        ['CPT', true],
        ['GFI', false],
      ]);
      expect(catalog.default().program.code).toBe('CPT');
      expect(policyIn(catalog.of('CPT'), '2026-06-15')).toEqual(CPT_DEFAULT_POLICY);
      const gfi = policyIn(catalog.of('GFI'), '2026-06-15');
      expect(gfi).toMatchObject({
        cycleMonths: 24,
        requiredCeu: 1500,
        ceuPerContactHour: 100,
        cprAedRequired: true,
        cprAedCeu: 200,
        handsOnRequired: true,
        minimumCategories: 2,
        maximumCeuPerEvent: null,
        minimumOwnCoursesCeu: 200,
      });
      expect(gfi.categories.map((c) => [c.code, c.minimumCeu, c.maximumCeu])).toEqual([
        ['INSTRUCTION', 400, null],
        ['SCIENCE', null, null],
        ['PROFESSIONAL', null, 300],
      ]);
    } finally {
      await db.close();
      await cleanup();
    }
  });
});
