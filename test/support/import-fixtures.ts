import { As, data, TestApp } from './harness';

export const IMPORT_MUTATION = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    committed
    summary { created unchanged refused }
    results { index kind externalId status id errors { code field message } }
    userErrors { code field message }
  }
}`;

export interface ImportResultOut {
  index: number;
  kind: string | null;
  externalId: string | null;
  status: 'CREATED' | 'UNCHANGED' | 'REFUSED';
  id: string | null;
  errors: { code: string; field: string[] | null; message: string }[];
}

export interface ImportOut {
  committed: boolean;
  summary: { created: number; unchanged: number; refused: number };
  results: ImportResultOut[];
  userErrors: { code: string; field: string[] | null; message: string }[];
}

export type ImportRecord = Record<string, Record<string, unknown>>;

export async function importRecords(
  t: TestApp,
  records: ImportRecord[],
  options: { dryRun?: boolean; as?: As } = {},
): Promise<ImportOut> {
  const res = await t.gql<{ importRecords: ImportOut }>(
    IMPORT_MUTATION,
    { input: { records, dryRun: options.dryRun ?? false } },
    options.as ?? 'staff',
  );
  return data(res).importRecords;
}

/** Imports records that must all be accepted, and answers their results. */
export async function imported(t: TestApp, records: ImportRecord[]): Promise<ImportResultOut[]> {
  const out = await importRecords(t, records);
  if (!out.committed) throw new Error(`import refused: ${JSON.stringify(out.results.filter((r) => r.errors.length))}`);
  return out.results;
}

/** The codes of each refused record, by index. */
export function refusals(out: ImportOut): Record<number, string[]> {
  return Object.fromEntries(
    out.results.filter((r) => r.status === 'REFUSED').map((r) => [r.index, r.errors.map((e) => e.code)]),
  );
}

let sequence = 0;
export const uniqueId = (prefix: string): string => `${prefix}-${++sequence}-${Date.now().toString(36)}`;

export function providerRecord(externalId: string, overrides: Record<string, unknown> = {}): ImportRecord {
  return {
    provider: {
      externalId,
      name: `Provider ${externalId}`,
      contactEmail: 'ce@provider.example',
      website: 'https://provider.example',
      status: 'APPROVED',
      approvedPeriods: [{ from: '2020-01-01' }],
      ...overrides,
    },
  };
}

export function courseRecord(
  externalId: string,
  providerExternalId: string,
  overrides: Record<string, unknown> = {},
): ImportRecord {
  return {
    course: {
      externalId,
      providerExternalId,
      code: externalId.toUpperCase().replace(/[^A-Z0-9-]/g, '-'),
      title: `Course ${externalId}`,
      topics: ['PROGRAM_DESIGN'],
      deliveryFormat: 'IN_PERSON',
      contactHours: '10',
      status: 'APPROVED',
      approvalPeriods: [
        { from: '2024-03-01', through: '2024-12-31' },
        { from: '2025-01-01', through: '2025-12-31' },
        { from: '2026-01-01', through: '2026-12-31' },
      ],
      ...overrides,
    },
  };
}

export function certificationRecord(
  externalId: string,
  number: string,
  overrides: Record<string, unknown> = {},
): ImportRecord {
  return {
    certification: {
      externalId,
      trainer: {
        externalId: `person-${externalId}`,
        firstName: 'Dana',
        lastName: `Import${externalId.replace(/[^A-Za-z]/g, '')}`,
        email: `${externalId.toLowerCase()}@trainers.example`,
      },
      number,
      issuedOn: '2023-07-01',
      earlierExpiries: ['2025-07-01'],
      ...overrides,
    },
  };
}

export function completionRecord(
  externalId: string,
  certificationNumber: string,
  courseExternalId: string,
  completedOn: string,
  overrides: Record<string, unknown> = {},
): ImportRecord {
  return { completion: { externalId, certificationNumber, courseExternalId, completedOn, ...overrides } };
}
