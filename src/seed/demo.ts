import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock, timestamp, today } from '../common/clock';
import { fromGlobalId } from '../common/ids';
import { foldName } from '../common/text';
import { RequestContext } from '../context';
import { OpenDatabase } from '../database/data-source';
import { createLoaders } from '../loaders';
import { ApiKey } from '../modules/api-key/api-key.entity';
import { DEMO_KEY_PREFIX, hashSecret } from '../modules/api-key/api-key.hash';
import { CompletionSource } from '../modules/completion/completion.entity';
import { CourseStatus, DeliveryFormat, Topic } from '../modules/course/course.entity';
import { CprAedFormat } from '../modules/cpr-aed/cpr-aed.entity';
import { DecisionLogEntry } from '../modules/decision-log/decision-log.entity';
import { ImportRunner } from '../modules/import/import-runner';
import { PetitionStatus } from '../modules/petition/petition.entity';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from '../modules/policy/policy.entity';
import { policyIn, ProgramCatalog } from '../modules/program/program.facts';
import { Provider, ProviderKind, ProviderStatus } from '../modules/provider/provider.entity';
import { addDays, addMonths, LocalDate, startOfYear, yearOf } from '../rules/calendar';
import { approvalPeriod, endCoverage, Period, renewalPeriod } from '../rules/coverage';
import { buildAppSchema } from '../schema';
import { createServices, resolverContainer } from '../services';

/**
 * The API key of the demo partner Apex Fitness Education: demo data only, published in the README.
 * Its prefix marks it as a demo key, which a production server refuses.
 */
export const DEMO_API_KEY = { prefix: `${DEMO_KEY_PREFIX}apex00`, secret: 'DemoOnlyNeverUseThisKeyOutsideLocalDemo0' };

/** Who the demo's records and decisions are attributed to. */
const DEMO_STAFF = 'demo.reviewer';

type ImportRecord = Record<string, Record<string, unknown>>;

/**
 * Demo data for a new database: the certifying body, partners in every status, a catalogue of
 * courses in every status, and trainers at every point of their cycle with completions from every
 * source, CPR/AED cards and petitions in every state. Dates are relative to today, so the demo
 * always shows the same situations. The records enter through the go-live import, the way real
 * history does; the pending renewal and the audited applications through the live services.
 */
class DemoRecords {
  readonly records: ImportRecord[] = [];

  constructor(readonly today: LocalDate) {}

  day(offset: number): LocalDate {
    return addDays(this.today, offset);
  }

  provider(
    key: string,
    name: string,
    kind: ProviderKind,
    status: ProviderStatus,
    approved: Period | null,
    statusReason: string | null = null,
    programCodes: string[] | null = null,
  ): string {
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    this.records.push({
      provider: {
        externalId: key,
        name,
        kind,
        contactEmail: `ce@${slug}.example`,
        website: `https://${slug}.example`,
        status,
        statusReason,
        approvedPeriods: approved ? [approved] : [],
        programCodes,
      },
    });
    return key;
  }

  /** A course; approved ones are covered from `approvedOn` and renewed every year since. */
  course(
    providerKey: string,
    code: string,
    title: string,
    topics: Topic[],
    deliveryFormat: DeliveryFormat,
    hours: number,
    status: CourseStatus,
    options: {
      approvedOn?: LocalDate;
      ceu?: string;
      retiredOn?: LocalDate;
      reason?: string;
      /** The programs it is approved for, with their values; default the CPT with `ceu`. */
      programs?: { programCode: string; ceuValue?: string; categoryCode?: string }[];
    } = {},
  ): string {
    let periods: Period[] = [];
    if (options.approvedOn) {
      periods = [approvalPeriod(options.approvedOn)];
      for (let year = yearOf(options.approvedOn) + 1; year <= yearOf(this.today); year++) {
        periods.push(renewalPeriod(year, startOfYear(year)) as Period);
      }
      if (options.retiredOn) periods = endCoverage(periods, options.retiredOn);
    }
    this.records.push({
      course: {
        externalId: code,
        providerExternalId: providerKey,
        code,
        title,
        description: `${title}: a continuing-education course for certified personal trainers.`,
        topics,
        deliveryFormat,
        contactHours: hours.toFixed(1),
        ceuValue: options.programs ? null : (options.ceu ?? null),
        programs: options.programs ?? null,
        status,
        decisionReason: options.reason ?? null,
        approvalPeriods: periods,
      },
    });
    return code;
  }

  /**
   * A trainer with a certification expiring on `expiresOn`, `renewed` once before: of the CPT
   * unless `program` says otherwise; `person` names the holder of another certification.
   */
  trainer(
    first: string,
    last: string,
    number: string,
    expiresOn: LocalDate,
    renewed: boolean,
    options: { program?: string; person?: string } = {},
  ): string {
    const earlier = addMonths(expiresOn, -24);
    this.records.push({
      certification: {
        externalId: number,
        programCode: options.program ?? null,
        trainer: {
          externalId: options.person ?? `person-${number}`,
          firstName: first,
          lastName: last,
          email: `${foldName(first)}.${foldName(last).replace(/[^a-z]/g, '')}@trainers.example`,
        },
        number,
        issuedOn: renewed ? addMonths(earlier, -24) : earlier,
        earlierExpiries: renewed ? [earlier] : [],
        expiresOn: renewed ? null : expiresOn,
      },
    });
    return number;
  }

  completion(number: string, course: string, completedOn: LocalDate, source: CompletionSource): string {
    const externalId = `${number}/${course}/${completedOn}`;
    this.records.push({
      completion: { externalId, certificationNumber: number, courseExternalId: course, completedOn, source },
    });
    return externalId;
  }

  /** A petition; for an outside event (`event`) the transcript entry is imported with it. */
  petition(
    number: string,
    target:
      | { completion: string }
      | { event: { title: string; providerName: string; completedOn: LocalDate; hours: number } },
    status: PetitionStatus,
    decisionReason: string | null = null,
  ): void {
    let completion: string;
    if ('event' in target) {
      const { title, providerName, completedOn, hours } = target.event;
      completion = `${number}/event/${title}`;
      this.records.push({
        completion: {
          externalId: completion,
          certificationNumber: number,
          event: { title, providerName, contactHours: hours.toFixed(1) },
          completedOn,
          source: 'PETITION',
        },
      });
    } else {
      completion = target.completion;
    }
    this.records.push({
      petition: {
        externalId: `petition/${completion}`,
        completionExternalId: completion,
        status,
        justification: 'The content matches the CPT scope of practice; certificate of attendance attached.',
        decisionReason,
        submittedOn: this.today,
      },
    });
  }

  cprAed(number: string, issuedOn: LocalDate, format: CprAedFormat, coversAed = true): void {
    this.records.push({
      cprAedCredential: {
        externalId: `card/${number}/${issuedOn}`,
        certificationNumber: number,
        issuer: format === 'ONLINE_ONLY' ? 'CPR Online Now' : 'American Red Cross',
        cardNumber: `RC-${number.replace(/\D/g, '')}-${issuedOn.replace(/-/g, '')}`,
        issuedOn,
        expiresOn: addMonths(issuedOn, 24),
        coversAdultCpr: true,
        coversAed,
        format,
      },
    });
  }
}

function demoRecords(today: LocalDate): DemoRecords {
  const d = new DemoRecords(today);
  const longAgo = d.day(-3650);
  const nasm = d.provider(
    'nasm',
    'National Academy of Sports Medicine',
    'CERTIFYING_BODY',
    'APPROVED',
    { from: longAgo, through: null },
    null,
    ['CPT', 'GFI'],
  );
  // Apex is on both lists: the personal-trainer one and the group-fitness one.
  const apex = d.provider(
    'apex',
    'Apex Fitness Education',
    'PARTNER',
    'APPROVED',
    { from: d.day(-1100), through: null },
    null,
    ['CPT', 'GFI'],
  );
  const coastal = d.provider('coastal', 'Coastal Strength Academy', 'PARTNER', 'APPROVED', {
    from: d.day(-800),
    through: null,
  });
  const mindful = d.provider('mindful', 'Mindful Movement Institute', 'PARTNER', 'PENDING', null);
  const iron = d.provider(
    'iron',
    'Iron Valley Seminars',
    'PARTNER',
    'SUSPENDED',
    { from: d.day(-1000), through: d.day(-120) },
    'Completion records could not be substantiated during the annual review.',
  );
  d.provider(
    'quickcert',
    'QuickCert Online',
    'PARTNER',
    'REJECTED',
    null,
    'Course content outside the scope of practice.',
  );

  const c = {
    cpt: d.course(
      nasm,
      'NASM-CES',
      'Corrective Exercise Specialist',
      ['CORRECTIVE_EXERCISE', 'EXERCISE_SCIENCE'],
      'SELF_PACED_ONLINE',
      19,
      'APPROVED',
      { approvedOn: d.day(-1500), ceu: '1.9' },
    ),
    pes: d.course(
      nasm,
      'NASM-PES',
      'Performance Enhancement Specialist',
      ['PERFORMANCE'],
      'SELF_PACED_ONLINE',
      19,
      'APPROVED',
      { approvedOn: d.day(-1500), ceu: '1.9' },
    ),
    cnc: d.course(
      nasm,
      'NASM-CNC',
      'Certified Nutrition Coach',
      ['NUTRITION', 'BEHAVIOR_CHANGE'],
      'SELF_PACED_ONLINE',
      19,
      'APPROVED',
      { approvedOn: d.day(-1500), ceu: '1.9' },
    ),
    youth: d.course(
      nasm,
      'NASM-YES',
      'Youth Exercise Specialist',
      ['SPECIAL_POPULATIONS'],
      'SELF_PACED_ONLINE',
      10,
      'APPROVED',
      { approvedOn: d.day(-900) },
    ),
    senior: d.course(
      nasm,
      'NASM-SFS',
      'Senior Fitness Specialist',
      ['SPECIAL_POPULATIONS'],
      'SELF_PACED_ONLINE',
      10,
      'APPROVED',
      { approvedOn: d.day(-900) },
    ),
    kettle: d.course(
      apex,
      'APX-101',
      'Kettlebell Fundamentals',
      ['PROGRAM_DESIGN', 'PERFORMANCE'],
      'IN_PERSON',
      8,
      'APPROVED',
      // 0.8 CEU for the CPT, 8.0 for the group fitness instructor (1 contact hour = 1 CEU).
      {
        approvedOn: d.day(-1000),
        programs: [{ programCode: 'CPT' }, { programCode: 'GFI', categoryCode: 'INSTRUCTION' }],
      },
    ),
    mobility: d.course(
      apex,
      'APX-205',
      'Mobility and Recovery Strategies',
      ['RECOVERY'],
      'LIVE_ONLINE',
      6,
      'APPROVED',
      { approvedOn: d.day(-700) },
    ),
    prenatal: d.course(
      apex,
      'APX-310',
      'Pre- and Post-natal Training',
      ['SPECIAL_POPULATIONS'],
      'HYBRID',
      12,
      'APPROVED',
      { approvedOn: d.day(-500) },
    ),
    coaching: d.course(
      apex,
      'APX-120',
      'Motivational Interviewing for Trainers',
      ['BEHAVIOR_CHANGE'],
      'LIVE_ONLINE',
      5,
      'APPROVED',
      { approvedOn: d.day(-400) },
    ),
    business: d.course(
      apex,
      'APX-400',
      'Building a Personal Training Business',
      ['BUSINESS'],
      'SELF_PACED_ONLINE',
      4,
      'APPROVED',
      {
        approvedOn: d.day(-300),
        programs: [
          { programCode: 'CPT', ceuValue: '0.3' },
          { programCode: 'GFI', categoryCode: 'PROFESSIONAL' },
        ],
      },
    ),
    oldHiit: d.course(
      apex,
      'APX-099',
      'HIIT Programming (2019 edition)',
      ['PROGRAM_DESIGN'],
      'IN_PERSON',
      6,
      'RETIRED',
      { approvedOn: d.day(-1050), retiredOn: d.day(-200), reason: 'Replaced by a new edition.' },
    ),
    draft: d.course(
      apex,
      'APX-500',
      'Sport Psychology Basics',
      ['BEHAVIOR_CHANGE'],
      'LIVE_ONLINE',
      6,
      'PENDING_REVIEW',
    ),
    olympic: d.course(
      coastal,
      'CSA-OLY',
      'Olympic Lifting Technique',
      ['PERFORMANCE', 'PROGRAM_DESIGN'],
      'IN_PERSON',
      16,
      'APPROVED',
      { approvedOn: d.day(-750) },
    ),
    assess: d.course(
      coastal,
      'CSA-FMA',
      'Functional Movement Assessment',
      ['CORRECTIVE_EXERCISE'],
      'HYBRID',
      7.5,
      'APPROVED',
      { approvedOn: d.day(-600) },
    ),
    nutrition: d.course(
      coastal,
      'CSA-NUT',
      'Sports Nutrition Essentials',
      ['NUTRITION'],
      'SELF_PACED_ONLINE',
      10,
      'APPROVED',
      { approvedOn: d.day(-450) },
    ),
    anatomy: d.course(
      coastal,
      'CSA-ANA',
      'Applied Functional Anatomy',
      ['EXERCISE_SCIENCE'],
      'LIVE_ONLINE',
      9,
      'APPROVED',
      { approvedOn: d.day(-250) },
    ),
    detox: d.course(
      coastal,
      'CSA-DTX',
      'Detox Cleanses for Clients',
      ['NUTRITION'],
      'SELF_PACED_ONLINE',
      3,
      'REJECTED',
      { reason: 'Outside the scope of practice.' },
    ),
    groupEx: d.course(
      coastal,
      'CSA-GRP',
      'Small Group Training Design',
      ['PROGRAM_DESIGN', 'BUSINESS'],
      'IN_PERSON',
      6,
      'PENDING_REVIEW',
    ),
    yoga: d.course(mindful, 'MMI-YOG', 'Yoga for Strength Coaches', ['RECOVERY'], 'IN_PERSON', 10, 'PENDING_REVIEW'),
    breath: d.course(mindful, 'MMI-BRE', 'Breathwork and Recovery', ['RECOVERY'], 'LIVE_ONLINE', 4, 'PENDING_REVIEW'),
    ironBoot: d.course(iron, 'IVS-BTC', 'Bootcamp Leadership', ['PROGRAM_DESIGN'], 'IN_PERSON', 8, 'APPROVED', {
      approvedOn: d.day(-900),
    }),
    ironStr: d.course(
      iron,
      'IVS-STR',
      'Strongman Training for the General Population',
      ['PERFORMANCE'],
      'IN_PERSON',
      6,
      'APPROVED',
      { approvedOn: d.day(-800) },
    ),
    // The group fitness list (added after the personal-trainer catalogue).
    groupRefresher: d.course(
      nasm,
      'AFAA-PGF',
      'Group Fitness Instructor Refresher',
      ['PROGRAM_DESIGN', 'EXERCISE_SCIENCE'],
      'LIVE_ONLINE',
      4,
      'APPROVED',
      {
        approvedOn: d.day(-700),
        programs: [{ programCode: 'CPT' }, { programCode: 'GFI', categoryCode: 'INSTRUCTION' }],
      },
    ),
    groupSafety: d.course(
      nasm,
      'AFAA-SAF',
      'Group Exercise Safety and Science',
      ['EXERCISE_SCIENCE'],
      'SELF_PACED_ONLINE',
      3,
      'APPROVED',
      { approvedOn: d.day(-600), programs: [{ programCode: 'GFI', categoryCode: 'SCIENCE' }] },
    ),
    cycling: d.course(
      apex,
      'APX-GCY',
      'Choreography for Group Cycling',
      ['PROGRAM_DESIGN'],
      'IN_PERSON',
      5,
      'APPROVED',
      { approvedOn: d.day(-500), programs: [{ programCode: 'GFI', categoryCode: 'INSTRUCTION' }] },
    ),
  };

  const t = {
    maria: d.trainer('Maria', 'Lopez', 'CPT-1000001', d.day(300), true),
    james: d.trainer('James', 'Carter', 'CPT-1000002', d.day(30), true),
    aisha: d.trainer('Aisha', 'Khan', 'CPT-1000003', d.day(-20), true),
    tom: d.trainer('Tom', 'Becker', 'CPT-1000004', d.day(-150), false),
    lena: d.trainer('Lena', 'Novak', 'CPT-1000005', d.day(-400), false),
    kenji: d.trainer('Kenji', 'Watanabe', 'CPT-1000006', d.day(670), false),
    sofia: d.trainer('Sofia', 'Rossi', 'CPT-1000007', d.day(600), true),
    daniel: d.trainer('Daniel', "O'Brien", 'CPT-1000008', d.day(90), true),
    chloe: d.trainer('Chloé', 'Dubois', 'CPT-1000009', d.day(200), false),
    marcus: d.trainer('Marcus', 'Johnson', 'CPT-1000010', d.day(10), true),
    priya: d.trainer('Priya', 'Sharma', 'CPT-1000011', d.day(450), false),
    ethan: d.trainer('Ethan', 'Miller', 'CPT-1000012', d.day(45), true),
    grace: d.trainer('Grace', 'Lee', 'CPT-1000013', d.day(25), true),
    omar: d.trainer('Omar', 'Haddad', 'CPT-1000014', d.day(-5), true),
    // Group fitness instructors: Nadia holds that credential alone, Tom both.
    nadia: d.trainer('Nadia', 'Petrova', 'GFI-2000001', d.day(120), false, { program: 'GFI' }),
    tomGfi: d.trainer('Tom', 'Becker', 'GFI-2000002', d.day(400), false, {
      program: 'GFI',
      person: 'person-CPT-1000004',
    }),
  };

  // Maria: well along, most of it reported by providers.
  d.completion(t.maria, c.cpt, d.day(-200), 'PROVIDER_REPORTED');
  d.completion(t.maria, c.kettle, d.day(-150), 'PROVIDER_REPORTED');
  const mariaSelf = d.completion(t.maria, c.oldHiit, d.day(-100), 'SELF_REPORTED');
  d.petition(t.maria, { completion: mariaSelf }, 'WITHDRAWN', 'Took the new edition instead.');
  d.cprAed(t.maria, d.day(-300), 'IN_PERSON');
  // James: requirement met, ready to apply.
  d.completion(t.james, c.pes, d.day(-500), 'PROVIDER_REPORTED');
  d.completion(t.james, c.mobility, d.day(-90), 'SELF_REPORTED');
  d.cprAed(t.james, d.day(-200), 'BLENDED');
  // Aisha: expired 20 days ago, in the late window, nearly done.
  d.completion(t.aisha, c.cnc, d.day(-400), 'PROVIDER_REPORTED');
  d.completion(t.aisha, c.coaching, d.day(-30), 'PROVIDER_REPORTED');
  d.cprAed(t.aisha, d.day(-100), 'IN_PERSON');
  // Tom: expired 150 days ago, late with the additional fee.
  d.completion(t.tom, c.kettle, d.day(-300), 'PROVIDER_REPORTED');
  d.cprAed(t.tom, d.day(-400), 'IN_PERSON');
  // Lena: lapsed more than a year ago.
  d.completion(t.lena, c.olympic, d.day(-600), 'PROVIDER_REPORTED');
  // Kenji: new certification, nothing yet.
  d.cprAed(t.kenji, d.day(-70), 'IN_PERSON');
  // Sofia: petitions in every state but withdrawn.
  d.completion(t.sofia, c.assess, d.day(-60), 'PROVIDER_REPORTED');
  const event = (title: string, providerName: string, daysAgo: number, hours: number) => ({
    event: { title, providerName, completedOn: d.day(-daysAgo), hours },
  });
  d.petition(t.sofia, event('Kettlebell Sport Camp', 'Nordic Lifting Club', 40, 12), 'PENDING');
  d.petition(
    t.sofia,
    event('Strength Coaching Conference 2026', 'European Strength Forum', 80, 8),
    'APPROVED',
    'Speakers and content within scope.',
  );
  d.petition(
    t.sofia,
    event('Crystal Healing for Athletes', 'Aura Wellness', 70, 5),
    'DENIED',
    'Not evidence-based; outside the scope of practice.',
  );
  d.cprAed(t.sofia, d.day(-50), 'IN_PERSON');
  // Daniel: CPR/AED card expired.
  d.completion(t.daniel, c.cpt, d.day(-400), 'PROVIDER_REPORTED');
  d.cprAed(t.daniel, d.day(-800), 'IN_PERSON');
  // Chloé: online-only CPR/AED; reported under her accented name.
  d.completion(t.chloe, c.nutrition, d.day(-120), 'PROVIDER_REPORTED');
  d.completion(t.chloe, c.anatomy, d.day(-45), 'SELF_REPORTED');
  d.cprAed(t.chloe, d.day(-90), 'ONLINE_ONLY');
  // Marcus: expires in 10 days, short on CEUs, no CPR/AED card.
  d.completion(t.marcus, c.business, d.day(-200), 'PROVIDER_REPORTED');
  d.completion(t.marcus, c.youth, d.day(-150), 'SELF_REPORTED');
  // Priya: a self-reported course of the suspended provider, petitioned and denied.
  const priyaSelf = d.completion(t.priya, c.ironStr, d.day(-60), 'SELF_REPORTED');
  d.petition(t.priya, { completion: priyaSelf }, 'DENIED', 'Provider suspended; no evidence of attendance.');
  d.completion(t.priya, c.senior, d.day(-30), 'PROVIDER_REPORTED');
  d.cprAed(t.priya, d.day(-20), 'IN_PERSON', false);
  // Ethan: the suspended provider's course before (automatic) and after (petition) the suspension.
  d.completion(t.ethan, c.ironBoot, d.day(-300), 'PROVIDER_REPORTED');
  d.completion(t.ethan, c.ironStr, d.day(-100), 'SELF_REPORTED');
  d.completion(t.ethan, c.prenatal, d.day(-200), 'PROVIDER_REPORTED');
  d.cprAed(t.ethan, d.day(-365), 'IN_PERSON');
  // Grace: applies ten days ago and is drawn for an audit (see below).
  d.completion(t.grace, c.cnc, d.day(-300), 'PROVIDER_REPORTED');
  d.completion(t.grace, c.mobility, d.day(-120), 'PROVIDER_REPORTED');
  d.cprAed(t.grace, d.day(-150), 'IN_PERSON');
  // Omar: drawn for an audit 40 days ago and has sent nothing: overdue.
  d.completion(t.omar, c.pes, d.day(-450), 'PROVIDER_REPORTED');
  d.cprAed(t.omar, d.day(-250), 'BLENDED');
  // Nadia (GFI): 15 CEUs earned, 3 of the business course's 4 counted (PROFESSIONAL is capped at
  // 3.0), instruction and professional development used, 4.0 from the body's own courses.
  d.completion(t.nadia, c.groupRefresher, d.day(-400), 'PROVIDER_REPORTED');
  d.completion(t.nadia, c.kettle, d.day(-300), 'PROVIDER_REPORTED');
  d.completion(t.nadia, c.business, d.day(-200), 'SELF_REPORTED');
  d.cprAed(t.nadia, d.day(-100), 'IN_PERSON');
  // Tom's kettlebell course counts for both his credentials, at each one's value.
  d.completion(t.tomGfi, c.kettle, d.day(-300), 'PROVIDER_REPORTED');
  return d;
}

/** A decision of the demo's reviewer, for the demo's policy and key (the import logs its own). */
function logDemoDecision(
  em: EntityManager,
  now: string,
  action: string,
  subjectType: string,
  subjectId: number,
  reason: string | null,
  details: Record<string, unknown> = {},
) {
  return em.insert(DecisionLogEntry, {
    occurredAt: now,
    actorType: 'STAFF',
    actorId: DEMO_STAFF,
    action,
    subjectType,
    subjectId,
    reason,
    details: details as never,
  });
}

/** The program's settings, fee schedule and a hands-on waiver: policy, not history. */
async function writePolicy(db: OpenDatabase, now: string): Promise<void> {
  await db.uow.run(async (em) => {
    const log = (action: string, subjectType: string, subjectId: number, reason: string | null) =>
      logDemoDecision(em, now, action, subjectType, subjectId, reason);
    // The CPT's standard fees, as a schedule from 2020 (the programs come with the migrations).
    const cpt = policyIn((await ProgramCatalog.read(em)).of('CPT'), '2020-01-01');
    const fees = await em.insert(FeeScheduleEntry, {
      programCode: 'CPT',
      effectiveFrom: '2020-01-01',
      currencyCode: cpt.currencyCode,
      recertificationFeeCents: cpt.recertificationFee,
      lateFeeCents: cpt.lateFee,
      additionalFeeCents: cpt.additionalFee,
      createdAt: now,
    });
    await log('FEE_SCHEDULE_SET', 'FeeScheduleEntry', fees.identifiers[0].id as number, 'Standard fees.');
    const waiver = await em.insert(HandsOnWaiverPeriod, {
      programCode: 'CPT',
      startsOn: '2020-03-16',
      liftedOn: '2021-06-30',
      reason: 'Public-health restrictions on in-person classes.',
      updatedAt: now,
    });
    await log('HANDS_ON_WAIVER_DECLARED', 'HandsOnWaiverPeriod', waiver.identifiers[0].id as number, null);
  });
}

/** The demo partner's published key: a fixed secret, which `createApiKey` never hands out. */
export async function writeDemoKey(db: OpenDatabase, providerId: number, now: string): Promise<void> {
  await db.uow.run(async (em) => {
    const { identifiers } = await em.insert(ApiKey, {
      providerId,
      prefix: DEMO_API_KEY.prefix,
      secretHash: await hashSecret(DEMO_API_KEY.secret),
      label: 'Demo key (published in the README)',
      createdBy: DEMO_STAFF,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    });
    await logDemoDecision(em, now, 'API_KEY_CREATED', 'ApiKey', identifiers[0].id as number, null, {
      prefix: DEMO_API_KEY.prefix,
    });
  });
}

export async function seedDemo(db: OpenDatabase, clock: Clock): Promise<void> {
  const day = today(clock);
  const now = timestamp(clock);
  // Applications here are always drawn for audit: the demo shows audits waiting and overdue.
  const services = createServices(db, { next: () => 0 });
  const runner = new ImportRunner(await buildAppSchema(resolverContainer(services)), db, clock, DEMO_STAFF);
  await writePolicy(db, now);
  const { records } = demoRecords(day);
  const answer = await runner.send(records);
  if (!answer.committed) {
    const refused = answer.results.filter((r) => r.status === 'REFUSED');
    throw new Error(`The demo data was refused by the import: ${JSON.stringify(refused.slice(0, 5))}`);
  }
  const idOf = (externalId: string) => answer.results.find((r) => r.externalId === externalId)?.id as string;
  const apexId = fromGlobalId('Provider', idOf('apex')) as number;
  await writeDemoKey(db, apexId, now);
  const context = (identity: RequestContext['identity'], on: LocalDate): RequestContext => ({
    requestId: randomUUID(),
    identity,
    loaders: createLoaders(db.reader),
    today: on,
    now: `${on}T10:00:00.000Z`,
  });
  // Apex has asked to renew its pre-natal course for next year; staff have not confirmed yet.
  await services.courses.renew(context({ kind: 'PROVIDER', providerId: apexId }, day), { courseId: idOf('APX-310') });
  // Grace applied ten days ago and Omar forty: both were drawn for an audit.
  const staff = { kind: 'STAFF' as const, staffId: DEMO_STAFF };
  for (const [number, daysAgo] of [
    ['CPT-1000013', 10],
    ['CPT-1000014', 40],
  ] as const) {
    await services.recertification.submit(context(staff, addDays(day, -daysAgo)), {
      certificationId: idOf(number),
    });
  }
}

/** Fills the database with demo data when it has no provider yet. */
export async function seedDemoIfEmpty(db: OpenDatabase, clock: Clock): Promise<boolean> {
  if ((await db.reader.count(Provider)) > 0) return false;
  await seedDemo(db, clock);
  return true;
}
