import { approvedProvider, createTrainer, snapshot } from '../support/fixtures';
import { data, startTestApp, TestApp } from '../support/harness';
import {
  applicationRecord,
  certificationRecord,
  completionRecord,
  courseRecord,
  cprAedRecord,
  errorsOf,
  eventCompletionRecord,
  ImportRecord,
  imported,
  importRecords,
  petitionRecord,
  providerRecord,
  recordPath as at,
  staffNode,
} from '../support/import-fixtures';
import { selfReported } from '../support/ledger-fixtures';

const TODAY = '2026-06-15';

/**
 * What the database holds before the table runs (imported unless said otherwise):
 * - provider `base-prv` ("Provider base-prv", approved since 2020) and the live partner "Live Partner";
 * - course `base-crs` (code BASE-CRS, approved 2024-03-01 through 2026) and `base-pending` (PENDING_REVIEW);
 * - certification IMP-BASE-1 (`base-cert`, issued 2023-07-01, earlier expiry 2025-07-01, current to
 *   2027-07-01) with `base-auto` (base-crs, 2025-03-10, automatic), the events `base-event`
 *   (2025-08-01, with the pending petition `base-pet-open`) and `base-event2` (2025-09-01), the
 *   approved application `base-app` for 2025-07-01 that used base-auto, and a live self-report of
 *   base-crs on 2025-04-04;
 * - certification IMP-OLD-1 (`old-cert`, issued 2021-07-01, expiries 2023-07-01 and 2025-07-01)
 *   with the event `old-event` (2023-08-01) used by the approved application `old-app` (2023-07-01);
 * - a live trainer with a certification of the fixtures' numbering.
 */
const BASE = 'IMP-BASE-1';
const OLD = 'IMP-OLD-1';
const BASE_TRAINER = {
  externalId: 'person-base-cert',
  firstName: 'Dana',
  lastName: 'Importbasecert',
  email: 'base-cert@trainers.example',
};

interface Live {
  email: string;
  number: string;
}

interface Expected {
  code: string;
  field: string[] | null;
  message?: string | RegExp;
}

/** A case: the records of one call, and for each record that must be refused, its errors exactly. */
type Case = [name: string, records: (live: Live) => ImportRecord[], refused: Record<number, Expected[]>];

const one = (code: string, field: string[], message?: string | RegExp): Expected[] => [{ code, field, message }];
const cert = (externalId: string, number: string, overrides: Record<string, unknown> = {}) =>
  certificationRecord(externalId, number, overrides);

const CASES: Case[] = [
  // IMPORT_CONFLICT: the same external ID with other content.
  [
    'IMPORT_CONFLICT: a provider imported before, now with another name',
    () => [providerRecord('base-prv', { name: 'Renamed Academy' })],
    { 0: one('IMPORT_CONFLICT', at(0, 'provider', 'externalId'), /imported before with other content/) },
  ],
  [
    'IMPORT_CONFLICT: a course imported before, now with another title',
    () => [courseRecord('base-crs', 'base-prv', { title: 'Other title' })],
    { 0: one('IMPORT_CONFLICT', at(0, 'course', 'externalId')) },
  ],
  [
    'IMPORT_CONFLICT: a certification imported before, now with another issue date',
    () => [cert('base-cert', BASE, { issuedOn: '2023-07-02', earlierExpiries: ['2025-07-02'] })],
    { 0: one('IMPORT_CONFLICT', at(0, 'certification', 'externalId')) },
  ],
  [
    'IMPORT_CONFLICT: a completion imported before, now on another date',
    () => [completionRecord('base-auto', BASE, 'base-crs', '2025-03-11')],
    { 0: one('IMPORT_CONFLICT', at(0, 'completion', 'externalId')) },
  ],
  [
    'IMPORT_CONFLICT: a petition imported before, now with another justification',
    () => [petitionRecord('base-pet-open', 'base-event', { submittedOn: '2025-08-05', justification: 'Other.' })],
    { 0: one('IMPORT_CONFLICT', at(0, 'petition', 'externalId')) },
  ],
  [
    'IMPORT_CONFLICT: two records of one call with one external ID and other content: the second is refused',
    () => [providerRecord('twin-id'), providerRecord('twin-id', { name: 'Twin Id Other' })],
    { 1: one('IMPORT_CONFLICT', at(1, 'provider', 'externalId'), /Another record of this call/) },
  ],
  [
    'IMPORT_CONFLICT: a known trainer given with another first name',
    () => [
      // Lapsed long ago, so that the holder's current certification is no reason to refuse it.
      cert('clash-cert', 'IMP-CLASH-1', {
        issuedOn: '2020-01-01',
        earlierExpiries: null,
        trainer: { ...BASE_TRAINER, firstName: 'Dora' },
      }),
    ],
    { 0: one('IMPORT_CONFLICT', at(0, 'certification', 'trainer'), /another name or e-mail/) },
  ],

  // UNKNOWN_REFERENCE: never imported, or refused in this call.
  [
    'UNKNOWN_REFERENCE: a course of a provider never imported',
    () => [courseRecord('ur-crs', 'nope-prv')],
    {
      0: one(
        'UNKNOWN_REFERENCE',
        at(0, 'course', 'providerExternalId'),
        'No provider was imported with the external ID "nope-prv".',
      ),
    },
  ],
  [
    'UNKNOWN_REFERENCE: a course of a provider refused in this call says so',
    () => [providerRecord('ur-bad-prv', { approvedPeriods: [] }), courseRecord('ur-crs2', 'ur-bad-prv')],
    {
      0: one('INVALID_INPUT', at(0, 'provider', 'approvedPeriods')),
      1: one(
        'UNKNOWN_REFERENCE',
        at(1, 'course', 'providerExternalId'),
        'The provider "ur-bad-prv" is refused in this call.',
      ),
    },
  ],
  [
    'UNKNOWN_REFERENCE: a completion of a course never imported',
    () => [completionRecord('ur-cmp', BASE, 'nope-crs', '2025-10-10')],
    {
      0: one(
        'UNKNOWN_REFERENCE',
        at(0, 'completion', 'courseExternalId'),
        'No course was imported with the external ID "nope-crs".',
      ),
    },
  ],
  [
    'UNKNOWN_REFERENCE: a completion of a course refused in this call says so',
    () => [
      courseRecord('ur-bad-crs', 'base-prv', { contactHours: '0' }),
      completionRecord('ur-cmp2', BASE, 'ur-bad-crs', '2025-10-10'),
    ],
    {
      0: one('OUT_OF_RANGE', at(0, 'course', 'contactHours')),
      1: one(
        'UNKNOWN_REFERENCE',
        at(1, 'completion', 'courseExternalId'),
        'The course "ur-bad-crs" is refused in this call.',
      ),
    },
  ],
  [
    'UNKNOWN_REFERENCE: a petition on a completion never imported',
    () => [petitionRecord('ur-pet', 'nope-cmp')],
    {
      0: one(
        'UNKNOWN_REFERENCE',
        at(0, 'petition', 'completionExternalId'),
        'No completion was imported with the external ID "nope-cmp".',
      ),
    },
  ],
  [
    'UNKNOWN_REFERENCE: a petition on a completion refused in this call says so',
    () => [eventCompletionRecord('ur-evt', BASE, '2026-06-16'), petitionRecord('ur-pet2', 'ur-evt')],
    {
      0: one('FUTURE_DATE', at(0, 'completion', 'completedOn')),
      1: one(
        'UNKNOWN_REFERENCE',
        at(1, 'petition', 'completionExternalId'),
        'The completion "ur-evt" is refused in this call.',
      ),
    },
  ],
  [
    'UNKNOWN_REFERENCE: an application naming a completion never imported, by its position',
    () => [
      applicationRecord('ur-app', BASE, {
        status: 'REFUSED',
        refusalReason: 'Short.',
        receivedOn: '2025-06-10',
        completionExternalIds: ['base-auto', 'nope-cmp'],
      }),
    ],
    { 0: one('UNKNOWN_REFERENCE', at(0, 'recertificationApplication', 'completionExternalIds', '1')) },
  ],

  // UNKNOWN_CERTIFICATION.
  [
    'UNKNOWN_CERTIFICATION: a completion on a number no certification has',
    () => [completionRecord('uc-cmp', 'NOPE-1', 'base-crs', '2025-10-10')],
    { 0: one('UNKNOWN_CERTIFICATION', at(0, 'completion', 'certificationNumber')) },
  ],
  [
    'UNKNOWN_CERTIFICATION: a CPR/AED card on a number no certification has',
    () => [cprAedRecord('uc-card', 'NOPE-1')],
    { 0: one('UNKNOWN_CERTIFICATION', at(0, 'cprAedCredential', 'certificationNumber')) },
  ],
  [
    'UNKNOWN_CERTIFICATION: an application on a number no certification has',
    () => [applicationRecord('uc-app', 'NOPE-1')],
    { 0: one('UNKNOWN_CERTIFICATION', at(0, 'recertificationApplication', 'certificationNumber')) },
  ],

  // DUPLICATE_PROVIDER and DUPLICATE_COURSE_CODE.
  [
    'DUPLICATE_PROVIDER: a new provider with the name of an imported one',
    () => [providerRecord('dp-1', { name: 'Provider base-prv' })],
    { 0: one('DUPLICATE_PROVIDER', at(0, 'provider', 'name')) },
  ],
  [
    'DUPLICATE_PROVIDER: the name compared without case and surrounding spaces',
    () => [providerRecord('dp-2', { name: ' PROVIDER BASE-PRV ' })],
    { 0: one('DUPLICATE_PROVIDER', at(0, 'provider', 'name')) },
  ],
  [
    'DUPLICATE_PROVIDER: a new provider with the name of a live one',
    () => [providerRecord('dp-3', { name: 'Live Partner' })],
    { 0: one('DUPLICATE_PROVIDER', at(0, 'provider', 'name')) },
  ],
  [
    'DUPLICATE_PROVIDER: two new providers of one call with one name: the second is refused',
    () => [providerRecord('dp-4', { name: 'Twin Academy' }), providerRecord('dp-5', { name: 'Twin Academy' })],
    { 1: one('DUPLICATE_PROVIDER', at(1, 'provider', 'name')) },
  ],
  [
    'DUPLICATE_COURSE_CODE: a new course with the code of an imported course of its provider',
    () => [courseRecord('dc-1', 'base-prv', { code: 'BASE-CRS' })],
    { 0: one('DUPLICATE_COURSE_CODE', at(0, 'course', 'code')) },
  ],
  [
    'DUPLICATE_COURSE_CODE: two new courses of one provider in one call with one code: the second is refused',
    () => [courseRecord('dc-2', 'base-prv', { code: 'TWIN' }), courseRecord('dc-3', 'base-prv', { code: 'TWIN' })],
    { 1: one('DUPLICATE_COURSE_CODE', at(1, 'course', 'code')) },
  ],

  // INVALID_DATES.
  [
    'INVALID_DATES: provider approval periods that overlap (R3)',
    () => [
      providerRecord('id-1', {
        approvedPeriods: [{ from: '2020-01-01', through: '2021-06-30' }, { from: '2021-06-30' }],
      }),
    ],
    {
      0: one(
        'INVALID_DATES',
        at(0, 'provider', 'approvedPeriods'),
        'The approvedPeriods do not fit together: period 2 starts before period 1 ends: give them oldest first, without overlapping.',
      ),
    },
  ],
  [
    'INVALID_DATES: a provider approval period that ends before it starts',
    () => [
      providerRecord('id-2', {
        approvedPeriods: [{ from: '2021-01-01', through: '2020-12-31' }, { from: '2022-01-01' }],
      }),
    ],
    { 0: one('INVALID_DATES', at(0, 'provider', 'approvedPeriods'), /period 1 ends before it starts/) },
  ],
  [
    'INVALID_DATES: provider approval periods newest first',
    () => [
      providerRecord('id-3', {
        approvedPeriods: [{ from: '2022-01-01' }, { from: '2020-01-01', through: '2020-12-31' }],
      }),
    ],
    { 0: one('INVALID_DATES', at(0, 'provider', 'approvedPeriods'), /period 1 has no end/) },
  ],
  [
    'INVALID_DATES: a course approval period spanning two calendar years (R4)',
    () => [courseRecord('id-4', 'base-prv', { approvalPeriods: [{ from: '2025-06-01', through: '2026-05-31' }] })],
    { 0: one('INVALID_DATES', at(0, 'course', 'approvalPeriods', '0', 'through'), /one calendar year \(R4\)/) },
  ],
  [
    'INVALID_DATES: a course approval period without an end (R4)',
    () => [
      courseRecord('id-5', 'base-prv', {
        approvalPeriods: [{ from: '2025-01-01', through: '2025-12-31' }, { from: '2026-01-01' }],
      }),
    ],
    { 0: one('INVALID_DATES', at(0, 'course', 'approvalPeriods', '1', 'through')) },
  ],
  [
    'INVALID_DATES: course approval periods that overlap',
    () => [
      courseRecord('id-6', 'base-prv', {
        approvalPeriods: [
          { from: '2025-01-01', through: '2025-12-31' },
          { from: '2025-12-31', through: '2025-12-31' },
        ],
      }),
    ],
    { 0: one('INVALID_DATES', at(0, 'course', 'approvalPeriods'), /period 2 starts before period 1 ends/) },
  ],
  [
    'INVALID_DATES: R10: an earlier expiry that is not the one before plus 24 months',
    () => [cert('id-7', 'IMP-ID-7', { earlierExpiries: ['2025-07-01', '2027-06-30'] })],
    {
      0: one(
        'INVALID_DATES',
        at(0, 'certification', 'earlierExpiries', '1'),
        'Each renewal moves the expiry by 24 months (R10): after 2025-07-01 comes 2027-07-01.',
      ),
    },
  ],
  [
    'INVALID_DATES: a first expiry not after the issue date',
    () => [cert('id-8', 'IMP-ID-8', { earlierExpiries: ['2023-07-01'] })],
    { 0: one('INVALID_DATES', at(0, 'certification', 'earlierExpiries'), /after the issue date/) },
  ],
  [
    'INVALID_DATES: R10: a current expiry that does not follow the last earlier one',
    () => [cert('id-9', 'IMP-ID-9', { earlierExpiries: ['2025-07-01'], expiresOn: '2027-06-30' })],
    {
      0: one(
        'INVALID_DATES',
        at(0, 'certification', 'expiresOn'),
        'After the earlier expiry 2025-07-01, the current cycle expires on 2027-07-01 (R10).',
      ),
    },
  ],
  [
    'INVALID_DATES: R10: a renewal of 29 Feb expires on 28 Feb, not 1 Mar',
    () => [
      cert('id-10', 'IMP-ID-10', { issuedOn: '2022-02-28', earlierExpiries: ['2024-02-29'], expiresOn: '2026-03-01' }),
    ],
    { 0: one('INVALID_DATES', at(0, 'certification', 'expiresOn'), /expires on 2026-02-28/) },
  ],
  [
    'INVALID_DATES: a current expiry on the issue date',
    () => [cert('id-11', 'IMP-ID-11', { earlierExpiries: null, expiresOn: '2023-07-01' })],
    { 0: one('INVALID_DATES', at(0, 'certification', 'expiresOn'), 'The expiry date must be after the issue date.') },
  ],
  [
    'INVALID_DATES: a CPR/AED card that expires on its issue date',
    () => [cprAedRecord('id-12', BASE, { issuedOn: '2025-09-01', expiresOn: '2025-09-01' })],
    { 0: one('INVALID_DATES', at(0, 'cprAedCredential', 'expiresOn')) },
  ],
  [
    'INVALID_DATES: a petition submitted before its completion',
    () => [petitionRecord('id-13', 'base-event2', { submittedOn: '2025-08-31' })],
    { 0: one('INVALID_DATES', at(0, 'petition', 'submittedOn')) },
  ],
  [
    'INVALID_DATES: a petition decided before it was submitted',
    () => [
      petitionRecord('id-14', 'base-event2', {
        status: 'DENIED',
        decisionReason: 'Off topic.',
        submittedOn: '2025-10-01',
        decidedOn: '2025-09-30',
      }),
    ],
    { 0: one('INVALID_DATES', at(0, 'petition', 'decidedOn')) },
  ],
  [
    'INVALID_DATES: an application for a cycle that is not one of the certification’s',
    () => [applicationRecord('id-15', BASE, { cycleExpiresOn: '2025-06-30', status: 'REFUSED', refusalReason: 'x' })],
    { 0: one('INVALID_DATES', at(0, 'recertificationApplication', 'cycleExpiresOn')) },
  ],
  [
    'INVALID_DATES: an approved application for the current cycle (it would have renewed it)',
    () => [applicationRecord('id-16', BASE, { cycleExpiresOn: '2027-07-01', receivedOn: '2026-06-01' })],
    { 0: one('INVALID_DATES', at(0, 'recertificationApplication', 'cycleExpiresOn'), /earlier expiries/) },
  ],
  [
    'INVALID_DATES: an application received before its cycle started',
    () => [
      applicationRecord('id-17', OLD, {
        cycleExpiresOn: '2025-07-01',
        receivedOn: '2023-07-01',
        status: 'REFUSED',
        refusalReason: 'Too early.',
      }),
    ],
    { 0: one('INVALID_DATES', at(0, 'recertificationApplication', 'receivedOn')) },
  ],
  [
    'INVALID_DATES: an application decided before it was received',
    () => [applicationRecord('id-18', OLD, { receivedOn: '2025-06-01', decidedOn: '2025-05-31' })],
    { 0: one('INVALID_DATES', at(0, 'recertificationApplication', 'decidedOn')) },
  ],

  // FUTURE_DATE: nothing of the history happens after today.
  [
    'FUTURE_DATE: a provider approval period that starts after today',
    () => [providerRecord('fd-1', { approvedPeriods: [{ from: '2026-06-16' }] })],
    { 0: one('FUTURE_DATE', at(0, 'provider', 'approvedPeriods', '0', 'from')) },
  ],
  [
    'FUTURE_DATE: a course approval period that starts after today',
    () => [
      courseRecord('fd-2', 'base-prv', {
        approvalPeriods: [
          { from: '2025-01-01', through: '2025-12-31' },
          { from: '2026-06-16', through: '2026-12-31' },
        ],
      }),
    ],
    { 0: one('FUTURE_DATE', at(0, 'course', 'approvalPeriods', '1', 'from')) },
  ],
  [
    'FUTURE_DATE: a certification issued after today',
    () => [cert('fd-3', 'IMP-FD-3', { issuedOn: '2026-06-16', earlierExpiries: null })],
    { 0: one('FUTURE_DATE', at(0, 'certification', 'issuedOn')) },
  ],
  [
    'FUTURE_DATE: a completion after today',
    () => [completionRecord('fd-4', BASE, 'base-crs', '2026-06-16')],
    { 0: one('FUTURE_DATE', at(0, 'completion', 'completedOn')) },
  ],
  [
    'FUTURE_DATE: a CPR/AED card issued after today',
    () => [cprAedRecord('fd-5', BASE, { issuedOn: '2026-06-16', expiresOn: '2028-06-16' })],
    { 0: one('FUTURE_DATE', at(0, 'cprAedCredential', 'issuedOn')) },
  ],
  [
    'FUTURE_DATE: a petition submitted after today',
    () => [petitionRecord('fd-6', 'base-event2', { submittedOn: '2026-06-16' })],
    { 0: one('FUTURE_DATE', at(0, 'petition', 'submittedOn')) },
  ],
  [
    'FUTURE_DATE: an application received after today (so its decision, on receipt by default, is too)',
    () => [
      applicationRecord('fd-7', BASE, {
        cycleExpiresOn: '2027-07-01',
        receivedOn: '2026-06-16',
        status: 'REFUSED',
        refusalReason: 'x',
      }),
    ],
    {
      0: [
        { code: 'FUTURE_DATE', field: at(0, 'recertificationApplication', 'receivedOn') },
        { code: 'INVALID_DATES', field: at(0, 'recertificationApplication', 'decidedOn') },
      ],
    },
  ],

  // Completions: R3 and the transcript.
  [
    'BEFORE_CERTIFICATION: a completion before the certification was issued',
    () => [completionRecord('bc-1', BASE, 'base-crs', '2023-06-30')],
    { 0: one('BEFORE_CERTIFICATION', at(0, 'completion', 'completedOn')) },
  ],
  [
    'BEFORE_CERTIFICATION: an outside event before the certification was issued',
    () => [eventCompletionRecord('bc-2', BASE, '2023-06-30')],
    { 0: one('BEFORE_CERTIFICATION', at(0, 'completion', 'completedOn')) },
  ],
  [
    'DATE_OUTSIDE_APPROVAL: R3: a provider-reported completion the day before the course’s first approval',
    () => [completionRecord('do-1', BASE, 'base-crs', '2024-02-29', { source: 'PROVIDER_REPORTED' })],
    { 0: one('DATE_OUTSIDE_APPROVAL', at(0, 'completion', 'completedOn'), /Import it as SELF_REPORTED/) },
  ],
  [
    'DATE_OUTSIDE_APPROVAL: R3: a completion without a source is provider-reported',
    () => [completionRecord('do-2', BASE, 'base-crs', '2024-01-15')],
    { 0: one('DATE_OUTSIDE_APPROVAL', at(0, 'completion', 'completedOn')) },
  ],
  [
    'COURSE_NOT_REPORTABLE: a completion of a course that was never approved',
    () => [completionRecord('cn-1', BASE, 'base-pending', '2025-10-10', { source: 'SELF_REPORTED' })],
    { 0: one('COURSE_NOT_REPORTABLE', at(0, 'completion', 'courseExternalId')) },
  ],
  [
    'DUPLICATE_COMPLETION: R5: the same course on the same date twice in one call: the second is refused',
    () => [
      completionRecord('dd-1', BASE, 'base-crs', '2025-10-10'),
      completionRecord('dd-2', BASE, 'base-crs', '2025-10-10', { source: 'SELF_REPORTED' }),
    ],
    { 1: one('DUPLICATE_COMPLETION', at(1, 'completion', 'completedOn')) },
  ],
  [
    'DUPLICATE_COMPLETION: R5: the course and date of an imported transcript entry',
    () => [completionRecord('dd-3', BASE, 'base-crs', '2025-03-10')],
    { 0: one('DUPLICATE_COMPLETION', at(0, 'completion', 'completedOn')) },
  ],
  [
    'DUPLICATE_COMPLETION: R5: the course and date of a transcript entry the trainer self-reported live',
    () => [completionRecord('dd-4', BASE, 'base-crs', '2025-04-04')],
    { 0: one('DUPLICATE_COMPLETION', at(0, 'completion', 'completedOn')) },
  ],
  [
    'OUT_OF_RANGE: an outside event of 0 contact hours',
    () => [
      eventCompletionRecord('or-1', BASE, '2025-10-10', {
        event: { title: 'Nothing', providerName: 'Nobody', contactHours: '0' },
      }),
    ],
    { 0: one('OUT_OF_RANGE', at(0, 'completion', 'event', 'contactHours')) },
  ],

  // Petitions (R6).
  [
    'NO_PETITION_NEEDED: a petition on a completion that counts automatically',
    () => [petitionRecord('np-1', 'base-auto', { submittedOn: '2025-04-01' })],
    { 0: one('NO_PETITION_NEEDED', at(0, 'petition', 'completionExternalId')) },
  ],
  [
    'PETITION_ALREADY_OPEN: a second pending petition on a completion imported with one',
    () => [petitionRecord('po-1', 'base-event', { submittedOn: '2025-08-10' })],
    { 0: one('PETITION_ALREADY_OPEN', at(0, 'petition', 'completionExternalId')) },
  ],
  [
    'PETITION_ALREADY_OPEN: an approved and a pending petition on one completion in one call: the second is refused',
    () => [
      petitionRecord('po-2', 'base-event2', { status: 'APPROVED', submittedOn: '2025-10-01' }),
      petitionRecord('po-3', 'base-event2', { submittedOn: '2025-10-02' }),
    ],
    { 1: one('PETITION_ALREADY_OPEN', at(1, 'petition', 'completionExternalId')) },
  ],
  [
    'OUT_OF_RANGE: R6: an approved petition awarding more than was asked for',
    () => [
      petitionRecord('or-2', 'base-event2', {
        status: 'APPROVED',
        requestedCeu: '0.5',
        awardedCeu: '0.6',
        submittedOn: '2025-10-01',
      }),
    ],
    { 0: one('OUT_OF_RANGE', at(0, 'petition', 'awardedCeu')) },
  ],
  [
    'OUT_OF_RANGE: a petition asking for no CEUs',
    () => [petitionRecord('or-3', 'base-event2', { requestedCeu: '0.00', submittedOn: '2025-10-01' })],
    { 0: one('OUT_OF_RANGE', at(0, 'petition', 'requestedCeu')) },
  ],
  [
    'REQUIRED: R6: a denied petition without its reason',
    () => [petitionRecord('rq-1', 'base-event2', { status: 'DENIED', submittedOn: '2025-10-01' })],
    { 0: one('REQUIRED', at(0, 'petition', 'decisionReason'), 'A denied petition needs its reason.') },
  ],
  [
    'REQUIRED: R6: a denied petition with a blank reason',
    () => [
      petitionRecord('rq-2', 'base-event2', { status: 'DENIED', decisionReason: '   ', submittedOn: '2025-10-01' }),
    ],
    { 0: one('REQUIRED', at(0, 'petition', 'decisionReason')) },
  ],
  [
    'INVALID_INPUT: a pending petition that awards CEUs',
    () => [petitionRecord('pi-1', 'base-event2', { awardedCeu: '0.5', submittedOn: '2025-10-01' })],
    { 0: one('INVALID_INPUT', at(0, 'petition', 'awardedCeu')) },
  ],
  [
    'INVALID_INPUT: a pending petition with a decision date',
    () => [petitionRecord('pi-2', 'base-event2', { submittedOn: '2025-10-01', decidedOn: '2025-10-02' })],
    { 0: one('INVALID_INPUT', at(0, 'petition', 'decidedOn')) },
  ],

  // Applications (R5, R8–R10).
  [
    'REQUIRED: R9: a refused application without its reason',
    () => [applicationRecord('rq-3', BASE, { status: 'REFUSED', receivedOn: '2025-06-10' })],
    {
      0: one(
        'REQUIRED',
        at(0, 'recertificationApplication', 'refusalReason'),
        'A refused application needs its reason.',
      ),
    },
  ],
  [
    'CLOSED: R8: an application received one year after its cycle’s expiry',
    () => [
      cert('cl-cert', 'IMP-CL-1', { issuedOn: '2020-01-10', earlierExpiries: ['2022-01-10', '2024-01-10'] }),
      applicationRecord('cl-app', 'IMP-CL-1', {
        cycleExpiresOn: '2022-01-10',
        receivedOn: '2023-01-10',
        status: 'REFUSED',
        refusalReason: 'Lapsed.',
      }),
    ],
    { 1: one('CLOSED', at(1, 'recertificationApplication', 'receivedOn')) },
  ],
  [
    'ALREADY_APPLIED: a second approved application for a cycle imported with one',
    () => [applicationRecord('aa-1', BASE, { receivedOn: '2025-06-02' })],
    { 0: one('ALREADY_APPLIED', at(0, 'recertificationApplication', 'cycleExpiresOn')) },
  ],
  [
    'ALREADY_APPLIED: two approved applications for one cycle in one call: the second is refused',
    () => [
      applicationRecord('aa-2', OLD, { receivedOn: '2025-06-01' }),
      applicationRecord('aa-3', OLD, { receivedOn: '2025-06-02' }),
    ],
    { 1: one('ALREADY_APPLIED', at(1, 'recertificationApplication', 'cycleExpiresOn')) },
  ],
  [
    'INVALID_INPUT: an application still waiting for its audit',
    () => [applicationRecord('ai-1', OLD, { status: 'AUDIT_PENDING' })],
    { 0: one('INVALID_INPUT', at(0, 'recertificationApplication', 'status')) },
  ],
  [
    'INVALID_INPUT: R5: an application naming a completion outside its cycle',
    () => [
      applicationRecord('ai-2', BASE, {
        cycleExpiresOn: '2027-07-01',
        receivedOn: '2026-06-01',
        status: 'REFUSED',
        refusalReason: 'Short.',
        completionExternalIds: ['base-auto'],
      }),
    ],
    {
      0: one(
        'INVALID_INPUT',
        at(0, 'recertificationApplication', 'completionExternalIds', '0'),
        'This completion is not on the transcript of that cycle (R5).',
      ),
    },
  ],
  [
    'INVALID_INPUT: R5: an application naming a completion of another certification',
    () => [applicationRecord('ai-3', OLD, { completionExternalIds: ['base-event'] })],
    { 0: one('INVALID_INPUT', at(0, 'recertificationApplication', 'completionExternalIds', '0')) },
  ],
  [
    'INVALID_INPUT: R5: an approved application naming a completion an imported approved one used',
    () => [applicationRecord('ai-4', OLD, { completionExternalIds: ['old-event'] })],
    {
      0: one(
        'INVALID_INPUT',
        at(0, 'recertificationApplication', 'completionExternalIds', '0'),
        /already used this completion/,
      ),
    },
  ],
  [
    'INVALID_INPUT: R5: two approved applications of one call naming one completion: the second is refused',
    () => [
      cert('sh-cert', 'IMP-SH-1', { issuedOn: '2021-07-01', earlierExpiries: ['2023-07-01', '2025-07-01'] }),
      eventCompletionRecord('sh-event', 'IMP-SH-1', '2023-08-01'),
      applicationRecord('sh-app1', 'IMP-SH-1', {
        cycleExpiresOn: '2023-07-01',
        receivedOn: '2023-06-01',
        completionExternalIds: ['sh-event'],
      }),
      applicationRecord('sh-app2', 'IMP-SH-1', { completionExternalIds: ['sh-event'] }),
    ],
    { 3: one('INVALID_INPUT', at(3, 'recertificationApplication', 'completionExternalIds', '0')) },
  ],
  [
    'INVALID_INPUT: an application naming one completion twice',
    () => [applicationRecord('ai-5', OLD, { completionExternalIds: ['old-event', 'old-event'] })],
    { 0: one('INVALID_INPUT', at(0, 'recertificationApplication', 'completionExternalIds')) },
  ],

  // Certifications and their holders.
  [
    'EMAIL_TAKEN: a new trainer with the e-mail of an imported one, in another case',
    () => [
      cert('et-1', 'IMP-ET-1', {
        trainer: {
          externalId: 'person-et-1',
          firstName: 'Eve',
          lastName: 'Taken',
          email: 'BASE-CERT@Trainers.example',
        },
      }),
    ],
    { 0: one('EMAIL_TAKEN', at(0, 'certification', 'trainer', 'email')) },
  ],
  [
    'EMAIL_TAKEN: a new trainer with the e-mail of a live trainer',
    (live) => [
      cert('et-2', 'IMP-ET-2', {
        trainer: { externalId: 'person-et-2', firstName: 'Eve', lastName: 'Taken', email: live.email },
      }),
    ],
    { 0: one('EMAIL_TAKEN', at(0, 'certification', 'trainer', 'email')) },
  ],
  [
    'EMAIL_TAKEN: two new trainers of one call with one e-mail: the second is refused',
    () => [
      cert('et-3', 'IMP-ET-3', {
        trainer: { externalId: 'person-et-3', firstName: 'Eve', lastName: 'One', email: 'same@trainers.example' },
      }),
      cert('et-4', 'IMP-ET-4', {
        trainer: { externalId: 'person-et-4', firstName: 'Eve', lastName: 'Two', email: 'same@trainers.example' },
      }),
    ],
    { 1: one('EMAIL_TAKEN', at(1, 'certification', 'trainer', 'email')) },
  ],
  [
    'CERTIFICATION_NUMBER_TAKEN: the number of an imported certification, in lower case',
    () => [cert('nt-1', BASE.toLowerCase())],
    { 0: one('CERTIFICATION_NUMBER_TAKEN', at(0, 'certification', 'number')) },
  ],
  [
    'CERTIFICATION_NUMBER_TAKEN: the number of a live certification',
    (live) => [cert('nt-2', live.number)],
    { 0: one('CERTIFICATION_NUMBER_TAKEN', at(0, 'certification', 'number')) },
  ],
  [
    'CERTIFICATION_NUMBER_TAKEN: two new certifications of one call with one number: the second is refused',
    () => [cert('nt-3', 'IMP-NT-3'), cert('nt-4', 'IMP-NT-3')],
    { 1: one('CERTIFICATION_NUMBER_TAKEN', at(1, 'certification', 'number')) },
  ],
  [
    'ALREADY_CERTIFIED: R12: a second current CPT certification for an imported trainer',
    () => [cert('ac-1', 'IMP-AC-1', { trainer: BASE_TRAINER })],
    { 0: one('ALREADY_CERTIFIED', at(0, 'certification', 'trainer')) },
  ],
  [
    'ALREADY_CERTIFIED: R12: two current certifications of one new trainer in one call: the second is refused',
    () => [
      cert('ac-2', 'IMP-AC-2', { trainer: { ...BASE_TRAINER, externalId: 'person-ac', email: 'ac@trainers.example' } }),
      cert('ac-3', 'IMP-AC-3', { trainer: { ...BASE_TRAINER, externalId: 'person-ac', email: 'ac@trainers.example' } }),
    ],
    { 1: one('ALREADY_CERTIFIED', at(1, 'certification', 'trainer')) },
  ],
  [
    'UNKNOWN_PROGRAM: a certification of a program the ledger does not know',
    () => [cert('up-1', 'IMP-UP-1', { programCode: 'NOPE' })],
    { 0: one('UNKNOWN_PROGRAM', at(0, 'certification', 'programCode'), 'No credential program has the code "NOPE".') },
  ],

  // INVALID_INPUT: the shape of a record.
  ['INVALID_INPUT: a record of no kind', () => [{}], { 0: one('INVALID_INPUT', at(0), /Give one kind of record/) }],
  [
    'INVALID_INPUT: a record of two kinds',
    () => [{ ...providerRecord('two-kinds'), ...courseRecord('two-kinds', 'base-prv') }],
    { 0: one('INVALID_INPUT', at(0), 'Give one kind of record per entry, not provider and course.') },
  ],
  [
    'INVALID_FORMAT: a provider e-mail that is no e-mail address (class-validator)',
    () => [providerRecord('if-1', { contactEmail: 'not-an-email' })],
    { 0: one('INVALID_FORMAT', at(0, 'provider', 'contactEmail')) },
  ],
  [
    'INVALID_FORMAT: a trainer e-mail that is no e-mail address, nested in the certification',
    () => [cert('if-2', 'IMP-IF-2', { trainer: { ...BASE_TRAINER, externalId: 'person-if-2', email: 'dana@' } })],
    { 0: one('INVALID_FORMAT', at(0, 'certification', 'trainer', 'email')) },
  ],
  [
    'INVALID_FORMAT: a provider web site that is not http(s)',
    () => [providerRecord('if-3', { website: 'ftp://provider.example' })],
    { 0: one('INVALID_FORMAT', at(0, 'provider', 'website')) },
  ],
  [
    'INVALID_FORMAT: a course code with a space',
    () => [courseRecord('if-4', 'base-prv', { code: 'BAD CODE' })],
    { 0: one('INVALID_FORMAT', at(0, 'course', 'code')) },
  ],
  [
    'INVALID_FORMAT: a certification number with a slash',
    () => [cert('if-5', 'IMP/5')],
    { 0: one('INVALID_FORMAT', at(0, 'certification', 'number')) },
  ],
  [
    'REQUIRED: a course without topics',
    () => [courseRecord('if-6', 'base-prv', { topics: [] })],
    { 0: one('REQUIRED', at(0, 'course', 'topics')) },
  ],
  [
    'REQUIRED: a blank provider name',
    () => [providerRecord('if-7', { name: '   ' })],
    { 0: one('REQUIRED', at(0, 'provider', 'name')) },
  ],
  [
    'TOO_MANY_ITEMS: a provider with 51 approval periods',
    () => [
      providerRecord('if-8', {
        approvedPeriods: Array.from({ length: 51 }, (_, n) => ({
          from: `${1970 + n}-01-01`,
          through: `${1970 + n}-06-30`,
        })),
        status: 'SUSPENDED',
      }),
    ],
    { 0: one('TOO_MANY_ITEMS', at(0, 'provider', 'approvedPeriods')) },
  ],
  [
    'OUT_OF_RANGE: a course of 0 contact hours',
    () => [courseRecord('or-4', 'base-prv', { contactHours: '0.0' })],
    { 0: one('OUT_OF_RANGE', at(0, 'course', 'contactHours')) },
  ],
  [
    'OUT_OF_RANGE: R2: a course with a CEU value of 0',
    () => [courseRecord('or-5', 'base-prv', { ceuValue: '0.00' })],
    { 0: one('OUT_OF_RANGE', at(0, 'course', 'ceuValue')) },
  ],
  [
    'INVALID_INPUT: a completion of a course and an event at once',
    () => [
      eventCompletionRecord('ci-1', BASE, '2025-10-10', { courseExternalId: 'base-crs', source: 'SELF_REPORTED' }),
    ],
    { 0: one('INVALID_INPUT', at(0, 'completion'), /not both and not neither/) },
  ],
  [
    'INVALID_INPUT: a completion of neither a course nor an event',
    () => [completionRecord('ci-2', BASE, null as never, '2025-10-10')],
    { 0: one('INVALID_INPUT', at(0, 'completion')) },
  ],
  [
    'INVALID_INPUT: a catalogue course imported with source PETITION',
    () => [completionRecord('ci-3', BASE, 'base-crs', '2025-10-10', { source: 'PETITION' })],
    { 0: one('INVALID_INPUT', at(0, 'completion', 'source')) },
  ],
  [
    'INVALID_INPUT: an outside event imported as SELF_REPORTED',
    () => [eventCompletionRecord('ci-4', BASE, '2025-10-10', { source: 'SELF_REPORTED' })],
    { 0: one('INVALID_INPUT', at(0, 'completion', 'source')) },
  ],

  // Status and periods of providers and courses must tell one story (R3, R4).
  [
    'INVALID_INPUT: R3: an APPROVED partner whose approval periods all ended',
    () => [providerRecord('sp-1', { approvedPeriods: [{ from: '2020-01-01', through: '2021-12-31' }] })],
    { 0: one('INVALID_INPUT', at(0, 'provider', 'approvedPeriods'), /still open/) },
  ],
  [
    'INVALID_INPUT: R3: a SUSPENDED provider with an open approval period',
    () => [providerRecord('sp-2', { status: 'SUSPENDED' })],
    { 0: one('INVALID_INPUT', at(0, 'provider', 'approvedPeriods')) },
  ],
  [
    'INVALID_INPUT: R3: a SUSPENDED provider without approval periods',
    () => [providerRecord('sp-3', { status: 'SUSPENDED', approvedPeriods: [] })],
    { 0: one('INVALID_INPUT', at(0, 'provider', 'approvedPeriods'), /was approved once/) },
  ],
  [
    'INVALID_INPUT: R3: a PENDING provider with approval periods',
    () => [
      providerRecord('sp-4', { status: 'PENDING', approvedPeriods: [{ from: '2020-01-01', through: '2020-12-31' }] }),
    ],
    { 0: one('INVALID_INPUT', at(0, 'provider', 'approvedPeriods'), /never approved/) },
  ],
  [
    'INVALID_INPUT: R3: a REJECTED provider with approval periods',
    () => [
      providerRecord('sp-5', { status: 'REJECTED', approvedPeriods: [{ from: '2020-01-01', through: '2020-12-31' }] }),
    ],
    { 0: one('INVALID_INPUT', at(0, 'provider', 'approvedPeriods')) },
  ],
  [
    'INVALID_INPUT: R3: the certifying body is never anything but APPROVED',
    () => [
      providerRecord('sp-6', {
        kind: 'CERTIFYING_BODY',
        status: 'SUSPENDED',
        approvedPeriods: [{ from: '2020-01-01', through: '2020-12-31' }],
      }),
    ],
    { 0: one('INVALID_INPUT', at(0, 'provider', 'status'), 'The certifying body is always APPROVED.') },
  ],
  [
    'INVALID_INPUT: R4: an APPROVED course without approval periods',
    () => [courseRecord('sc-1', 'base-prv', { approvalPeriods: [] })],
    { 0: one('INVALID_INPUT', at(0, 'course', 'approvalPeriods'), /give the periods its approvals covered/) },
  ],
  [
    'INVALID_INPUT: R4: a RETIRED course without approval periods',
    () => [courseRecord('sc-2', 'base-prv', { status: 'RETIRED', approvalPeriods: null })],
    { 0: one('INVALID_INPUT', at(0, 'course', 'approvalPeriods')) },
  ],
  [
    'INVALID_INPUT: R4: a PENDING_REVIEW course with approval periods',
    () => [courseRecord('sc-3', 'base-prv', { status: 'PENDING_REVIEW' })],
    { 0: one('INVALID_INPUT', at(0, 'course', 'approvalPeriods'), /never approved/) },
  ],
  [
    'INVALID_INPUT: R2: a REJECTED course with a CEU value',
    () => [courseRecord('sc-4', 'base-prv', { status: 'REJECTED', approvalPeriods: null, ceuValue: '1.0' })],
    { 0: one('INVALID_INPUT', at(0, 'course', 'ceuValue'), 'Only an approved course has a CEU value.') },
  ],
];

/**
 * Coverage that a suspension or retirement ended: a provider not approved now, or a retired
 * course, covers nothing after today.
 */
const ENDED_COVERAGE_CASES: Case[] = [
  [
    // Its courses would otherwise count automatically (R3) on days after the suspension, which a
    // live suspendProvider (coverage ended on the day) never allows.
    'INVALID_INPUT: R3: a SUSPENDED provider whose approval runs on after today',
    () => [
      providerRecord('sp-7', { status: 'SUSPENDED', approvedPeriods: [{ from: '2020-01-01', through: '2026-12-31' }] }),
    ],
    { 0: one('INVALID_INPUT', at(0, 'provider', 'approvedPeriods')) },
  ],
  [
    // R4: a retired course covers nothing new; completions after its retirement must not count.
    'INVALID_INPUT: R4: a RETIRED course whose approval runs on after today',
    () => [
      courseRecord('sc-5', 'base-prv', {
        status: 'RETIRED',
        approvalPeriods: [{ from: '2026-01-01', through: '2026-12-31' }],
      }),
    ],
    { 0: one('INVALID_INPUT', at(0, 'course', 'approvalPeriods')) },
  ],
];

describe('importRecords: every refusal, by code and field path; a refused call writes nothing', () => {
  let t: TestApp;
  let live: Live;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    await approvedProvider(t, 'Live Partner');
    const trainer = await createTrainer(t);
    const liveTrainer = data(
      await t.gql<{ trainer: { email: string } }>(
        `query($id: ID!) { trainer(id: $id) { email } }`,
        { id: trainer.trainerId },
        'staff',
      ),
    ).trainer;
    live = { email: liveTrainer.email.toUpperCase(), number: trainer.number };
    const results = await imported(t, [
      providerRecord('base-prv'),
      courseRecord('base-crs', 'base-prv'),
      courseRecord('base-pending', 'base-prv', { status: 'PENDING_REVIEW', approvalPeriods: null }),
      certificationRecord('base-cert', BASE, { issuedOn: '2023-07-01', earlierExpiries: ['2025-07-01'] }),
      completionRecord('base-auto', BASE, 'base-crs', '2025-03-10'),
      eventCompletionRecord('base-event', BASE, '2025-08-01'),
      eventCompletionRecord('base-event2', BASE, '2025-09-01'),
      petitionRecord('base-pet-open', 'base-event', { submittedOn: '2025-08-05' }),
      applicationRecord('base-app', BASE, { completionExternalIds: ['base-auto'] }),
      certificationRecord('old-cert', OLD, { issuedOn: '2021-07-01', earlierExpiries: ['2023-07-01', '2025-07-01'] }),
      eventCompletionRecord('old-event', OLD, '2023-08-01'),
      applicationRecord('old-app', OLD, {
        cycleExpiresOn: '2023-07-01',
        receivedOn: '2023-06-01',
        completionExternalIds: ['old-event'],
      }),
    ]);
    const idOf = (externalId: string) => results.find((r) => r.externalId === externalId)?.id as string;
    const holder = await staffNode<{ trainer: { id: string } }>(
      t,
      idOf('base-cert'),
      '... on Certification { trainer { id } }',
    );
    await selfReported(
      t,
      {
        trainerId: holder!.trainer.id,
        certificationId: idOf('base-cert'),
        number: BASE,
        firstName: 'Dana',
        lastName: 'Importbasecert',
      },
      idOf('base-crs'),
      '2025-04-04',
    );
    before = await snapshot(t);
  });
  afterAll(() => t.close());

  const expectRefused = async (records: ImportRecord[], refused: Record<number, Expected[]>) => {
    const out = await importRecords(t, records);
    expect(out.committed).toBe(false);
    expect(out.userErrors.map((e) => [e.code, e.field])).toEqual([['IMPORT_REFUSED', ['input', 'records']]]);
    expect(out.summary.refused).toBe(Object.keys(refused).length);
    for (const result of out.results) {
      const expected = refused[result.index];
      if (!expected) {
        // The others would have been written: CREATED, but with no ID since nothing was.
        expect([result.index, result.status, result.id, result.errors]).toEqual([result.index, 'CREATED', null, []]);
        continue;
      }
      expect([result.index, result.status, result.id]).toEqual([result.index, 'REFUSED', null]);
      expect(errorsOf(result)).toEqual(expected.map(({ code, field }) => ({ code, field })));
      expected.forEach(({ message }, n) => {
        if (message !== undefined) expect(result.errors[n].message).toMatch(message);
      });
    }
    expect(out.results).toHaveLength(records.length);
  };

  test.each([...CASES, ...ENDED_COVERAGE_CASES])('%s', (_name, records, refused) =>
    expectRefused(records(live), refused),
  );

  test('API: none of the refused calls of the table wrote anything', async () => {
    expect(await snapshot(t)).toEqual(before);
  });
});
