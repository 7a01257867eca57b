import { EntityManager } from 'typeorm';
import { Clock, today, timestamp } from '../common/clock';
import { Database } from '../database/database';
import { Completion, CompletionSource } from '../modules/completion/completion.entity';
import {
  Course,
  CourseApprovalPeriod,
  CourseStatus,
  CourseTopic,
  DeliveryFormat,
  Topic,
} from '../modules/course/course.entity';
import { CprAedCredential, CprAedFormat } from '../modules/cpr-aed/cpr-aed.entity';
import { DecisionLogEntry } from '../modules/decision-log/decision-log.entity';
import { Petition, PetitionStatus } from '../modules/petition/petition.entity';
import { Provider, ProviderApprovalPeriod, ProviderKind, ProviderStatus } from '../modules/provider/provider.entity';
import { Certification, Trainer } from '../modules/trainer/trainer.entity';
import { foldName } from '../common/text';
import { courseSearchText } from '../modules/course/course.service';
import { addDays, addMonths, LocalDate, startOfYear, yearOf } from '../rules/calendar';
import { approvalPeriod, decideCreditPath, endCoverage, Period, renewalPeriod } from '../rules/coverage';
import { CPT_DEFAULT_POLICY } from '../rules/policy';
import { ceuFromContactHours, formatCeu } from '../rules/units';
import { DEFAULT_FEE_SCHEDULE, feeQuote, windowPhase } from '../rules/recertification';
import { Audit } from '../modules/audit/audit.entity';
import { ApiKey } from '../modules/api-key/api-key.entity';
import { hashSecret } from '../modules/api-key/api-key.hash';
import { FeeScheduleEntry, HandsOnWaiverPeriod, ProgramPolicyRow } from '../modules/policy/policy.entity';
import { ApplicationCompletion, RecertificationApplication } from '../modules/recertification/recertification.entity';

/** The API key of the demo partner Apex Fitness Education: demo data only, published in the README. */
export const DEMO_API_KEY = { prefix: 'ceu_live_DEMOapex00', secret: 'DemoOnlyNeverUseThisKeyOutsideLocalDemo0' };

/**
 * Demo data for a new database: the certifying body, partners in every status, a catalogue of
 * courses in every status, and trainers at every point of their cycle with completions from every
 * source, CPR/AED cards and petitions in every state. Dates are relative to today, so the demo
 * always shows the same situations.
 */
class DemoBuilder {
  readonly today: LocalDate;
  readonly now: string;
  private readonly providerPeriods = new Map<number, Period[]>();
  private readonly providerKinds = new Map<number, ProviderKind>();
  private readonly coursePeriods = new Map<number, Period[]>();
  private readonly courses = new Map<number, Course>();

  constructor(
    private readonly em: EntityManager,
    clock: Clock,
  ) {
    this.today = today(clock);
    this.now = timestamp(clock);
  }

  day(offset: number): LocalDate {
    return addDays(this.today, offset);
  }

  private async log(action: string, subjectType: string, subjectId: number, reason: string | null, details = {}) {
    await this.em.insert(DecisionLogEntry, {
      occurredAt: this.now,
      actorType: 'STAFF',
      actorId: 'demo.reviewer',
      action,
      subjectType,
      subjectId,
      reason,
      details,
    });
  }

  async provider(
    name: string,
    kind: ProviderKind,
    status: ProviderStatus,
    approved: { from: LocalDate; through: LocalDate | null } | null,
    reason: string | null = null,
  ): Promise<number> {
    const { identifiers } = await this.em.insert(Provider, {
      kind,
      name,
      nameKey: foldName(name),
      contactEmail: `ce@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      website: `https://${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      status,
      statusReason: reason,
      createdAt: this.now,
      updatedAt: this.now,
    });
    const id = identifiers[0].id as number;
    this.providerKinds.set(id, kind);
    this.providerPeriods.set(id, approved ? [approved] : []);
    if (approved) await this.em.insert(ProviderApprovalPeriod, { providerId: id, ...approved });
    if (status !== 'PENDING') await this.log(`PROVIDER_${status}`, 'Provider', id, reason);
    return id;
  }

  /** A course; approved ones are covered from `approvedOn` and renewed every year since. */
  async course(
    providerId: number,
    code: string,
    title: string,
    topics: Topic[],
    format: DeliveryFormat,
    hours: number,
    status: CourseStatus,
    options: {
      approvedOn?: LocalDate;
      ceu?: number;
      retiredOn?: LocalDate;
      renewalYear?: number;
      reason?: string;
    } = {},
  ): Promise<number> {
    const tenths = Math.round(hours * 10);
    let periods: Period[] = [];
    if (options.approvedOn) {
      periods = [approvalPeriod(options.approvedOn)];
      for (let year = yearOf(options.approvedOn) + 1; year <= yearOf(this.today); year++) {
        periods.push(renewalPeriod(year, startOfYear(year)) as Period);
      }
      if (options.retiredOn) periods = endCoverage(periods, options.retiredOn);
    }
    const { identifiers } = await this.em.insert(Course, {
      providerId,
      code,
      title,
      searchText: courseSearchText(code, title),
      description: `${title}: a continuing-education course for certified personal trainers.`,
      deliveryFormat: format,
      contactHourTenths: tenths,
      ceuHundredths: options.approvedOn ? (options.ceu ?? ceuFromContactHours(tenths)) : null,
      status,
      decisionReason: options.reason ?? null,
      renewalYear: options.renewalYear ?? null,
      createdAt: this.now,
      updatedAt: this.now,
    });
    const id = identifiers[0].id as number;
    await this.em.insert(
      CourseTopic,
      topics.map((topic) => ({ courseId: id, topic })),
    );
    for (const p of periods)
      await this.em.insert(CourseApprovalPeriod, { courseId: id, from: p.from, through: p.through as string });
    if (status === 'APPROVED' || status === 'RETIRED')
      await this.log('COURSE_APPROVED', 'Course', id, null, { periods });
    if (status === 'REJECTED') await this.log('COURSE_REJECTED', 'Course', id, options.reason ?? null);
    this.coursePeriods.set(id, periods);
    this.courses.set(id, (await this.em.findOneByOrFail(Course, { id })) as Course);
    return id;
  }

  async trainer(first: string, last: string, number: string, expiresOn: LocalDate, renewed: boolean): Promise<number> {
    const { identifiers } = await this.em.insert(Trainer, {
      firstName: first,
      lastName: last,
      email: `${foldName(first)}.${foldName(last).replace(/[^a-z]/g, '')}@trainers.example`,
      createdAt: this.now,
    });
    const trainerId = identifiers[0].id as number;
    const cycleStartsOn = renewed ? addDays(addMonths(expiresOn, -24), 1) : addMonths(expiresOn, -24);
    const { identifiers: certs } = await this.em.insert(Certification, {
      trainerId,
      programCode: 'CPT',
      number,
      issuedOn: renewed ? addMonths(expiresOn, -48) : cycleStartsOn,
      cycleStartsOn,
      expiresOn,
      createdAt: this.now,
    });
    return certs[0].id as number;
  }

  async completion(
    certificationId: number,
    courseId: number,
    completedOn: LocalDate,
    source: CompletionSource,
  ): Promise<number> {
    const course = this.courses.get(courseId) as Course;
    const decision = decideCreditPath(
      {
        providerKind: this.providerKinds.get(course.providerId) as ProviderKind,
        providerPeriods: this.providerPeriods.get(course.providerId) ?? [],
        coursePeriods: this.coursePeriods.get(courseId) ?? [],
      },
      completedOn,
    );
    const provider = await this.em.findOneByOrFail(Provider, { id: course.providerId });
    const { identifiers } = await this.em.insert(Completion, {
      certificationId,
      courseId,
      completedOn,
      source,
      creditPath: decision.path,
      creditReason: decision.reason,
      ceuHundredths: decision.path === 'AUTOMATIC' ? (course.ceuHundredths ?? 0) : 0,
      title: course.title,
      providerName: provider.name,
      contactHourTenths: course.contactHourTenths,
      reportedByProviderId: source === 'PROVIDER_REPORTED' ? course.providerId : null,
      providerConfirmed: source === 'PROVIDER_REPORTED',
      externalRef: null,
      createdAt: this.now,
    });
    return identifiers[0].id as number;
  }

  /** A petition; for an outside event (`event`) the transcript entry is created with it. */
  async petition(
    certificationId: number,
    target:
      | { completionId: number }
      | { event: { title: string; providerName: string; completedOn: LocalDate; hours: number } },
    status: PetitionStatus,
    reason: string | null = null,
  ): Promise<void> {
    let completionId: number;
    let tenths: number;
    if ('event' in target) {
      tenths = Math.round(target.event.hours * 10);
      const { identifiers } = await this.em.insert(Completion, {
        certificationId,
        courseId: null,
        completedOn: target.event.completedOn,
        source: 'PETITION',
        creditPath: 'PETITION_REQUIRED',
        creditReason: 'NOT_IN_CATALOGUE',
        ceuHundredths: 0,
        title: target.event.title,
        providerName: target.event.providerName,
        contactHourTenths: tenths,
        reportedByProviderId: null,
        providerConfirmed: false,
        externalRef: null,
        createdAt: this.now,
      });
      completionId = identifiers[0].id as number;
    } else {
      completionId = target.completionId;
      tenths = (await this.em.findOneByOrFail(Completion, { id: completionId })).contactHourTenths;
    }
    const requested = ceuFromContactHours(tenths);
    const awarded = status === 'APPROVED' ? requested : null;
    const { identifiers } = await this.em.insert(Petition, {
      certificationId,
      completionId,
      status,
      justification: 'The content matches the CPT scope of practice; certificate of attendance attached.',
      requestedCeuHundredths: requested,
      awardedCeuHundredths: awarded,
      feeCents: CPT_DEFAULT_POLICY.petitionFee,
      currencyCode: CPT_DEFAULT_POLICY.currencyCode,
      decisionReason: reason,
      submittedAt: this.now,
      decidedAt: status === 'PENDING' ? null : this.now,
    });
    if (awarded !== null) await this.em.update(Completion, { id: completionId }, { ceuHundredths: awarded });
    if (status === 'APPROVED' || status === 'DENIED') {
      await this.log(`PETITION_${status}`, 'Petition', identifiers[0].id as number, reason, {
        awardedCeu: awarded === null ? null : formatCeu(awarded),
      });
    }
  }

  /**
   * An accepted application selected for audit `daysAgo` days ago (R11), with the completions it
   * counted; the certification keeps its expiry until the audit passes.
   */
  async auditedApplication(certificationId: number, daysAgo: number, completionIds: number[]): Promise<void> {
    const certification = await this.em.findOneByOrFail(Certification, { id: certificationId });
    const receivedOn = this.day(-daysAgo);
    const phase = windowPhase(certification.expiresOn, receivedOn, CPT_DEFAULT_POLICY);
    const fee = feeQuote([DEFAULT_FEE_SCHEDULE], certification.expiresOn, receivedOn, CPT_DEFAULT_POLICY);
    const { identifiers } = await this.em.insert(RecertificationApplication, {
      certificationId,
      cycleExpiresOn: certification.expiresOn,
      receivedOn,
      phase,
      feeLineData: fee.lines,
      feeTotalCents: fee.total,
      currencyCode: fee.currencyCode,
      ceuCounted: 200,
      status: 'AUDIT_PENDING',
      newExpiresOn: null,
      refusalReason: null,
      submittedAt: this.now,
      decidedAt: null,
    });
    const applicationId = identifiers[0].id as number;
    await this.em.insert(
      ApplicationCompletion,
      completionIds.map((completionId) => ({ completionId, applicationId })),
    );
    await this.em.insert(Audit, {
      applicationId,
      selectedOn: receivedOn,
      documentsDueOn: addDays(receivedOn, CPT_DEFAULT_POLICY.auditDocumentsDays),
      status: 'AWAITING_DOCUMENTS',
      reason: null,
      resolvedAt: null,
    });
  }

  async apiKey(providerId: number, prefix: string, secret: string): Promise<void> {
    const { identifiers } = await this.em.insert(ApiKey, {
      providerId,
      prefix,
      secretHash: await hashSecret(secret),
      label: 'Demo key (published in the README)',
      createdBy: 'demo.reviewer',
      createdAt: this.now,
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.log('API_KEY_CREATED', 'ApiKey', identifiers[0].id as number, null, { prefix });
  }

  async policy(): Promise<void> {
    await this.em.insert(ProgramPolicyRow, {
      programCode: 'CPT',
      auditRateBasisPoints: Math.round(CPT_DEFAULT_POLICY.auditRate * 10_000),
      auditDocumentsDays: CPT_DEFAULT_POLICY.auditDocumentsDays,
      petitionFeeCents: CPT_DEFAULT_POLICY.petitionFee,
      currencyCode: CPT_DEFAULT_POLICY.currencyCode,
      updatedAt: this.now,
    });
    const { identifiers } = await this.em.insert(FeeScheduleEntry, {
      programCode: 'CPT',
      effectiveFrom: '2020-01-01',
      currencyCode: DEFAULT_FEE_SCHEDULE.currencyCode,
      recertificationFeeCents: DEFAULT_FEE_SCHEDULE.recertificationFee,
      lateFeeCents: DEFAULT_FEE_SCHEDULE.lateFee,
      additionalFeeCents: DEFAULT_FEE_SCHEDULE.additionalFee,
      createdAt: this.now,
    });
    await this.log('FEE_SCHEDULE_SET', 'FeeScheduleEntry', identifiers[0].id as number, 'Standard fees.');
    const waiver = await this.em.insert(HandsOnWaiverPeriod, {
      startsOn: '2020-03-16',
      liftedOn: '2021-06-30',
      reason: 'Public-health restrictions on in-person classes.',
      updatedAt: this.now,
    });
    await this.log('HANDS_ON_WAIVER_DECLARED', 'HandsOnWaiverPeriod', waiver.identifiers[0].id as number, null);
  }

  async cprAed(certificationId: number, issuedOn: LocalDate, format: CprAedFormat, coversAed = true): Promise<void> {
    const { trainerId } = await this.em.findOneByOrFail(Certification, { id: certificationId });
    await this.em.insert(CprAedCredential, {
      trainerId,
      issuer: format === 'ONLINE_ONLY' ? 'CPR Online Now' : 'American Red Cross',
      cardNumber: `RC-${certificationId}-${issuedOn.replace(/-/g, '')}`,
      issuedOn,
      expiresOn: addMonths(issuedOn, 24),
      coversAdultCpr: true,
      coversAed,
      format,
      createdAt: this.now,
    });
  }
}

export async function seedDemo(db: Database, clock: Clock): Promise<void> {
  await db.uow.run(async (em) => {
    const d = new DemoBuilder(em, clock);
    await d.policy();
    const longAgo = d.day(-3650);
    const nasm = await d.provider('National Academy of Sports Medicine', 'CERTIFYING_BODY', 'APPROVED', {
      from: longAgo,
      through: null,
    });
    const apex = await d.provider('Apex Fitness Education', 'PARTNER', 'APPROVED', {
      from: d.day(-1100),
      through: null,
    });
    await d.apiKey(apex, DEMO_API_KEY.prefix, DEMO_API_KEY.secret);
    const coastal = await d.provider('Coastal Strength Academy', 'PARTNER', 'APPROVED', {
      from: d.day(-800),
      through: null,
    });
    const mindful = await d.provider('Mindful Movement Institute', 'PARTNER', 'PENDING', null);
    const iron = await d.provider(
      'Iron Valley Seminars',
      'PARTNER',
      'SUSPENDED',
      { from: d.day(-1000), through: d.day(-120) },
      'Completion records could not be substantiated during the annual review.',
    );
    await d.provider('QuickCert Online', 'PARTNER', 'REJECTED', null, 'Course content outside the scope of practice.');

    const c = {
      cpt: await d.course(
        nasm,
        'NASM-CES',
        'Corrective Exercise Specialist',
        ['CORRECTIVE_EXERCISE', 'EXERCISE_SCIENCE'],
        'SELF_PACED_ONLINE',
        19,
        'APPROVED',
        { approvedOn: d.day(-1500), ceu: 190 },
      ),
      pes: await d.course(
        nasm,
        'NASM-PES',
        'Performance Enhancement Specialist',
        ['PERFORMANCE'],
        'SELF_PACED_ONLINE',
        19,
        'APPROVED',
        { approvedOn: d.day(-1500), ceu: 190 },
      ),
      cnc: await d.course(
        nasm,
        'NASM-CNC',
        'Certified Nutrition Coach',
        ['NUTRITION', 'BEHAVIOR_CHANGE'],
        'SELF_PACED_ONLINE',
        19,
        'APPROVED',
        { approvedOn: d.day(-1500), ceu: 190 },
      ),
      youth: await d.course(
        nasm,
        'NASM-YES',
        'Youth Exercise Specialist',
        ['SPECIAL_POPULATIONS'],
        'SELF_PACED_ONLINE',
        10,
        'APPROVED',
        { approvedOn: d.day(-900) },
      ),
      senior: await d.course(
        nasm,
        'NASM-SFS',
        'Senior Fitness Specialist',
        ['SPECIAL_POPULATIONS'],
        'SELF_PACED_ONLINE',
        10,
        'APPROVED',
        { approvedOn: d.day(-900) },
      ),
      kettle: await d.course(
        apex,
        'APX-101',
        'Kettlebell Fundamentals',
        ['PROGRAM_DESIGN', 'PERFORMANCE'],
        'IN_PERSON',
        8,
        'APPROVED',
        { approvedOn: d.day(-1000) },
      ),
      mobility: await d.course(
        apex,
        'APX-205',
        'Mobility and Recovery Strategies',
        ['RECOVERY'],
        'LIVE_ONLINE',
        6,
        'APPROVED',
        { approvedOn: d.day(-700) },
      ),
      prenatal: await d.course(
        apex,
        'APX-310',
        'Pre- and Post-natal Training',
        ['SPECIAL_POPULATIONS'],
        'HYBRID',
        12,
        'APPROVED',
        { approvedOn: d.day(-500), renewalYear: yearOf(d.today) + 1 },
      ),
      coaching: await d.course(
        apex,
        'APX-120',
        'Motivational Interviewing for Trainers',
        ['BEHAVIOR_CHANGE'],
        'LIVE_ONLINE',
        5,
        'APPROVED',
        { approvedOn: d.day(-400) },
      ),
      business: await d.course(
        apex,
        'APX-400',
        'Building a Personal Training Business',
        ['BUSINESS'],
        'SELF_PACED_ONLINE',
        4,
        'APPROVED',
        { approvedOn: d.day(-300), ceu: 30 },
      ),
      oldHiit: await d.course(
        apex,
        'APX-099',
        'HIIT Programming (2019 edition)',
        ['PROGRAM_DESIGN'],
        'IN_PERSON',
        6,
        'RETIRED',
        { approvedOn: d.day(-1050), retiredOn: d.day(-200), reason: 'Replaced by a new edition.' },
      ),
      draft: await d.course(
        apex,
        'APX-500',
        'Sport Psychology Basics',
        ['BEHAVIOR_CHANGE'],
        'LIVE_ONLINE',
        6,
        'PENDING_REVIEW',
      ),
      olympic: await d.course(
        coastal,
        'CSA-OLY',
        'Olympic Lifting Technique',
        ['PERFORMANCE', 'PROGRAM_DESIGN'],
        'IN_PERSON',
        16,
        'APPROVED',
        { approvedOn: d.day(-750) },
      ),
      assess: await d.course(
        coastal,
        'CSA-FMA',
        'Functional Movement Assessment',
        ['CORRECTIVE_EXERCISE'],
        'HYBRID',
        7.5,
        'APPROVED',
        { approvedOn: d.day(-600) },
      ),
      nutrition: await d.course(
        coastal,
        'CSA-NUT',
        'Sports Nutrition Essentials',
        ['NUTRITION'],
        'SELF_PACED_ONLINE',
        10,
        'APPROVED',
        { approvedOn: d.day(-450) },
      ),
      anatomy: await d.course(
        coastal,
        'CSA-ANA',
        'Applied Functional Anatomy',
        ['EXERCISE_SCIENCE'],
        'LIVE_ONLINE',
        9,
        'APPROVED',
        { approvedOn: d.day(-250) },
      ),
      detox: await d.course(
        coastal,
        'CSA-DTX',
        'Detox Cleanses for Clients',
        ['NUTRITION'],
        'SELF_PACED_ONLINE',
        3,
        'REJECTED',
        { reason: 'Outside the scope of practice.' },
      ),
      groupEx: await d.course(
        coastal,
        'CSA-GRP',
        'Small Group Training Design',
        ['PROGRAM_DESIGN', 'BUSINESS'],
        'IN_PERSON',
        6,
        'PENDING_REVIEW',
      ),
      yoga: await d.course(
        mindful,
        'MMI-YOG',
        'Yoga for Strength Coaches',
        ['RECOVERY'],
        'IN_PERSON',
        10,
        'PENDING_REVIEW',
      ),
      breath: await d.course(
        mindful,
        'MMI-BRE',
        'Breathwork and Recovery',
        ['RECOVERY'],
        'LIVE_ONLINE',
        4,
        'PENDING_REVIEW',
      ),
      ironBoot: await d.course(iron, 'IVS-BTC', 'Bootcamp Leadership', ['PROGRAM_DESIGN'], 'IN_PERSON', 8, 'APPROVED', {
        approvedOn: d.day(-900),
      }),
      ironStr: await d.course(
        iron,
        'IVS-STR',
        'Strongman Training for the General Population',
        ['PERFORMANCE'],
        'IN_PERSON',
        6,
        'APPROVED',
        { approvedOn: d.day(-800) },
      ),
    };

    const t = {
      maria: await d.trainer('Maria', 'Lopez', 'CPT-1000001', d.day(300), true),
      james: await d.trainer('James', 'Carter', 'CPT-1000002', d.day(30), true),
      aisha: await d.trainer('Aisha', 'Khan', 'CPT-1000003', d.day(-20), true),
      tom: await d.trainer('Tom', 'Becker', 'CPT-1000004', d.day(-150), false),
      lena: await d.trainer('Lena', 'Novak', 'CPT-1000005', d.day(-400), false),
      kenji: await d.trainer('Kenji', 'Watanabe', 'CPT-1000006', d.day(670), false),
      sofia: await d.trainer('Sofia', 'Rossi', 'CPT-1000007', d.day(600), true),
      daniel: await d.trainer('Daniel', "O'Brien", 'CPT-1000008', d.day(90), true),
      chloe: await d.trainer('Chloé', 'Dubois', 'CPT-1000009', d.day(200), false),
      marcus: await d.trainer('Marcus', 'Johnson', 'CPT-1000010', d.day(10), true),
      priya: await d.trainer('Priya', 'Sharma', 'CPT-1000011', d.day(450), false),
      ethan: await d.trainer('Ethan', 'Miller', 'CPT-1000012', d.day(45), true),
    };

    // Maria: well along, most of it reported by providers.
    await d.completion(t.maria, c.cpt, d.day(-200), 'PROVIDER_REPORTED');
    await d.completion(t.maria, c.kettle, d.day(-150), 'PROVIDER_REPORTED');
    const mariaSelf = await d.completion(t.maria, c.oldHiit, d.day(-100), 'SELF_REPORTED');
    await d.petition(t.maria, { completionId: mariaSelf }, 'WITHDRAWN', 'Took the new edition instead.');
    await d.cprAed(t.maria, d.day(-300), 'IN_PERSON');
    // James: requirement met, ready to apply.
    await d.completion(t.james, c.pes, d.day(-500), 'PROVIDER_REPORTED');
    await d.completion(t.james, c.mobility, d.day(-90), 'SELF_REPORTED');
    await d.cprAed(t.james, d.day(-200), 'BLENDED');
    // Aisha: expired 20 days ago, in the late window, nearly done.
    await d.completion(t.aisha, c.cnc, d.day(-400), 'PROVIDER_REPORTED');
    await d.completion(t.aisha, c.coaching, d.day(-30), 'PROVIDER_REPORTED');
    await d.cprAed(t.aisha, d.day(-100), 'IN_PERSON');
    // Tom: expired 150 days ago, late with the additional fee.
    await d.completion(t.tom, c.kettle, d.day(-300), 'PROVIDER_REPORTED');
    await d.cprAed(t.tom, d.day(-400), 'IN_PERSON');
    // Lena: lapsed more than a year ago.
    await d.completion(t.lena, c.olympic, d.day(-600), 'PROVIDER_REPORTED');
    // Kenji: new certification, nothing yet.
    await d.cprAed(t.kenji, d.day(-70), 'IN_PERSON');
    // Sofia: petitions in every state but withdrawn.
    await d.completion(t.sofia, c.assess, d.day(-60), 'PROVIDER_REPORTED');
    await d.petition(
      t.sofia,
      {
        event: {
          title: 'Kettlebell Sport Camp',
          providerName: 'Nordic Lifting Club',
          completedOn: d.day(-40),
          hours: 12,
        },
      },
      'PENDING',
    );
    await d.petition(
      t.sofia,
      {
        event: {
          title: 'Strength Coaching Conference 2026',
          providerName: 'European Strength Forum',
          completedOn: d.day(-80),
          hours: 8,
        },
      },
      'APPROVED',
      'Speakers and content within scope.',
    );
    await d.petition(
      t.sofia,
      {
        event: {
          title: 'Crystal Healing for Athletes',
          providerName: 'Aura Wellness',
          completedOn: d.day(-70),
          hours: 5,
        },
      },
      'DENIED',
      'Not evidence-based; outside the scope of practice.',
    );
    await d.cprAed(t.sofia, d.day(-50), 'IN_PERSON');
    // Daniel: CPR/AED card expired.
    await d.completion(t.daniel, c.cpt, d.day(-400), 'PROVIDER_REPORTED');
    await d.cprAed(t.daniel, d.day(-800), 'IN_PERSON');
    // Chloé: online-only CPR/AED; reported under her accented name.
    await d.completion(t.chloe, c.nutrition, d.day(-120), 'PROVIDER_REPORTED');
    await d.completion(t.chloe, c.anatomy, d.day(-45), 'SELF_REPORTED');
    await d.cprAed(t.chloe, d.day(-90), 'ONLINE_ONLY');
    // Marcus: expires in 10 days, short on CEUs, no CPR/AED card.
    await d.completion(t.marcus, c.business, d.day(-200), 'PROVIDER_REPORTED');
    await d.completion(t.marcus, c.youth, d.day(-150), 'SELF_REPORTED');
    // Priya: a self-reported course from a provider still pending, petitioned and denied.
    const priyaSelf = await d.completion(t.priya, c.ironStr, d.day(-60), 'SELF_REPORTED');
    await d.petition(t.priya, { completionId: priyaSelf }, 'DENIED', 'Provider suspended; no evidence of attendance.');
    await d.completion(t.priya, c.senior, d.day(-30), 'PROVIDER_REPORTED');
    await d.cprAed(t.priya, d.day(-20), 'IN_PERSON', false);
    // Ethan: the suspended provider's course before (automatic) and after (petition) the suspension.
    await d.completion(t.ethan, c.ironBoot, d.day(-300), 'PROVIDER_REPORTED');
    await d.completion(t.ethan, c.ironStr, d.day(-100), 'SELF_REPORTED');
    await d.completion(t.ethan, c.prenatal, d.day(-200), 'PROVIDER_REPORTED');
    await d.cprAed(t.ethan, d.day(-365), 'IN_PERSON');

    // Grace: applied ten days ago and was drawn for an audit; documents are due in 20 days.
    const grace = await d.trainer('Grace', 'Lee', 'CPT-1000013', d.day(25), true);
    const graceCe = await d.completion(grace, c.cnc, d.day(-300), 'PROVIDER_REPORTED');
    await d.completion(grace, c.mobility, d.day(-120), 'PROVIDER_REPORTED');
    await d.cprAed(grace, d.day(-150), 'IN_PERSON');
    await d.auditedApplication(grace, 10, [graceCe]);
    // Omar: drawn for an audit 40 days ago and has sent nothing: overdue.
    const omar = await d.trainer('Omar', 'Haddad', 'CPT-1000014', d.day(-5), true);
    const omarCe = await d.completion(omar, c.pes, d.day(-450), 'PROVIDER_REPORTED');
    await d.cprAed(omar, d.day(-250), 'BLENDED');
    await d.auditedApplication(omar, 40, [omarCe]);
  });
}

/** Fills the database with demo data when it has no provider yet. */
export async function seedDemoIfEmpty(db: Database, clock: Clock): Promise<boolean> {
  if ((await db.reader.count(Provider)) > 0) return false;
  await seedDemo(db, clock);
  return true;
}
