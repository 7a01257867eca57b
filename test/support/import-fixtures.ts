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

export function cprAedRecord(
  externalId: string,
  certificationNumber: string,
  overrides: Record<string, unknown> = {},
): ImportRecord {
  return {
    cprAedCredential: {
      externalId,
      certificationNumber,
      issuer: 'Red Cross',
      cardNumber: `RC-${externalId}`,
      issuedOn: '2025-09-01',
      expiresOn: '2027-09-01',
      coversAdultCpr: true,
      coversAed: true,
      format: 'IN_PERSON',
      ...overrides,
    },
  };
}

/** An outside event completed on a date: it enters with source PETITION (R6). */
export function eventCompletionRecord(
  externalId: string,
  certificationNumber: string,
  completedOn: string,
  overrides: Record<string, unknown> = {},
): ImportRecord {
  return {
    completion: {
      externalId,
      certificationNumber,
      completedOn,
      event: { title: `Workshop ${externalId}`, providerName: 'Outside Academy', contactHours: '8' },
      ...overrides,
    },
  };
}

export function petitionRecord(
  externalId: string,
  completionExternalId: string,
  overrides: Record<string, unknown> = {},
): ImportRecord {
  return {
    petition: {
      externalId,
      completionExternalId,
      status: 'PENDING',
      justification: 'The workshop covered program design in depth.',
      submittedOn: '2026-02-01',
      ...overrides,
    },
  };
}

export function applicationRecord(
  externalId: string,
  certificationNumber: string,
  overrides: Record<string, unknown> = {},
): ImportRecord {
  return {
    recertificationApplication: {
      externalId,
      certificationNumber,
      cycleExpiresOn: '2025-07-01',
      receivedOn: '2025-06-01',
      status: 'APPROVED',
      ...overrides,
    },
  };
}

/** The errors of one result, without their messages: code and field path. */
export const errorsOf = (result: ImportResultOut): { code: string; field: string[] | null }[] =>
  result.errors.map(({ code, field }) => ({ code, field }));

/** The field path of a record's field, as the import names it: `input.records.<index>.<kind>.…`. */
export const recordPath = (index: number, ...rest: string[]): string[] => ['input', 'records', String(index), ...rest];

export interface ImportedEntryOut {
  standing: string;
  countedCeu: string;
  completion: {
    id: string;
    completedOn: string;
    source: string;
    creditPath: string;
    creditReason: string;
    ceuValue: string;
    title: string;
    course: { id: string } | null;
  };
}

export interface ImportedTranscriptOut {
  cycle: { startsOn: string; expiresOn: string };
  entries: ImportedEntryOut[];
  ceu: { earnedAutomatic: string; earnedByPetition: string; earned: string; pending: string };
}

/** A cycle's transcript of a certification (default the current one), read by staff, with each entry's credit path. */
export async function staffTranscript(
  t: TestApp,
  certificationId: string,
  cycle?: number,
): Promise<ImportedTranscriptOut> {
  const res = data(
    await t.gql<{ transcript: ImportedTranscriptOut | null }>(
      `query($id: ID!, $cycle: Int) {
        transcript(certificationId: $id, cycle: $cycle) {
          cycle { startsOn expiresOn }
          entries { standing countedCeu completion { id completedOn source creditPath creditReason ceuValue title course { id } } }
          ceu { earnedAutomatic earnedByPetition earned pending }
        }
      }`,
      { id: certificationId, cycle: cycle ?? null },
      'staff',
    ),
  );
  if (!res.transcript) throw new Error('transcript is null');
  return res.transcript;
}

/** Any object by global ID, read by staff through `node`, with the given selection. */
export async function staffNode<T>(t: TestApp, id: string, selection: string): Promise<T | null> {
  return data(await t.gql<{ node: T | null }>(`query($id: ID!) { node(id: $id) { id ${selection} } }`, { id }, 'staff'))
    .node;
}
