import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  astFromValue,
  buildSchema,
  getNamedType,
  getNullableType,
  GraphQLInputType,
  isInputObjectType,
  isLeafType,
  isListType,
  print,
} from 'graphql';
import { fixedClock } from '../../src/common/clock';
import { ImportRunner } from '../../src/modules/import/import-runner';
import { buildAppSchema } from '../../src/schema';
import { createServices, resolverContainer } from '../../src/services';
import { pendingProvider, petitionEvent } from '../support/catalogue-fixtures';
import { approvedProvider, createCourse, createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import {
  answer,
  expectNoLeaks,
  fresh,
  next,
  ok,
  outcome,
  Payload,
  raw,
  startProduction,
  CARD,
  EVENT,
} from '../support/attack-kit';
import { As, data, TestApp } from '../support/harness';
import { selfReported } from '../support/ledger-fixtures';
import { applied, pdf, recertCatalogue, RecertCatalogue, recordedCard, SHA } from '../support/recertification-fixtures';

/**
 * Hostile text and links against the production server (issue 13): ill-formed Unicode in every
 * input, names compared and stored in NFC, and audit document locations that are links a
 * reviewer can open safely. Every refusal is checked to have written nothing.
 */

const TODAY = '2026-06-15';
const SDL = buildSchema(readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));

/** Text that is not well-formed Unicode: what a JSON body can carry as `\ud800` escapes. */
const ILL_FORMED: [string, string][] = [
  ['a lone high surrogate', 'x\ud800y'],
  ['a lone low surrogate', 'x\udc00y'],
  ['a reversed pair', 'x\udd18\ud835y'],
  ['an emoji cut in half', 'x\ud83c'],
];
/** Well-formed text beyond the BMP: a mathematical letter, an emoji ZWJ sequence, a CJK extension B ideograph. */
const ASTRAL = '𝔘 Übung 🏋️‍♀️ 健身 𠜎';

interface Audited {
  trainer: TrainerFixture;
  auditId: string;
}

async function readyTrainer(t: TestApp, cat: RecertCatalogue): Promise<TrainerFixture> {
  const trainer = await createTrainer(t, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
  await selfReported(t, trainer, await cat.course(2025, '1.9'), '2025-05-01');
  await recordedCard(t, trainer, { issuedOn: '2025-09-01', expiresOn: '2028-09-01' });
  return trainer;
}

/** A trainer whose recertification was accepted and selected for audit (every one is, here). */
async function auditedTrainer(t: TestApp, cat: RecertCatalogue): Promise<Audited> {
  const trainer = await readyTrainer(t, cat);
  return { trainer, auditId: (await applied(t, trainer)).audit!.id };
}

const invalidFields = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) =>
  res.body.errors?.map((e) => e.extensions?.invalidFields);

describe('text and links against the production server', () => {
  let t: TestApp;
  let cat: RecertCatalogue;
  let alpha: string;
  let alphaApproved: string;
  let t1: TrainerFixture;
  let audit: Audited;

  beforeAll(async () => {
    t = await startProduction({ today: TODAY });
    cat = await recertCatalogue(t);
    alpha = await approvedProvider(t, 'Alpha Text Fitness');
    alphaApproved = await createCourse(t, alpha);
    t1 = await createTrainer(t, { lastName: 'Textual' });
    audit = await auditedTrainer(t, cat);
  });
  afterAll(() => t.close());

  describe('ill-formed Unicode is refused in every input', () => {
    /**
     * One text field of a mutation: a valid input that holds `text` there, so that a well-formed
     * value is accepted (and, for free text, stored literally) while an ill-formed one is refused.
     */
    interface TextField {
      selection: string;
      field: string[];
      as: () => As;
      /** Writes what the input needs (a course, a petition) once; the refusals leave it as it was. */
      prepare?: () => Promise<Record<string, string>>;
      input: (text: string, prepared: Record<string, string>) => Record<string, unknown>;
      /** Where the bad text goes in a value of the field's form (an e-mail, an ID); as is by default. */
      wrap?: (text: string, prepared: Record<string, string>) => string;
      /** A well-formed value: by default astral text, which must then come back as `stored`. */
      good?: (prepared: Record<string, string>) => string;
      stored?: (payload: Record<string, unknown>) => unknown;
      /** Enum fields: a literal enum value is a name, never a string, so there is no literal case. */
      noLiteral?: boolean;
    }
    const payloadOf = <T>(p: Record<string, unknown>, key: string) => p[key] as T;
    const t1As = (): As => ({ trainer: t1.trainerId });
    const course = (patch: Record<string, unknown>) => ({
      code: fresh('TXT'),
      title: 'Text course',
      contactHours: '10',
      topics: ['NUTRITION'],
      deliveryFormat: 'IN_PERSON',
      ...patch,
    });
    const row = (trainer: Record<string, string>, patch: Record<string, unknown> = {}) => ({
      certificationNumber: trainer.number,
      lastName: trainer.lastName,
      courseId: alphaApproved,
      completedOn: TODAY,
      ...patch,
    });
    const newTrainer = async () => {
      const trainer = await createTrainer(t);
      return { trainerId: trainer.trainerId, number: trainer.number, lastName: trainer.lastName };
    };
    const PROVIDER = 'provider { id name website statusReason }';
    const COURSE = 'course { id code title description decisionReason }';
    const PETITION = 'petition { id justification decisionReason completion { title providerName } }';
    const DOCUMENTS = 'audit { documents { name location mediaType sha256 } }';
    const lastDocument = (p: Record<string, unknown>) =>
      payloadOf<{ documents: Record<string, string>[] }>(p, 'audit').documents.at(-1);

    const FIELDS: Record<string, [string, TextField]> = {
      'applyAsProvider.name': [
        'ApplyAsProviderInput',
        {
          selection: PROVIDER,
          field: ['input', 'name'],
          as: () => undefined,
          input: (name) => ({ name, contactEmail: 'p@text.example' }),
          good: () => `${ASTRAL} ${next()}`,
          stored: (p) => payloadOf<{ name: string }>(p, 'provider').name,
        },
      ],
      'applyAsProvider.contactEmail': [
        'ApplyAsProviderInput',
        {
          selection: PROVIDER,
          field: ['input', 'contactEmail'],
          as: () => undefined,
          input: (contactEmail) => ({ name: fresh('Mail Co'), contactEmail }),
          wrap: (s) => `a${s}@text.example`,
          good: () => 'zoë@text.example',
        },
      ],
      'applyAsProvider.website': [
        'ApplyAsProviderInput',
        {
          selection: PROVIDER,
          field: ['input', 'website'],
          as: () => undefined,
          input: (website) => ({ name: fresh('Web Co'), contactEmail: 'w@text.example', website }),
          wrap: (s) => `https://site.example/${s}`,
          good: () => 'https://site.example/about',
          stored: (p) => payloadOf<{ website: string }>(p, 'provider').website,
        },
      ],
      'applyAsProvider.idempotencyKey': [
        'ApplyAsProviderInput',
        {
          selection: PROVIDER,
          field: ['input', 'idempotencyKey'],
          as: () => undefined,
          input: (idempotencyKey) => ({ name: fresh('Key Co'), contactEmail: 'k@text.example', idempotencyKey }),
          good: () => fresh('key'),
        },
      ],
      'approveProvider.providerId': [
        'ProviderDecisionInput',
        {
          selection: PROVIDER,
          field: ['input', 'providerId'],
          as: () => 'staff',
          prepare: async () => ({ id: await pendingProvider(t) }),
          input: (providerId) => ({ providerId }),
          wrap: (s, p) => `${p.id}${s}`,
          good: (p) => p.id,
        },
      ],
      'rejectProvider.reason': [
        'ProviderDecisionInput',
        {
          selection: PROVIDER,
          field: ['input', 'reason'],
          as: () => 'staff',
          prepare: async () => ({ id: await pendingProvider(t) }),
          input: (reason, p) => ({ providerId: p.id, reason }),
          stored: (p) => payloadOf<{ statusReason: string }>(p, 'provider').statusReason,
        },
      ],
      'suspendProvider.reason': [
        'ProviderDecisionInput',
        {
          selection: PROVIDER,
          field: ['input', 'reason'],
          as: () => 'staff',
          prepare: async () => ({ id: await approvedProvider(t) }),
          input: (reason, p) => ({ providerId: p.id, reason }),
          stored: (p) => payloadOf<{ statusReason: string }>(p, 'provider').statusReason,
        },
      ],
      'registerCourse.title': [
        'RegisterCourseInput',
        {
          selection: COURSE,
          field: ['input', 'title'],
          as: () => ({ provider: alpha }),
          input: (title) => course({ title }),
          stored: (p) => payloadOf<{ title: string }>(p, 'course').title,
        },
      ],
      'registerCourse.description': [
        'RegisterCourseInput',
        {
          selection: COURSE,
          field: ['input', 'description'],
          as: () => ({ provider: alpha }),
          input: (description) => course({ description }),
          stored: (p) => payloadOf<{ description: string }>(p, 'course').description,
        },
      ],
      'registerCourse.code': [
        'RegisterCourseInput',
        {
          selection: COURSE,
          field: ['input', 'code'],
          as: () => ({ provider: alpha }),
          input: (code) => course({ code }),
          wrap: (s) => `C-${s}`,
          good: () => fresh('CODE'),
        },
      ],
      'registerCourse.contactHours (Decimal)': [
        'RegisterCourseInput',
        {
          selection: COURSE,
          field: ['input', 'contactHours'],
          as: () => ({ provider: alpha }),
          input: (contactHours) => course({ contactHours }),
          wrap: (s) => `10${s}`,
          good: () => '10',
        },
      ],
      'registerCourse.deliveryFormat (enum)': [
        'RegisterCourseInput',
        {
          selection: COURSE,
          field: ['input', 'deliveryFormat'],
          as: () => ({ provider: alpha }),
          input: (deliveryFormat) => course({ deliveryFormat }),
          wrap: (s) => `IN_PERSON${s}`,
          good: () => 'IN_PERSON',
          noLiteral: true,
        },
      ],
      'registerCourse.topics (a list of enums)': [
        'RegisterCourseInput',
        {
          selection: COURSE,
          field: ['input', 'topics', '1'],
          as: () => ({ provider: alpha }),
          input: (topic) => course({ topics: ['NUTRITION', topic] }),
          wrap: (s) => `PROGRAM_DESIGN${s}`,
          good: () => 'PROGRAM_DESIGN',
          noLiteral: true,
        },
      ],
      'updateCourse.title': [
        'UpdateCourseInput',
        {
          selection: COURSE,
          field: ['input', 'title'],
          as: () => ({ provider: alpha }),
          prepare: async () => ({ id: await createCourse(t, alpha, { approve: false }) }),
          input: (title, p) => ({ courseId: p.id, title }),
          stored: (p) => payloadOf<{ title: string }>(p, 'course').title,
        },
      ],
      'updateCourse.courseId': [
        'UpdateCourseInput',
        {
          selection: COURSE,
          field: ['input', 'courseId'],
          as: () => ({ provider: alpha }),
          prepare: async () => ({ id: await createCourse(t, alpha, { approve: false }) }),
          input: (courseId) => ({ courseId, title: 'Renamed' }),
          wrap: (s, p) => `${p.id}${s}`,
          good: (p) => p.id,
        },
      ],
      'reviewCourse.reason': [
        'ReviewCourseInput',
        {
          selection: COURSE,
          field: ['input', 'reason'],
          as: () => 'staff',
          prepare: async () => ({ id: await createCourse(t, alpha, { approve: false }) }),
          input: (reason, p) => ({ courseId: p.id, decision: 'REJECT', reason }),
          stored: (p) => payloadOf<{ decisionReason: string }>(p, 'course').decisionReason,
        },
      ],
      'retireCourse.reason': [
        'CourseActionInput',
        {
          selection: COURSE,
          field: ['input', 'reason'],
          as: () => ({ provider: alpha }),
          prepare: async () => ({ id: await createCourse(t, alpha) }),
          input: (reason, p) => ({ courseId: p.id, reason }),
          stored: (p) => payloadOf<{ decisionReason: string }>(p, 'course').decisionReason,
        },
      ],
      'reportCompletion.idempotencyKey': [
        'ReportCompletionInput',
        {
          selection: 'completion { id }',
          field: ['input', 'idempotencyKey'],
          as: () => ({ trainer: t1.trainerId }),
          input: (idempotencyKey) => ({ courseId: alphaApproved, completedOn: '2026-06-02', idempotencyKey }),
          good: () => fresh('key'),
        },
      ],
      'reportCompletions.rows.externalRef': [
        'ReportCompletionsInput',
        {
          selection: 'results { status externalRef }',
          field: ['input', 'rows', '0', 'externalRef'],
          as: () => ({ provider: alpha }),
          prepare: newTrainer,
          input: (externalRef, p) => ({ rows: [row(p, { externalRef })] }),
          stored: (p) => payloadOf<{ externalRef: string }[]>(p, 'results')[0].externalRef,
        },
      ],
      'reportCompletions.rows.lastName': [
        'ReportCompletionsInput',
        {
          selection: 'results { status externalRef }',
          field: ['input', 'rows', '0', 'lastName'],
          as: () => ({ provider: alpha }),
          prepare: newTrainer,
          input: (lastName, p) => ({ rows: [row(p, { lastName })] }),
          wrap: (s, p) => `${p.lastName}${s}`,
          good: (p) => p.lastName,
        },
      ],
      'reportCompletions.rows.completedOn (Date)': [
        'ReportCompletionsInput',
        {
          selection: 'results { status externalRef }',
          field: ['input', 'rows', '0', 'completedOn'],
          as: () => ({ provider: alpha }),
          prepare: newTrainer,
          input: (completedOn, p) => ({ rows: [row(p, { completedOn })] }),
          wrap: (s) => `2026-06-01${s}`,
          good: () => '2026-06-01',
        },
      ],
      'submitPetition.justification': [
        'SubmitPetitionInput',
        {
          selection: PETITION,
          field: ['input', 'justification'],
          as: t1As,
          input: (justification) => ({ justification, event: EVENT }),
          stored: (p) => payloadOf<{ justification: string }>(p, 'petition').justification,
        },
      ],
      'submitPetition.event.title': [
        'SubmitPetitionInput',
        {
          selection: PETITION,
          field: ['input', 'event', 'title'],
          as: t1As,
          input: (title) => ({ justification: 'Relevant.', event: { ...EVENT, title } }),
          stored: (p) => payloadOf<{ completion: { title: string } }>(p, 'petition').completion.title,
        },
      ],
      'submitPetition.event.providerName': [
        'SubmitPetitionInput',
        {
          selection: PETITION,
          field: ['input', 'event', 'providerName'],
          as: t1As,
          input: (providerName) => ({ justification: 'Relevant.', event: { ...EVENT, providerName } }),
          stored: (p) => payloadOf<{ completion: { providerName: string } }>(p, 'petition').completion.providerName,
        },
      ],
      'decidePetition.reason': [
        'DecidePetitionInput',
        {
          selection: PETITION,
          field: ['input', 'reason'],
          as: () => 'staff',
          prepare: async () => ({ id: (await petitionEvent(t, t1.trainerId, '2026-05-20')).petitionId }),
          input: (reason, p) => ({ petitionId: p.id, decision: 'DENY', reason }),
          stored: (p) => payloadOf<{ decisionReason: string }>(p, 'petition').decisionReason,
        },
      ],
      'withdrawPetition.reason': [
        'WithdrawPetitionInput',
        {
          selection: PETITION,
          field: ['input', 'reason'],
          as: t1As,
          prepare: async () => ({ id: (await petitionEvent(t, t1.trainerId, '2026-05-21')).petitionId }),
          input: (reason, p) => ({ petitionId: p.id, reason }),
          stored: (p) => payloadOf<{ decisionReason: string }>(p, 'petition').decisionReason,
        },
      ],
      'recordCprAedCredential.issuer': [
        'RecordCprAedCredentialInput',
        {
          selection: 'credential { id issuer cardNumber }',
          field: ['input', 'issuer'],
          as: t1As,
          input: (issuer) => ({ ...CARD, issuer }),
          stored: (p) => payloadOf<{ issuer: string }>(p, 'credential').issuer,
        },
      ],
      'recordCprAedCredential.cardNumber': [
        'RecordCprAedCredentialInput',
        {
          selection: 'credential { id issuer cardNumber }',
          field: ['input', 'cardNumber'],
          as: t1As,
          input: (cardNumber) => ({ ...CARD, cardNumber }),
          stored: (p) => payloadOf<{ cardNumber: string }>(p, 'credential').cardNumber,
        },
      ],
      'submitAuditDocuments.documents.name': [
        'SubmitAuditDocumentsInput',
        {
          selection: DOCUMENTS,
          field: ['input', 'documents', '0', 'name'],
          as: () => ({ trainer: audit.trainer.trainerId }),
          input: (name) => ({ auditId: audit.auditId, documents: [{ ...pdf(), name }] }),
          stored: (p) => lastDocument(p)?.name,
        },
      ],
      'submitAuditDocuments.documents.location': [
        'SubmitAuditDocumentsInput',
        {
          selection: DOCUMENTS,
          field: ['input', 'documents', '0', 'location'],
          as: () => ({ trainer: audit.trainer.trainerId }),
          input: (location) => ({ auditId: audit.auditId, documents: [{ ...pdf(), location }] }),
          wrap: (s) => `https://files.example.test/${s}`,
          good: () => 'https://files.example.test/audits/card.pdf',
          stored: (p) => lastDocument(p)?.location,
        },
      ],
      'submitAuditDocuments.documents.sha256': [
        'SubmitAuditDocumentsInput',
        {
          selection: DOCUMENTS,
          field: ['input', 'documents', '1', 'sha256'],
          as: () => ({ trainer: audit.trainer.trainerId }),
          input: (sha256) => ({ auditId: audit.auditId, documents: [pdf('a.pdf'), { ...pdf(), sha256 }] }),
          wrap: (s) => `${SHA.slice(0, 62)}${s}`,
          good: () => SHA,
        },
      ],
      'submitAuditDocuments.auditId': [
        'SubmitAuditDocumentsInput',
        {
          selection: DOCUMENTS,
          field: ['input', 'auditId'],
          as: () => ({ trainer: audit.trainer.trainerId }),
          input: (auditId) => ({ auditId, documents: [pdf()] }),
          wrap: (s) => `${audit.auditId}${s}`,
          good: () => audit.auditId,
        },
      ],
      'resolveAudit.reason': [
        'ResolveAuditInput',
        {
          selection: 'audit { reason }',
          field: ['input', 'reason'],
          as: () => 'staff',
          prepare: async () => ({ id: (await auditedTrainer(t, cat)).auditId }),
          input: (reason, p) => ({ auditId: p.id, outcome: 'FAIL', reason }),
          stored: (p) => payloadOf<{ reason: string }>(p, 'audit').reason,
        },
      ],
      'createApiKey.label': [
        'CreateApiKeyInput',
        {
          selection: 'apiKey { id label }',
          field: ['input', 'label'],
          as: () => 'staff',
          input: (label) => ({ providerId: alpha, label }),
          stored: (p) => payloadOf<{ label: string }>(p, 'apiKey').label,
        },
      ],
      'revokeApiKey.reason': [
        'RevokeApiKeyInput',
        {
          selection: 'apiKey { id }',
          field: ['input', 'reason'],
          as: () => 'staff',
          prepare: async () => ({
            id: data(
              await t.gql<{ createApiKey: { apiKey: { id: string } } }>(
                'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
                { input: { providerId: alpha } },
                'staff',
              ),
            ).createApiKey.apiKey.id,
          }),
          input: (reason, p) => ({ apiKeyId: p.id, reason }),
        },
      ],
      'setHandsOnWaiver.reason': [
        'SetHandsOnWaiverInput',
        {
          selection: 'waiver { id reason }',
          field: ['input', 'reason'],
          as: () => 'staff',
          prepare: async () => ({ year: String(2100 + next()) }),
          input: (reason, p) => ({ startsOn: `${p.year}-03-01`, liftedOn: `${p.year}-03-02`, reason }),
          stored: (p) => payloadOf<{ reason: string }>(p, 'waiver').reason,
        },
      ],
      'setFeeSchedule.reason': [
        'SetFeeScheduleInput',
        {
          selection: 'feeSchedule { id }',
          field: ['input', 'reason'],
          as: () => 'staff',
          prepare: async () => ({ year: String(2040 + next()) }),
          input: (reason, p) => ({
            effectiveFrom: `${p.year}-01-01`,
            recertificationFee: '99.00',
            lateFee: '30.00',
            additionalFee: '50.00',
            reason,
          }),
        },
      ],
      'setProgramPolicy.reason': [
        'SetProgramPolicyInput',
        {
          selection: 'programPolicy { petitionFee { amount } }',
          field: ['input', 'reason'],
          as: () => 'staff',
          input: (reason) => ({ petitionFee: '25.00', reason }),
        },
      ],
      'issueCertification.trainer.firstName': [
        'IssueCertificationInput',
        {
          selection: 'certification { id trainer { firstName lastName } }',
          field: ['input', 'trainer', 'firstName'],
          as: () => 'staff',
          input: (firstName) => ({
            issuedOn: '2026-01-05',
            trainer: { firstName, lastName: 'Issued', email: `${fresh('issued')}@text.example` },
          }),
          stored: (p) => payloadOf<{ trainer: { firstName: string } }>(p, 'certification').trainer.firstName,
        },
      ],
      'issueCertification.trainer.email': [
        'IssueCertificationInput',
        {
          selection: 'certification { id trainer { firstName lastName } }',
          field: ['input', 'trainer', 'email'],
          as: () => 'staff',
          input: (email) => ({ issuedOn: '2026-01-05', trainer: { firstName: 'Iris', lastName: 'Issued', email } }),
          wrap: (s) => `i${s}@text.example`,
          good: () => `${fresh('zoë')}@text.example`,
        },
      ],
      'issueCertification.number': [
        'IssueCertificationInput',
        {
          selection: 'certification { id trainer { firstName lastName } }',
          field: ['input', 'number'],
          as: () => 'staff',
          input: (number) => ({
            issuedOn: '2026-01-05',
            number,
            trainer: { firstName: 'Nora', lastName: 'Number', email: `${fresh('number')}@text.example` },
          }),
          wrap: (s) => `CPT-7${s}`,
          good: () => `CPT-${7000000 + next()}`,
        },
      ],
      'updateTrainer.lastName': [
        'UpdateTrainerInput',
        {
          selection: 'trainer { lastName email }',
          field: ['input', 'lastName'],
          as: () => 'staff',
          prepare: async () => ({ id: (await createTrainer(t)).trainerId }),
          input: (lastName, p) => ({ trainerId: p.id, lastName }),
          stored: (p) => payloadOf<{ lastName: string }>(p, 'trainer').lastName,
        },
      ],
      'updateTrainer.email': [
        'UpdateTrainerInput',
        {
          selection: 'trainer { lastName email }',
          field: ['input', 'email'],
          as: () => 'staff',
          prepare: async () => ({ id: (await createTrainer(t)).trainerId }),
          input: (email, p) => ({ trainerId: p.id, email }),
          wrap: (s) => `u${s}@text.example`,
          good: () => `${fresh('zoë')}@text.example`,
        },
      ],
      'importRecords.records.provider.name': [
        'ImportRecordsInput',
        {
          selection: 'committed results { status errors { code field message } }',
          field: ['input', 'records', '0', 'provider', 'name'],
          as: () => 'staff',
          input: (name) => ({
            records: [
              {
                provider: { externalId: fresh('P'), name, contactEmail: 'i@text.example', status: 'PENDING' },
              },
            ],
          }),
          good: () => `${ASTRAL} ${next()}`,
        },
      ],
    };

    const prepared = new Map<string, Promise<Record<string, string>>>();
    const setUp = (name: string) => {
      const [, f] = FIELDS[name];
      if (!prepared.has(name)) prepared.set(name, f.prepare?.() ?? Promise.resolve({}));
      return prepared.get(name)!;
    };
    const documentFor = (name: string, inputText: string) => {
      const [inputType, f] = FIELDS[name];
      const mutation = name.split('.')[0];
      return `mutation${inputText === '$input' ? `($input: ${inputType}!)` : ''} {
        ${mutation}(input: ${inputText}) { ${f.selection} userErrors { code field message } } }`;
    };
    /** The input of `name` as a GraphQL literal, with `text` in place. */
    const literalFor = (name: string, text: string, p: Record<string, string>) => {
      const [inputType, f] = FIELDS[name];
      const ast = astFromValue(f.input(text, p), SDL.getType(inputType) as GraphQLInputType);
      return print(ast!);
    };

    const variableRows = Object.keys(FIELDS).flatMap((name) =>
      ILL_FORMED.map(([kind, bad]) => [name, kind, bad] as const),
    );

    it.each(variableRows)(
      '%s with %s in a variable is 400 BAD_USER_INPUT naming the field; nothing is written',
      async (name, _kind, bad) => {
        const [, f] = FIELDS[name];
        const p = await setUp(name);
        const before = await snapshot(t);
        const value = f.wrap ? f.wrap(bad, p) : bad;
        const res = await t.gql(documentFor(name, '$input'), { input: f.input(value, p) }, f.as());
        expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
        expect(invalidFields(res)).toEqual([
          [
            {
              field: f.field,
              message: `${f.field.join('.')} is not well-formed Unicode text: it holds an unpaired UTF-16 surrogate`,
            },
          ],
        ]);
        expect(res.body.errors![0].message).toBe(
          `${f.field.join('.')} is not well-formed Unicode text: it holds an unpaired UTF-16 surrogate.`,
        );
        expect(await snapshot(t)).toEqual(before);
      },
    );

    const literalRows = Object.keys(FIELDS)
      .filter((name) => !FIELDS[name][1].noLiteral)
      .flatMap((name) => [[name, 'as a \\u escape', true] as const, [name, 'as the character itself', false] as const]);

    // A document that holds such text is not GraphQL at all (the spec's SourceCharacter excludes
    // surrogates): the parser refuses it, pointing at the line and column, before any field is read.
    it.each(literalRows)(
      '%s with a lone surrogate in a literal, %s, is 400 GRAPHQL_PARSE_FAILED at its place; nothing is written',
      async (name, _how, escaped) => {
        const [, f] = FIELDS[name];
        const p = await setUp(name);
        const bad = '\ud800';
        let literal = literalFor(name, f.wrap ? f.wrap(bad, p) : bad, p);
        if (escaped) literal = literal.replace(/\ud800/g, '\\ud800');
        const before = await snapshot(t);
        const query = documentFor(name, literal);
        const res = await t.gql(query, undefined, f.as());
        expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_PARSE_FAILED'], data: undefined });
        const [error] = res.body.errors as { message: string; locations: { line: number; column: number }[] }[];
        expect(error.message).toBe(
          escaped
            ? 'Syntax Error: Invalid Unicode escape sequence: "\\ud800".'
            : 'Syntax Error: Invalid character within String: U+D800.',
        );
        const [line, column] = [error.locations[0].line, error.locations[0].column];
        expect(query.split('\n')[line - 1].slice(column - 1)).toMatch(escaped ? /^\\ud800/ : /^\ud800/);
        expect(await snapshot(t)).toEqual(before);
      },
    );

    it.each(Object.keys(FIELDS))(
      '%s: a well-formed value is accepted (free text: astral characters, stored literally)',
      async (name) => {
        const [, f] = FIELDS[name];
        const p = await setUp(name);
        const value = f.good ? f.good(p) : `${ASTRAL} ${next()}`;
        const mutation = name.split('.')[0];
        const res = ok<Record<string, unknown>>(
          await t.gql(documentFor(name, '$input'), { input: f.input(value, p) }, f.as()),
          mutation,
        );
        if (f.stored) expect(f.stored(res)).toBe(value);
      },
    );

    it.each<[string, (n: number) => string, (n: number) => string]>([
      ['written as itself', (n) => `"${ASTRAL} ${n}"`, (n) => `${ASTRAL} ${n}`],
      ['with \\u{…} escapes', (n) => `"\\u{1D518} \\u{1F3CB}\\u{FE0F} ${n}"`, (n) => `𝔘 🏋️ ${n}`],
      ['with surrogate-pair escapes', (n) => `"\\uD835\\uDD18 \\ud83c\\udfcb\\ufe0f ${n}"`, (n) => `𝔘 🏋️ ${n}`],
    ])('astral text in a literal %s is accepted and returned literally', async (_how, literal, expected) => {
      const n = next();
      const res = ok<{ provider: { name: string } }>(
        await t.gql(
          `mutation { applyAsProvider(input: { name: ${literal(n)}, contactEmail: "l@text.example" }) {
            provider { name } userErrors { code field message } } }`,
        ),
        'applyAsProvider',
      );
      expect(res.provider.name).toBe(expected(n));
    });

    it('a variable used inside a literal is named by the argument path it fills', async () => {
      const before = await snapshot(t);
      const res = await t.gql(
        `mutation($mail: String!, $site: String) {
          applyAsProvider(input: { name: "Inline Co", contactEmail: $mail, website: $site }) { provider { id } userErrors { code } } }`,
        { mail: 'a\ud800@text.example', site: 'https://site.example/\udfff' },
      );
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(invalidFields(res)![0]).toEqual([
        { field: ['input', 'contactEmail'], message: expect.any(String) },
        { field: ['input', 'website'], message: expect.any(String) },
      ]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('an ill-formed field name is refused too, naming the object that holds it', async () => {
      const res = await t.gql(
        'mutation($input: ApplyAsProviderInput!) { applyAsProvider(input: $input) { provider { id } } }',
        { input: { name: 'Key Name Co', contactEmail: 'k@text.example', ['web\ud800site']: 'x' } },
      );
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(invalidFields(res)).toEqual([
        [
          {
            field: ['input'],
            message:
              'input has a field name that is not well-formed Unicode text (it holds an unpaired UTF-16 surrogate)',
          },
        ],
      ]);
    });

    it('a hostile body with thousands of bad strings nested deep gets one short answer', async () => {
      // Written by hand: JSON.stringify itself cannot write 100,000 levels of nesting.
      const deep = `${'['.repeat(100_000)}"x\\ud800"${']'.repeat(100_000)}`;
      const many = JSON.stringify(Array.from({ length: 5000 }, () => '\udc00'));
      const res = await raw(
        t,
        'query($t: String) { courses(filter: { text: $t }) { totalCount } }',
        `{"t":"ok","many":${many},"deep":${deep}}`,
      );
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect((invalidFields(res)![0] as unknown[]).length).toBe(20);
      expect(res.text.length).toBeLessThan(5000);
    });

    it('a GET query with an ill-formed variable is 400 BAD_USER_INPUT naming the field', async () => {
      const query = 'query($t: String) { courses(filter: { text: $t }) { totalCount } }';
      const res = await t.http(
        `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent('{"t":"\\ud800"}')}`,
        { headers: { 'apollo-require-preflight': 'true' } },
      );
      const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect({
        status: res.status,
        code: body.errors[0].extensions.code,
        fields: body.errors[0].extensions.invalidFields,
      }).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        fields: [{ field: ['filter', 'text'], message: expect.any(String) }],
      });
    });

    /** Every String, ID, enum and custom-scalar input of every root field, as the committed schema lists them. */
    const leaves = (type: GraphQLInputType, at: string[], depth = 0): string[][] => {
      const nullable = getNullableType(type);
      if (isListType(nullable)) return leaves(nullable.ofType as GraphQLInputType, [...at, '0'], depth);
      if (isInputObjectType(nullable)) {
        if (depth > 6) return [];
        return Object.values(nullable.getFields()).flatMap((f) => leaves(f.type, [...at, f.name], depth + 1));
      }
      return ['Int', 'Float', 'Boolean'].includes(getNamedType(type).name) ? [] : [at];
    };
    const rootRows = (['query', 'mutation'] as const).flatMap((operation) => {
      const root = operation === 'query' ? SDL.getQueryType()! : SDL.getMutationType()!;
      return Object.values(root.getFields()).flatMap((field) =>
        field.args.flatMap((arg) =>
          leaves(arg.type, [arg.name]).map((at) => {
            const variables = field.args.map((a) => `$${a.name}Value: ${String(a.type)}`).join(', ');
            const args = field.args.map((a) => `${a.name}: $${a.name}Value`).join(', ');
            const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
            const document = `${operation}(${variables}) { ${field.name}(${args}) ${selection} }`;
            return [`${field.name}(${at.join('.')})`, document, at] as const;
          }),
        ),
      );
    });

    it('the schema table covers every text-carrying input of every root field', () => {
      expect(rootRows.length).toBeGreaterThan(200);
      for (const name of [
        'input.contactEmail',
        'input.records.0.provider.name',
        'ids.0',
        'input.documents.0.location',
      ]) {
        expect(rootRows.some(([, , at]) => at.join('.') === name)).toBe(true);
      }
    });

    it.each(rootRows.map((r, i) => [...r, ILL_FORMED[i % ILL_FORMED.length]] as const))(
      '%s: ill-formed text there is 400 BAD_USER_INPUT naming the field, before any other check',
      async (_name, document, at, [, bad]) => {
        const [argument, ...inside] = at;
        const value = inside.reduceRight<unknown>((v, key) => (key === '0' ? [v] : { [key]: v }), bad);
        const res = await t.gql(document, { [`${argument}Value`]: value });
        expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
        expect(invalidFields(res)).toEqual([[{ field: at, message: expect.stringContaining('not well-formed') }]]);
      },
    );

    it('the import (records from a file, sent inside the process) refuses ill-formed text as a userError and stores NFC', async () => {
      const schema = await buildAppSchema(resolverContainer(createServices(t.db)));
      const runner = new ImportRunner(schema, t.db, fixedClock(`${TODAY}T12:00:00.000Z`), 'test.importer');
      const before = await snapshot(t);
      const answer = await runner.send([
        {
          provider: {
            externalId: fresh('P'),
            name: 'File \ud800 Co',
            contactEmail: 'f@text.example',
            status: 'PENDING',
          },
        },
      ]);
      expect(answer.committed).toBe(false);
      expect(answer.userErrors.map((e) => [e.code, e.field])).toEqual([
        ['INVALID_FORMAT', ['input', 'records', '0', 'provider', 'name']],
      ]);
      expect(await snapshot(t)).toEqual(before);
      const name = `Zoe\u0308 File Co ${next()}`;
      const written = await runner.send([
        { provider: { externalId: fresh('P'), name, contactEmail: 'f@text.example', status: 'PENDING' } },
      ]);
      expect(written.committed).toBe(true);
      const stored = data(
        await t.gql<{ node: { name: string } }>(
          'query($id: ID!) { node(id: $id) { ... on Provider { name } } }',
          { id: written.results[0].id },
          'staff',
        ),
      ).node.name;
      expect(stored).toBe(name.normalize('NFC'));
      expect(stored).not.toBe(name);
    });
  });

  describe('the transcript downloads', () => {
    const download = async (pathname: string, as: As) =>
      answer(await t.http(pathname, { headers: { authorization: (await t.credentials(as))! } }));

    it.each([
      ['a lone surrogate’s bytes in the certification ID', (id: string) => `/transcripts/${id}%ED%A0%80.pdf`],
      ['a broken percent-encoding in the certification ID', (id: string) => `/transcripts/${id}%uD800.jwt`],
      ['an overlong UTF-8 encoding in the certification ID', (id: string) => `/transcripts/${id}%C0%AF.pdf`],
    ])('%s is 400 BAD_USER_INPUT', async (_name, pathname) => {
      const res = await download(pathname(t1.certificationId), { trainer: t1.trainerId });
      expect({ status: res.status, codes: res.body.errors?.map((e) => e.extensions?.code) }).toEqual({
        status: 400,
        codes: ['BAD_USER_INPUT'],
      });
    });

    it.each([
      ['a lone surrogate’s bytes', '%ED%A0%80'],
      ['a date followed by them', '2026-01-01%ED%A0%80'],
      ['a %u escape', '%uD800'],
      ['a date with a combining mark', '2026-01-01%CC%81'],
    ])('asOf with %s is 400 BAD_USER_INPUT', async (_name, asOf) => {
      const res = await download(`/transcripts/${t1.certificationId}.pdf?asOf=${asOf}`, { trainer: t1.trainerId });
      expect({ status: res.status, codes: res.body.errors?.map((e) => e.extensions?.code) }).toEqual({
        status: 400,
        codes: ['BAD_USER_INPUT'],
      });
    });
  });

  describe('names are compared and stored in NFC', () => {
    const COMPOSED = 'Zo\u00EB';
    const DECOMPOSED = 'Zoe\u0308';
    const APPLY = `mutation($input: ApplyAsProviderInput!) {
      applyAsProvider(input: $input) { provider { id name } userErrors { code field message } } }`;
    const apply = (name: string) =>
      t.gql<{ applyAsProvider: Payload<{ provider: { id: string; name: string } | null }> }>(APPLY, {
        input: { name, contactEmail: 'nfc@text.example' },
      });
    const issue = (email: string, lastName = 'Nfc') =>
      t.gql<{
        issueCertification: Payload<{ certification: { id: string; trainer: { id: string; email: string } } | null }>;
      }>(
        `mutation($input: IssueCertificationInput!) { issueCertification(input: $input) {
          certification { id trainer { id email } } userErrors { code field message } } }`,
        { input: { issuedOn: '2026-01-05', trainer: { firstName: 'Nadia', lastName, email } } },
        'staff',
      );

    it('a decomposed provider name is stored composed', async () => {
      const n = next();
      const res = ok<{ provider: { name: string } }>(await apply(`${DECOMPOSED} Studio ${n}`), 'applyAsProvider');
      expect(res.provider.name).toBe(`${COMPOSED} Studio ${n}`);
      expect(res.provider.name).not.toBe(`${DECOMPOSED} Studio ${n}`);
    });

    it.each([
      ['composed, then decomposed', COMPOSED, DECOMPOSED],
      ['decomposed, then composed', DECOMPOSED, COMPOSED],
      ['Hangul syllables, then conjoining jamo', '\uAC00\uB098', '\u1100\u1161\u1102\u1161'],
    ])('a provider name %s is the same provider: DUPLICATE_PROVIDER, nothing written', async (_how, first, second) => {
      const n = next();
      ok(await apply(`${first} Gym ${n}`), 'applyAsProvider');
      const before = await snapshot(t);
      const res = await apply(`${second} Gym ${n}`);
      expect(data(res).applyAsProvider.userErrors.map((e) => [e.code, e.field])).toEqual([
        ['DUPLICATE_PROVIDER', ['input', 'name']],
      ]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('a name is counted after composing: 150 decomposed é (300 code points) fit a 200-character name', async () => {
      const sent = 'e\u0301'.repeat(150);
      const res = ok<{ provider: { name: string } }>(await apply(sent), 'applyAsProvider');
      expect(res.provider.name).toBe('\u00E9'.repeat(150));
      expect([...res.provider.name].length).toBe(150);
    });

    it('NFC is not NFKC: compatibility characters (ligature ﬁ, full-width Ａ, superscript ²) are kept', async () => {
      const name = `ﬁt Ａ² ${next()}`;
      expect(ok<{ provider: { name: string } }>(await apply(name), 'applyAsProvider').provider.name).toBe(name);
    });

    it('a trainer e-mail differing only in composition is taken: EMAIL_TAKEN, nothing written', async () => {
      const local = `${fresh('zo')}`;
      const first = ok<{ certification: { trainer: { email: string } } }>(
        await issue(`${local}${COMPOSED.slice(2)}@text.example`),
        'issueCertification',
      );
      expect(first.certification.trainer.email).toBe(`${local}\u00EB@text.example`);
      const before = await snapshot(t);
      const res = await issue(`${local}e\u0308@text.example`);
      expect(data(res).issueCertification.userErrors.map((e) => [e.code, e.field])).toEqual([
        ['EMAIL_TAKEN', ['input', 'trainer', 'email']],
      ]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('staff find a trainer by e-mail typed decomposed', async () => {
      const local = fresh('find');
      const issued = ok<{ certification: { trainer: { id: string } } }>(
        await issue(`${local}\u00EB@text.example`),
        'issueCertification',
      );
      const found = data(
        await t.gql<{ trainers: { nodes: { id: string }[] } }>(
          'query($email: String) { trainers(filter: { email: $email }) { nodes { id } } }',
          { email: `${local}e\u0308@text.example` },
          'staff',
        ),
      ).trainers.nodes.map((n) => n.id);
      expect(found).toEqual([issued.certification.trainer.id]);
    });

    it('a completion report naming the trainer decomposed matches the composed name on record', async () => {
      const trainer = await createTrainer(t, { lastName: `${COMPOSED}lner` });
      const res = ok<{ results: { status: string }[] }>(
        await t.gql(
          `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) { results { status } userErrors { code field message } } }`,
          {
            input: {
              rows: [
                {
                  certificationNumber: trainer.number,
                  lastName: `${DECOMPOSED}lner`,
                  courseId: alphaApproved,
                  completedOn: TODAY,
                },
              ],
            },
          },
          { provider: alpha },
        ),
        'reportCompletions',
      );
      expect(res.results.map((r) => r.status)).toEqual(['ACCEPTED']);
    });

    it('a decomposed course title is stored composed and found by either form', async () => {
      const tag = fresh('Cafe\u0301');
      const res = ok<{ course: { id: string; title: string } }>(
        await t.gql(
          `mutation($input: RegisterCourseInput!) { registerCourse(input: $input) { course { id title } userErrors { code field message } } }`,
          {
            input: {
              code: fresh('NFC'),
              title: `${tag} conditioning`,
              contactHours: '10',
              topics: ['NUTRITION'],
              deliveryFormat: 'IN_PERSON',
            },
          },
          { provider: alpha },
        ),
        'registerCourse',
      );
      expect(res.course.title).toBe(`${tag.normalize('NFC')} conditioning`);
      for (const text of [tag, tag.normalize('NFC')]) {
        const found = data(
          await t.gql<{ courses: { nodes: { id: string }[] } }>(
            'query($text: String) { courses(filter: { text: $text }) { nodes { id } } }',
            { text },
            { provider: alpha },
          ),
        ).courses.nodes.map((n) => n.id);
        expect(found).toEqual([res.course.id]);
      }
    });
  });

  describe('audit documents: links are links', () => {
    const SUBMIT = `mutation($input: SubmitAuditDocumentsInput!) {
      submitAuditDocuments(input: $input) { audit { id documents { name location sizeBytes sha256 } } userErrors { code field message } } }`;
    let docs: Audited;
    beforeAll(async () => {
      docs = await auditedTrainer(t, cat);
    });
    const submit = (target: Audited, documents: object[]) =>
      t.gql<{ submitAuditDocuments: Payload<{ audit: { documents: Record<string, unknown>[] } | null }> }>(
        SUBMIT,
        { input: { auditId: target.auditId, documents } },
        { trainer: target.trainer.trainerId },
      );
    const refusedWith = async (documents: object[], expected: [string, string[]][]) => {
      const before = await snapshot(t);
      const res = await submit(docs, documents);
      expect(res.status).toBe(200);
      const payload = data(res).submitAuditDocuments;
      expect({ audit: payload.audit, errors: payload.userErrors.map((e) => [e.code, e.field]) }).toEqual({
        audit: null,
        errors: expected,
      });
      expect(await snapshot(t)).toEqual(before);
      return payload.userErrors;
    };
    const LOCATION = ['input', 'documents', '0', 'location'];

    const REFUSED: [string, string][] = [
      ['javascript:', 'javascript:alert(document.cookie)'],
      ['JaVaScRiPt: in mixed case', 'JaVaScRiPt:alert(1)'],
      ['javascript: after a space', ' javascript:alert(1)'],
      ['javascript: with a tab inside', 'java\tscript:alert(1)'],
      ['javascript: with a newline inside', 'java\nscript:alert(1)'],
      ['javascript: with a carriage return and a NUL', 'javascript\r:\u0000alert(1)'],
      ['vbscript:', 'vbscript:msgbox(1)'],
      ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
      ['file:', 'file:///etc/passwd'],
      ['http:', 'http://files.example.org/audits/card.pdf'],
      ['ftp:', 'ftp://files.example.org/audits/card.pdf'],
      ['mailto:', 'mailto:reviewer@example.org'],
      ['a user name and password', 'https://user:pass@files.example.org/card.pdf'],
      ['a user name', 'https://user@files.example.org/card.pdf'],
      ['a host hidden behind @', 'https://files.example.org@evil.example/card.pdf'],
      ['a protocol-relative //evil', '//evil.example/card.pdf'],
      ['an absolute path', '/etc/passwd'],
      ['a climb out of the store', '../../etc/passwd'],
      ['a climb inside a key', 'audits/../../etc/passwd'],
      ['an empty segment in a key', 'audits//card.pdf'],
      ['a key ending in a slash', 'audits/2026/'],
      ['a key with a colon', 'audits:card.pdf'],
      ['backslashes', 'https:\\\\evil.example\\card.pdf'],
      ['one slash', 'https:/evil.example/card.pdf'],
      ['no slashes', 'https:evil.example/card.pdf'],
      ['three slashes', 'https:///evil.example/card.pdf'],
      ['a space inside', 'https://files.example.org/my card.pdf'],
      ['a trailing space', 'https://files.example.org/card.pdf '],
      ['an IPv4 address', 'https://127.0.0.1/card.pdf'],
      ['a private IPv4 address', 'https://10.0.0.7/card.pdf'],
      ['an IPv4 address in hex', 'https://0x7f.1/card.pdf'],
      ['an IPv4 address as one number', 'https://2130706433/card.pdf'],
      ['an IPv6 address', 'https://[::1]/card.pdf'],
      ['localhost', 'https://localhost/card.pdf'],
      ['a name under .localhost', 'https://files.localhost/card.pdf'],
      ['a one-label host', 'https://intranet/card.pdf'],
      ['a host with a trailing dot', 'https://files.example.org./card.pdf'],
      ['a non-ASCII host (not in punycode)', 'https://bücher.example/card.pdf'],
      ['a right-to-left override', 'https://files.example.org/\u202Efdp.exe'],
      ['no host', 'https://'],
    ];

    it.each(REFUSED)('a location with %s is refused INVALID_FORMAT and nothing is written', async (_name, location) => {
      const [error] = await refusedWith([{ ...pdf(), location }], [['INVALID_FORMAT', LOCATION]]);
      // The same sentence for every location: the value is never quoted back.
      expect(error.message).toBe(
        'location must be an https URL on a named host, with no user name or password (e.g. https://files.example.org/audits/card.pdf), or a storage key of letters, digits, dots, dashes and underscores in segments joined by slashes (e.g. audits/2026/card.pdf)',
      );
    });

    it.each([
      ['empty', ''],
      ['blank', '   '],
    ])('an %s location is REQUIRED', async (_name, location) => {
      await refusedWith([{ ...pdf(), location }], [['REQUIRED', LOCATION]]);
    });

    const longUrl = (n: number) => {
      const head = 'https://files.example.org/audits/';
      return head + 'a'.repeat(n - head.length);
    };

    it('a 1001-character URL is TOO_LONG and nothing is written', async () => {
      await refusedWith([{ ...pdf(), location: longUrl(1001) }], [['TOO_LONG', LOCATION]]);
    });

    it('a URL that the URL standard writes longer than 1000 characters is refused', async () => {
      // 334 quotes become %22 each: 1000 characters as sent, 1668 as stored.
      const location = longUrl(1000 - 334) + '"'.repeat(334);
      expect(location.length).toBe(1000);
      await refusedWith([{ ...pdf(), location }], [['INVALID_FORMAT', LOCATION]]);
    });

    it.each([
      ['an https URL', 'https://files.example.org/audits/card.pdf', 'https://files.example.org/audits/card.pdf'],
      ['exactly 1000 characters', longUrl(1000), longUrl(1000)],
      [
        'a port, query and fragment',
        'https://files.example.org:8443/a.pdf?v=2#page=1',
        'https://files.example.org:8443/a.pdf?v=2#page=1',
      ],
      [
        'upper-case scheme and host',
        'HTTPS://Files.Example.ORG/Audits/Card.pdf',
        'https://files.example.org/Audits/Card.pdf',
      ],
      ['a punycode host', 'https://xn--bcher-kva.example/card.pdf', 'https://xn--bcher-kva.example/card.pdf'],
      ['dot segments, resolved', 'https://files.example.org/a/../card.pdf', 'https://files.example.org/card.pdf'],
      ['a storage key', 'audits/2026/abc.pdf', 'audits/2026/abc.pdf'],
      ['a storage key of one segment', 'card-scan_v2.jpg', 'card-scan_v2.jpg'],
    ])('a location that is %s is accepted and stored as the standard writes it', async (_name, location, stored) => {
      const res = ok<{ audit: { documents: { location: string }[] } }>(
        await submit(docs, [{ ...pdf(), location }]),
        'submitAuditDocuments',
      );
      expect(res.audit.documents.at(-1)!.location).toBe(stored);
    });

    it.each<[string, Record<string, unknown>, [string, string[]][]]>([
      ['a declared size of 0 bytes', { sizeBytes: 0 }, [['OUT_OF_RANGE', ['input', 'documents', '0', 'sizeBytes']]]],
      ['a declared size of -1', { sizeBytes: -1 }, [['OUT_OF_RANGE', ['input', 'documents', '0', 'sizeBytes']]]],
      [
        'a declared size of 25 MB and a byte',
        { sizeBytes: 25_000_001 },
        [['OUT_OF_RANGE', ['input', 'documents', '0', 'sizeBytes']]],
      ],
      [
        'a declared size of 2³¹−1 bytes',
        { sizeBytes: 2147483647 },
        [['OUT_OF_RANGE', ['input', 'documents', '0', 'sizeBytes']]],
      ],
      ['a SHA-256 of 63 digits', { sha256: SHA.slice(1) }, [['INVALID_FORMAT', ['input', 'documents', '0', 'sha256']]]],
      ['a SHA-256 of 65 digits', { sha256: `${SHA}a` }, [['INVALID_FORMAT', ['input', 'documents', '0', 'sha256']]]],
      [
        'a SHA-256 that is not hex',
        { sha256: 'g'.repeat(64) },
        [['INVALID_FORMAT', ['input', 'documents', '0', 'sha256']]],
      ],
      [
        'a SHA-256 with a space',
        { sha256: ` ${SHA.slice(1)}` },
        [['INVALID_FORMAT', ['input', 'documents', '0', 'sha256']]],
      ],
      ['a name of 201 characters', { name: 'n'.repeat(201) }, [['TOO_LONG', ['input', 'documents', '0', 'name']]]],
      ['a blank name', { name: ' ' }, [['REQUIRED', ['input', 'documents', '0', 'name']]]],
      [
        'a media type without a subtype',
        { mediaType: 'pdf' },
        [['INVALID_FORMAT', ['input', 'documents', '0', 'mediaType']]],
      ],
    ])('%s is refused and nothing is written', async (_name, patch, expected) => {
      await refusedWith([{ ...pdf(), ...patch }], expected);
    });

    it.each([
      ['a size of 1 byte', { sizeBytes: 1 }],
      ['a size of exactly 25 MB', { sizeBytes: 25_000_000 }],
      ['a name of 200 characters', { name: 'n'.repeat(200) }],
      ['an upper-case SHA-256 (stored lower-case)', { sha256: SHA.toUpperCase() }],
    ])('%s is accepted', async (_name, patch) => {
      const res = ok<{ audit: { documents: Record<string, unknown>[] } }>(
        await submit(docs, [{ ...pdf(), ...patch }]),
        'submitAuditDocuments',
      );
      const stored = res.audit.documents.at(-1)!;
      for (const [key, value] of Object.entries(patch)) {
        expect(stored[key]).toBe(key === 'sha256' ? String(value).toLowerCase() : value);
      }
    });

    it('21 documents in one call are TOO_MANY_ITEMS', async () => {
      await refusedWith(
        Array.from({ length: 21 }, (_v, i) => pdf(`page-${i}.pdf`)),
        [['TOO_MANY_ITEMS', ['input', 'documents']]],
      );
    });

    it('an audit keeps at most 20 documents across submissions: the one past the cap is TOO_MANY_ITEMS', async () => {
      const target = await auditedTrainer(t, cat);
      const many = (n: number, tag: string) => Array.from({ length: n }, (_v, i) => pdf(`${tag}-${i}.pdf`));
      ok(await submit(target, many(15, 'first')), 'submitAuditDocuments');
      let before = await snapshot(t);
      const over = data(await submit(target, many(6, 'second'))).submitAuditDocuments;
      expect(over.userErrors.map((e) => [e.code, e.field, e.message])).toEqual([
        [
          'TOO_MANY_ITEMS',
          ['input', 'documents'],
          'An audit keeps at most 20 documents; this one has 15, so at most 5 more can be sent.',
        ],
      ]);
      expect(await snapshot(t)).toEqual(before);
      const full = ok<{ audit: { documents: unknown[] } }>(
        await submit(target, many(5, 'third')),
        'submitAuditDocuments',
      );
      expect(full.audit.documents).toHaveLength(20);
      before = await snapshot(t);
      const one = data(await submit(target, many(1, 'fourth'))).submitAuditDocuments;
      expect(one.userErrors.map((e) => e.code)).toEqual(['TOO_MANY_ITEMS']);
      expect(await snapshot(t)).toEqual(before);
    });

    it('two submissions racing for the last places: one is kept, the other refused, never more than 20', async () => {
      const target = await auditedTrainer(t, cat);
      const many = (n: number, tag: string) => Array.from({ length: n }, (_v, i) => pdf(`${tag}-${i}.pdf`));
      ok(await submit(target, many(10, 'base')), 'submitAuditDocuments');
      const answers = await Promise.all([submit(target, many(6, 'left')), submit(target, many(6, 'right'))]);
      const codes = answers.map((r) => data(r).submitAuditDocuments.userErrors.map((e) => e.code)).sort();
      expect(codes).toEqual([[], [expect.stringMatching(/^(TOO_MANY_ITEMS|CONCURRENT_UPDATE)$/)]]);
      const reread = data(
        await t.gql<{ node: { documents: unknown[] } }>(
          'query($id: ID!) { node(id: $id) { ... on Audit { documents { name } } } }',
          { id: target.auditId },
          'staff',
        ),
      ).node;
      expect(reread.documents).toHaveLength(16);
    });
  });
});

describe('production error masking', () => {
  it('no response of this suite carries a stack trace, SQL, a file path or driver details', () => {
    expectNoLeaks(500);
  });
});
