/**
 * The four operations the bench measures, as every target receives them: the GraphQL documents,
 * their operation names (the raw-SQL baseline recognises an operation by its name), the request
 * bodies, and the checks every answer must pass.
 */

/** The operations measured, in the order of every round. */
export type OperationKey = 'catalogue' | 'transcript' | 'reportCompletion' | 'decidePetition';

export const OPERATION_KEYS: readonly OperationKey[] = [
  'catalogue',
  'transcript',
  'reportCompletion',
  'decidePetition',
];

export const READ_OPERATIONS: readonly OperationKey[] = ['catalogue', 'transcript'];

/** The GraphQL operation name sent with each operation. */
export const OPERATION_NAMES: Record<OperationKey, string> = {
  catalogue: 'Catalogue',
  transcript: 'Transcript',
  reportCompletion: 'ReportCompletion',
  decidePetition: 'DecidePetition',
};

/** Courses on the catalogue page. */
export const CATALOGUE_PAGE = 50;

/** Completions in the current cycle of the transcript subject. */
export const TRANSCRIPT_ENTRIES = 60;

export const DOCUMENTS: Record<OperationKey, string> = {
  catalogue:
    'query Catalogue($first: Int!) { courses(first: $first) { nodes { id code title ceuValue deliveryFormat ' +
    'approvedThrough provider { id name } } } }',
  transcript:
    'query Transcript($certificationId: ID!) { transcript(certificationId: $certificationId) { asOf ' +
    'cycle { startsOn expiresOn courseworkDeadline } ' +
    'entries { standing countedCeu completion { id title completedOn creditPath } } ' +
    'ceu { earned required remaining } ' +
    'compliance { status acceptable totalEarned totalRequired ' +
    'window { phase expiresOn lateFeeFrom additionalFeeFrom closesOn } ' +
    'continuingEducation { earned pending required remaining } ' +
    'cprAed { status counts earned required } ' +
    'quote { phase total { amount currencyCode } } ' +
    'blockers { code message } nextDeadline { date kind } } } }',
  reportCompletion:
    'mutation ReportCompletion($input: ReportCompletionInput!) { reportCompletion(input: $input) { ' +
    'completion { id completedOn creditPath ceuValue title } userErrors { code message } } }',
  decidePetition:
    'mutation DecidePetition($input: DecidePetitionInput!) { decidePetition(input: $input) { ' +
    'petition { id status awardedCeu decidedAt } userErrors { code message } } }',
};

/** The JSON body of one request. */
export function requestBody(key: OperationKey, variables: Record<string, unknown>): string {
  return JSON.stringify({ operationName: OPERATION_NAMES[key], query: DOCUMENTS[key], variables });
}

/** What a reportCompletion request asks for. */
export interface ReportCompletionInput {
  certificationId: string;
  courseId: string;
  completedOn: string;
}

/** What a decidePetition request asks for. */
export interface DecidePetitionInput {
  petitionId: string;
  decision: 'APPROVE';
}

/** Request bodies of the four operations. */
export const catalogueBody = (): string => requestBody('catalogue', { first: CATALOGUE_PAGE });

export const transcriptBody = (certificationId: string): string => requestBody('transcript', { certificationId });

export const reportCompletionBody = (input: ReportCompletionInput): string =>
  requestBody('reportCompletion', { input });

export const decidePetitionBody = (input: DecidePetitionInput): string => requestBody('decidePetition', { input });

type Json = Record<string, unknown>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL_RE = /^\d+\.\d+$/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(value: unknown, path: string, test: (v: unknown) => boolean): boolean {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (!isObject(current)) return false;
    current = current[part];
  }
  return test(current);
}

const isString = (v: unknown) => typeof v === 'string' && v.length > 0;
const isDate = (v: unknown) => typeof v === 'string' && DATE_RE.test(v);
const isDecimal = (v: unknown) => typeof v === 'string' && DECIMAL_RE.test(v);
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isId = (prefix: string) => (v: unknown) => typeof v === 'string' && v.startsWith(`${prefix}_`);

/** Problems with a catalogue page: 50 courses, each with its provider's name. */
export function catalogueProblems(data: unknown): string[] {
  const nodes = isObject(data) && isObject(data.courses) ? data.courses.nodes : undefined;
  if (!Array.isArray(nodes)) return ['no courses.nodes'];
  const problems: string[] = [];
  if (nodes.length !== CATALOGUE_PAGE) problems.push(`${nodes.length} courses instead of ${CATALOGUE_PAGE}`);
  nodes.forEach((node, i) => {
    const fine =
      has(node, 'id', isId('crs')) &&
      has(node, 'code', isString) &&
      has(node, 'title', isString) &&
      // Null for a course another program approved but the default one did not (a GFI-only course).
      has(node, 'ceuValue', (v) => v === null || isDecimal(v)) &&
      has(node, 'deliveryFormat', isString) &&
      has(node, 'approvedThrough', isDate) &&
      has(node, 'provider.id', isId('prv')) &&
      has(node, 'provider.name', isString);
    if (!fine) problems.push(`course ${i} is incomplete: ${JSON.stringify(node)}`);
  });
  return problems;
}

const TRANSCRIPT_FIELDS: [string, (v: unknown) => boolean][] = [
  ['asOf', isDate],
  ['cycle.startsOn', isDate],
  ['cycle.expiresOn', isDate],
  ['cycle.courseworkDeadline', isDate],
  ['ceu.earned', isDecimal],
  ['ceu.required', isDecimal],
  ['ceu.remaining', isDecimal],
  ['compliance.status', isString],
  ['compliance.acceptable', isBoolean],
  ['compliance.totalEarned', isDecimal],
  ['compliance.totalRequired', isDecimal],
  ['compliance.window.phase', isString],
  ['compliance.window.expiresOn', isDate],
  ['compliance.window.closesOn', isDate],
  ['compliance.continuingEducation.earned', isDecimal],
  ['compliance.continuingEducation.remaining', isDecimal],
  ['compliance.cprAed.status', isString],
  ['compliance.cprAed.counts', isBoolean],
  ['compliance.quote.phase', isString],
  ['compliance.quote.total.amount', isDecimal],
  ['compliance.blockers', Array.isArray],
];

/** Problems with a transcript: 60 entries, CEU totals and a compliance summary. */
export function transcriptProblems(data: unknown): string[] {
  const transcript = isObject(data) ? data.transcript : undefined;
  if (!isObject(transcript)) return ['no transcript'];
  const problems = TRANSCRIPT_FIELDS.filter(([path, test]) => !has(transcript, path, test)).map(
    ([path]) => `transcript.${path} is missing or malformed`,
  );
  const entries = transcript.entries;
  if (!Array.isArray(entries)) return [...problems, 'no transcript.entries'];
  if (entries.length !== TRANSCRIPT_ENTRIES) {
    problems.push(`${entries.length} entries instead of ${TRANSCRIPT_ENTRIES}`);
  }
  entries.forEach((entry, i) => {
    const fine =
      has(entry, 'standing', isString) &&
      has(entry, 'countedCeu', isDecimal) &&
      has(entry, 'completion.id', isId('cmp')) &&
      has(entry, 'completion.title', isString) &&
      has(entry, 'completion.completedOn', isDate) &&
      has(entry, 'completion.creditPath', isString);
    if (!fine) problems.push(`entry ${i} is incomplete: ${JSON.stringify(entry)}`);
  });
  return problems;
}

function payloadOf(body: Json, field: string): { payload: Json | null; problems: string[] } {
  if (body.errors !== undefined) return { payload: null, problems: [`errors: ${JSON.stringify(body.errors)}`] };
  const data = body.data;
  const payload = isObject(data) ? data[field] : undefined;
  if (!isObject(payload)) return { payload: null, problems: [`no data.${field}`] };
  const userErrors = payload.userErrors;
  if (!Array.isArray(userErrors) || userErrors.length) {
    return { payload: null, problems: [`userErrors: ${JSON.stringify(userErrors)}`] };
  }
  return { payload, problems: [] };
}

/** Problems with a reportCompletion answer; the new completion's ID when there are none. */
export function reportCompletionProblems(
  body: Json,
  input: ReportCompletionInput,
): { id: string | null; problems: string[] } {
  const { payload, problems } = payloadOf(body, 'reportCompletion');
  if (!payload) return { id: null, problems };
  const completion = payload.completion;
  const fine =
    has(completion, 'id', isId('cmp')) &&
    has(completion, 'completedOn', (v) => v === input.completedOn) &&
    has(completion, 'creditPath', isString) &&
    has(completion, 'ceuValue', isDecimal) &&
    has(completion, 'title', isString);
  if (!fine) return { id: null, problems: [`completion is incomplete: ${JSON.stringify(completion)}`] };
  return { id: (completion as Json).id as string, problems: [] };
}

/** Problems with a decidePetition answer; the decided petition's ID when there are none. */
export function decidePetitionProblems(
  body: Json,
  input: DecidePetitionInput,
): { id: string | null; problems: string[] } {
  const { payload, problems } = payloadOf(body, 'decidePetition');
  if (!payload) return { id: null, problems };
  const petition = payload.petition;
  const fine =
    has(petition, 'id', (v) => v === input.petitionId) &&
    has(petition, 'status', (v) => v === 'APPROVED') &&
    has(petition, 'awardedCeu', isDecimal) &&
    has(petition, 'decidedAt', isString);
  if (!fine) return { id: null, problems: [`petition is not decided: ${JSON.stringify(petition)}`] };
  return { id: input.petitionId, problems: [] };
}
