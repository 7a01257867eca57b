import { QueryRunner } from 'typeorm';

/**
 * Reference data of the Programs migration, the same on both drivers: the two credential
 * programs the ledger ships with, each with its first policy version, and what the ledger held
 * before programs were records (the CPT's settings row, its approved courses and providers)
 * moved under the CPT. Values are written out here, not imported from the code, so that the
 * migration means the same whatever the code later becomes.
 */
const CREATED_AT = '2026-12-02T00:00:00.000Z';
const FROM = '1970-01-01';

interface VersionRow {
  program: string;
  cycleMonths: number;
  requiredCeu: number;
  ceuPerContactHour: number;
  cprAedRequired: boolean;
  cprAedCeu: number;
  handsOnRequired: boolean;
  courseworkGraceDays: number;
  lateWindowDays: number;
  closeAfterMonths: number;
  waiverGraceDays: number;
  petitionFee: number;
  recertificationFee: number;
  lateFee: number;
  additionalFee: number;
  auditRateBasisPoints: number;
  auditDocumentsDays: number;
  categories: { code: string; name: string; maximumCeu: number | null; minimumCeu: number | null }[];
  minimumCategories: number;
  maximumCeuPerEvent: number | null;
  minimumOwnCoursesCeu: number;
}

/** The Certified Personal Trainer: 2.0 CEUs in 24 months, 0.1 of them from CPR/AED (R1–R12). */
const CPT: VersionRow = {
  program: 'CPT',
  cycleMonths: 24,
  requiredCeu: 200,
  ceuPerContactHour: 10,
  cprAedRequired: true,
  cprAedCeu: 10,
  handsOnRequired: true,
  courseworkGraceDays: 90,
  lateWindowDays: 90,
  closeAfterMonths: 12,
  waiverGraceDays: 60,
  petitionFee: 2500,
  recertificationFee: 9900,
  lateFee: 3000,
  additionalFee: 5000,
  auditRateBasisPoints: 1000,
  auditDocumentsDays: 30,
  categories: [],
  minimumCategories: 0,
  maximumCeuPerEvent: null,
  minimumOwnCoursesCeu: 0,
};

/**
 * The Group Fitness Instructor: 15 CEUs in 24 months at 1 CEU a contact hour, 2 of them from a
 * hands-on CPR/AED, at least 2 from the certifying body's own courses, and three categories of
 * credit (at least 4 CEUs of instruction, at most 3 of professional development, two used).
 */
const GFI: VersionRow = {
  ...CPT,
  program: 'GFI',
  requiredCeu: 1500,
  ceuPerContactHour: 100,
  cprAedCeu: 200,
  petitionFee: 2500,
  recertificationFee: 8900,
  lateFee: 3000,
  additionalFee: 5000,
  categories: [
    { code: 'INSTRUCTION', name: 'Group exercise instruction and choreography', maximumCeu: null, minimumCeu: 400 },
    { code: 'SCIENCE', name: 'Exercise science and safety', maximumCeu: null, minimumCeu: null },
    { code: 'PROFESSIONAL', name: 'Professional and business development', maximumCeu: 300, minimumCeu: null },
  ],
  minimumCategories: 2,
  minimumOwnCoursesCeu: 200,
};

function placeholders(runner: QueryRunner, count: number): string {
  const pg = runner.connection.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
}

async function insertVersion(runner: QueryRunner, v: VersionRow): Promise<void> {
  const values = [
    v.program,
    FROM,
    v.cycleMonths,
    v.requiredCeu,
    v.ceuPerContactHour,
    v.cprAedRequired,
    v.cprAedCeu,
    v.handsOnRequired,
    v.courseworkGraceDays,
    v.lateWindowDays,
    v.closeAfterMonths,
    v.waiverGraceDays,
    v.petitionFee,
    v.recertificationFee,
    v.lateFee,
    v.additionalFee,
    v.auditRateBasisPoints,
    v.auditDocumentsDays,
    JSON.stringify(v.categories),
    v.minimumCategories,
    v.maximumCeuPerEvent,
    v.minimumOwnCoursesCeu,
    CREATED_AT,
  ];
  await runner.query(
    `INSERT INTO "program_policy_version" ("program_code", "effective_from", "cycle_months", "required_ceu_hundredths",
      "ceu_per_contact_hour_hundredths", "cpr_aed_required", "cpr_aed_ceu_hundredths", "hands_on_required",
      "coursework_grace_days", "late_window_days", "close_after_months", "waiver_grace_days", "petition_fee_cents",
      "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "audit_rate_basis_points",
      "audit_documents_days", "categories", "minimum_categories", "maximum_ceu_per_event_hundredths",
      "minimum_own_courses_ceu_hundredths", "created_at") VALUES (${placeholders(runner, values.length)})`,
    values,
  );
}

/** Up: the programs, the CPT's settings row as its first version, its courses and providers. */
export async function programsUp(runner: QueryRunner): Promise<void> {
  const p = (n: number) => placeholders(runner, n);
  await runner.query(
    `INSERT INTO "program" ("code", "name", "currency_code", "is_default", "created_at") VALUES (${p(5)})`,
    ['CPT', 'Certified Personal Trainer', 'USD', true, CREATED_AT],
  );
  await runner.query(
    `INSERT INTO "program" ("code", "name", "currency_code", "is_default", "created_at") VALUES (${p(5)})`,
    ['GFI', 'Group Fitness Instructor', 'USD', false, CREATED_AT],
  );
  // The CPT's settings as staff left them (audit rate and window, petition fee), else its defaults.
  const [settings] = (await runner.query(
    `SELECT "audit_rate_basis_points", "audit_documents_days", "petition_fee_cents" FROM "program_policy" WHERE "program_code" = 'CPT'`,
  )) as Record<string, unknown>[];
  await insertVersion(
    runner,
    settings
      ? {
          ...CPT,
          auditRateBasisPoints: Number(settings.audit_rate_basis_points),
          auditDocumentsDays: Number(settings.audit_documents_days),
          petitionFee: Number(settings.petition_fee_cents),
        }
      : CPT,
  );
  await insertVersion(runner, GFI);
  // Every course ever approved is approved for the CPT with its CEU value, from its first approved day.
  const createdDay =
    runner.connection.options.type === 'postgres'
      ? `CAST(SUBSTR(c."created_at", 1, 10) AS date)`
      : `SUBSTR(c."created_at", 1, 10)`;
  await runner.query(
    `INSERT INTO "course_program" ("course_id", "program_code", "ceu_hundredths", "category_code", "approved_from", "created_at")
     SELECT c."id", 'CPT', c."ceu_hundredths", NULL,
       COALESCE((SELECT MIN(cap."from_date") FROM "course_approval_period" cap WHERE cap."course_id" = c."id"), ${createdDay}),
       '${CREATED_AT}'
     FROM "course" c WHERE c."ceu_hundredths" IS NOT NULL`,
  );
  await runner.query(
    `INSERT INTO "provider_program" ("provider_id", "program_code", "created_at") SELECT "id", 'CPT', '${CREATED_AT}' FROM "provider"`,
  );
  await runner.query(`DROP TABLE "program_policy"`);
}

/** Down: the CPT's settings row again, from its latest version. */
export async function programsDown(runner: QueryRunner, createSettingsTable: string): Promise<void> {
  await runner.query(createSettingsTable);
  await runner.query(
    `INSERT INTO "program_policy" ("program_code", "audit_rate_basis_points", "audit_documents_days", "petition_fee_cents", "currency_code", "updated_at")
     SELECT "program_code", "audit_rate_basis_points", "audit_documents_days", "petition_fee_cents", 'USD', "created_at"
     FROM "program_policy_version" WHERE "program_code" = 'CPT' AND "superseded_by_id" IS NULL
     ORDER BY "effective_from" DESC, "id" DESC LIMIT 1`,
  );
}
