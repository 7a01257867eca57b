import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Clock, today } from '../common/clock';
import { toGlobalId } from '../common/ids';
import { foldName } from '../common/text';
import { OpenDatabase } from '../database/data-source';
import { Completion, CompletionSource } from '../modules/completion/completion.entity';
import {
  Course,
  CourseApprovalPeriod,
  CourseStatus,
  CourseTopic,
  DELIVERY_FORMATS,
  Topic,
  TOPICS,
} from '../modules/course/course.entity';
import { courseSearchText } from '../modules/course/course.service';
import { CprAedCredential, CprAedFormat } from '../modules/cpr-aed/cpr-aed.entity';
import { DecisionLogEntry } from '../modules/decision-log/decision-log.entity';
import { Petition, PetitionStatus } from '../modules/petition/petition.entity';
import { Provider, ProviderApprovalPeriod, ProviderKind, ProviderStatus } from '../modules/provider/provider.entity';
import { Certification, Trainer } from '../modules/trainer/trainer.entity';
import { trainerNameColumns } from '../modules/trainer/trainer.rows';
import { addMonths, fromParts, LocalDate, yearOf } from '../rules/calendar';
import {
  approvalPeriod,
  CreditDecision,
  CreditFacts,
  decideCreditPath,
  endCoverage,
  Period,
  renewalPeriod,
} from '../rules/coverage';
import { ProgramPolicy, programCeu } from '../rules/policy';
import { policyIn, ProgramCatalog } from '../modules/program/program.facts';
import { CourseProgramApproval, ProviderProgram } from '../modules/program/program.entity';

/** The program the large dataset's certifications and approvals are of. */
const PROGRAM = 'CPT';
import { formatCeu } from '../rules/units';

/** How many rows of each main kind the large dataset has. */
export interface LargeScale {
  providers: number;
  courses: number;
  /** Trainers, each with one CPT certification. */
  trainers: number;
  completions: number;
}

/** The large dataset: a catalogue and a register of the size a mature program reaches. */
export const LARGE_SCALE: Readonly<LargeScale> = Object.freeze({
  providers: 1_000,
  courses: 50_000,
  trainers: 200_000,
  completions: 2_000_000,
});

/** Rows written per table. */
export interface LargeSeedCounts {
  providers: number;
  providerApprovalPeriods: number;
  courses: number;
  courseTopics: number;
  courseApprovalPeriods: number;
  trainers: number;
  certifications: number;
  cprAedCards: number;
  completions: number;
  petitions: number;
  decisionLogEntries: number;
}

/** What `seedLarge` wrote and how long it took. */
export interface LargeSeedReport extends LargeSeedCounts {
  scale: LargeScale;
  elapsedMs: number;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and days as integers

/** A seeded generator (sfc32): the same seed gives the same rows on every run. */
class Random {
  private a: number;
  private b = 0x9e3779b9;
  private c = 0x243f6a88;
  private d = 1;

  constructor(seed: string) {
    let hash = 2166136261;
    for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619);
    this.a = hash >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** A number in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `table` lists [value, weight] pairs. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1][0];
  }
}

const DAY_MS = 86_400_000;

/** Seconds of the day in which each kind of event is stamped, so that same-day events keep their order. */
const MORNING: [number, number] = [8 * 3600, 12 * 3600 - 1];
const MIDDAY: [number, number] = [12 * 3600, 16 * 3600 - 1];
const EVENING: [number, number] = [16 * 3600, 20 * 3600 - 1];

/**
 * Days as integers (days since 1970-01-01) for cheap arithmetic, turned into `YYYY-MM-DD` and
 * ISO timestamps on output. Nothing is dated after yesterday, so no row is stamped after the
 * moment of seeding and the rows depend only on the date.
 */
class Days {
  readonly today: number;
  readonly last: number;
  private readonly dates = new Map<number, LocalDate>();

  constructor(todayDate: LocalDate) {
    this.today = Days.of(todayDate);
    this.last = this.today - 1;
  }

  static of(date: LocalDate): number {
    return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  }

  date(day: number): LocalDate {
    let date = this.dates.get(day);
    if (date === undefined) {
      date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      this.dates.set(day, date);
    }
    return date;
  }

  year(day: number): number {
    return yearOf(this.date(day));
  }

  /** A timestamp on `day` (at the latest yesterday) at a second drawn from `window`. */
  stamp(day: number, random: Random, window: [number, number]): string {
    const second = random.int(window[0], window[1]);
    const h = Math.floor(second / 3600);
    const m = Math.floor(second / 60) % 60;
    const s = second % 60;
    return `${this.date(Math.min(day, this.last))}T${pad2(h)}:${pad2(m)}:${pad2(s)}.000Z`;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// ---------------------------------------------------------------------------------------------
// Bulk writing

/** Bound parameters per statement: SQLite's limit in the bundled build, PostgreSQL's protocol limit. */
const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 } as const;

/** Rows of a table buffered into multi-row INSERT statements of the largest size the database allows. */
class TableWriter {
  written = 0;
  private values: unknown[] = [];
  private rows = 0;
  private fullStatement: string | null = null;
  readonly rowsPerStatement: number;

  constructor(
    private readonly loader: BulkLoader,
    readonly table: string,
    private readonly columns: readonly string[],
    /** Tables whose buffered rows must reach the database first (foreign keys). */
    private readonly after: readonly TableWriter[],
  ) {
    this.rowsPerStatement = Math.floor(MAX_PARAMETERS[loader.kind] / columns.length);
  }

  async add(values: unknown[]): Promise<void> {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    }
    for (const value of values) this.values.push(value);
    if (++this.rows === this.rowsPerStatement) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows === 0) return;
    for (const parent of this.after) await parent.flush();
    const sql = this.rows === this.rowsPerStatement ? this.statementForFullBuffer() : this.statement(this.rows);
    const values = this.values;
    const rows = this.rows;
    this.values = [];
    this.rows = 0;
    await this.loader.execute(sql, values);
    this.written += rows;
  }

  private statementForFullBuffer(): string {
    this.fullStatement ??= this.statement(this.rowsPerStatement);
    return this.fullStatement;
  }

  private statement(rows: number): string {
    const width = this.columns.length;
    const tuples: string[] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const marks: string[] = new Array(width);
      for (let c = 0; c < width; c++) marks[c] = this.loader.kind === 'sqlite' ? '?' : `$${r * width + c + 1}`;
      tuples[r] = `(${marks.join(', ')})`;
    }
    const columns = this.columns.map((c) => `"${c}"`).join(', ');
    return `INSERT INTO "${this.table}" (${columns}) VALUES ${tuples.join(', ')}`;
  }
}

/**
 * Writes through the application's writer connection, in large transactions of multi-row
 * INSERTs. Columns are named by entity property and mapped to the database names TypeORM uses.
 */
class BulkLoader {
  readonly kind: 'sqlite' | 'postgres';
  private em: EntityManager | null = null;
  private inFlight: Promise<unknown> | null = null;
  private readonly writers: TableWriter[] = [];

  constructor(private readonly db: OpenDatabase) {
    this.kind = db.kind;
  }

  table<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    properties: readonly (keyof T & string)[],
    after: readonly TableWriter[] = [],
  ): TableWriter {
    const metadata = this.db.writer.getMetadata(entity);
    const columns = properties.map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
      return column.databaseName;
    });
    const writer = new TableWriter(this, metadata.tableName, columns, after);
    this.writers.push(writer);
    return writer;
  }

  /** A boolean as the driver stores it. */
  bool(value: boolean): boolean | number {
    return this.kind === 'sqlite' ? (value ? 1 : 0) : value;
  }

  /**
   * Runs `work` in one transaction of the writer (queued like every unit of work on SQLite) and
   * writes every buffered row before it commits. Failures are not retried: the rows are fixed.
   */
  async transaction(work: () => Promise<void>): Promise<void> {
    await this.db.uow.run(async (em) => {
      this.em = em;
      try {
        if (this.kind === 'postgres') await em.query('SET LOCAL synchronous_commit = off');
        await work();
        for (const writer of this.writers) await writer.flush();
        await this.drain();
      } catch (error) {
        await this.drain().catch(() => {});
        throw new BulkLoadError(error);
      } finally {
        this.em = null;
      }
    });
  }

  /**
   * Sends a statement once the previous one is done, without waiting for this one: the next
   * rows are generated while the database writes these. Statements run one at a time, in order.
   */
  async execute(sql: string, parameters: unknown[]): Promise<void> {
    const em = this.em;
    if (!em) throw new Error('Bulk rows are written inside BulkLoader.transaction only.');
    await this.drain();
    const statement = em.query(sql, parameters);
    statement.catch(() => {}); // observed by drain(); never an unhandled rejection meanwhile
    this.inFlight = statement;
  }

  /** Waits for the statement in flight, if any, and surfaces its failure. */
  async drain(): Promise<void> {
    const statement = this.inFlight;
    this.inFlight = null;
    await statement;
  }
}

/** A failed bulk load, wrapped so that the unit of work does not try the same rows again. */
class BulkLoadError extends Error {
  constructor(cause: unknown) {
    super(`The large dataset could not be written: ${cause instanceof Error ? cause.name : 'error'}`, { cause });
    this.name = 'BulkLoadError';
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const BRAND_WORDS = [
  'Summit',
  'Peak',
  'Core',
  'Kinetic',
  'Vital',
  'Elevate',
  'Pinnacle',
  'Northern',
  'Urban',
  'Prime',
  'Momentum',
  'Evergreen',
  'Atlas',
  'Horizon',
  'Titan',
  'Pacific',
  'Granite',
  'Bright',
  'Cedar',
  'Harbor',
  'Liberty',
  'Meridian',
  'Riverside',
  'Highland',
  'Sterling',
];
const FIELD_WORDS = [
  'Fitness',
  'Strength',
  'Movement',
  'Performance',
  'Wellness',
  'Athletic',
  'Motion',
  'Conditioning',
  'Training',
  'Mobility',
  'Endurance',
  'Sport',
];
const ORGANISATION_WORDS = [
  'Education',
  'Academy',
  'Institute',
  'Seminars',
  'Collective',
  'University',
  'Learning',
  'School',
  'Workshops',
  'Group',
];

const SUBJECTS: Record<Topic, readonly string[]> = {
  EXERCISE_SCIENCE: ['Functional Anatomy', 'Exercise Physiology', 'Applied Biomechanics', 'Energy Systems'],
  NUTRITION: ['Sports Nutrition', 'Hydration Strategies', 'Nutrition Coaching', 'Supplements and the Evidence'],
  PROGRAM_DESIGN: ['Periodization', 'Kettlebell Training', 'Small Group Training', 'Progressive Overload'],
  BEHAVIOR_CHANGE: ['Motivational Interviewing', 'Habit Coaching', 'Client Communication', 'Adherence Strategies'],
  CORRECTIVE_EXERCISE: ['Movement Assessment', 'Posture Correction', 'Shoulder Stability', 'Knee Valgus Correction'],
  PERFORMANCE: ['Olympic Lifting', 'Speed and Agility', 'Plyometrics', 'Power Development'],
  SPECIAL_POPULATIONS: ['Senior Fitness', 'Youth Training', 'Pre- and Post-natal Training', 'Training with Diabetes'],
  RECOVERY: ['Mobility and Recovery', 'Self-myofascial Release', 'Sleep and Recovery', 'Breathwork'],
  BUSINESS: ['Personal Training Business', 'Online Coaching', 'Client Retention', 'Marketing for Trainers'],
};
const TITLE_FORMS = [
  (s: string) => `Foundations of ${s}`,
  (s: string) => `Advanced ${s}`,
  (s: string) => `Applied ${s}`,
  (s: string) => `${s} Essentials`,
  (s: string) => `${s} for Personal Trainers`,
  (s: string) => `${s} Masterclass`,
  (s: string) => `${s}: Practical Workshop`,
  (s: string) => `Certificate in ${s}`,
];

/** Contact hours in tenths: 1 to 19 hours, short courses being the commonest. */
const CONTACT_HOUR_TENTHS: readonly (readonly [number, number])[] = [
  [10, 6],
  [20, 10],
  [30, 10],
  [40, 10],
  [50, 8],
  [60, 10],
  [75, 5],
  [80, 8],
  [100, 8],
  [120, 6],
  [150, 4],
  [160, 4],
  [190, 3],
];

const FIRST_NAMES = [
  'Maria',
  'James',
  'Aisha',
  'Tom',
  'Lena',
  'Kenji',
  'Sofia',
  'Daniel',
  'Chloé',
  'Marcus',
  'Priya',
  'Ethan',
  'Grace',
  'Omar',
  'Olivia',
  'Noah',
  'Emma',
  'Liam',
  'Ava',
  'Lucas',
  'Mia',
  'Mateo',
  'Zoë',
  'Hannah',
  'Ravi',
  'Fatima',
  'Jonas',
  'Ingrid',
  'Diego',
  'Yuki',
  'Amara',
  'Samuel',
  'Nora',
  'Elif',
  'Kwame',
  'Isabela',
  'Björn',
  'Camille',
  'Tariq',
  'Leah',
];
const LAST_NAMES = [
  'Lopez',
  'Carter',
  'Khan',
  'Becker',
  'Novak',
  'Watanabe',
  'Rossi',
  "O'Brien",
  'Dubois',
  'Johnson',
  'Sharma',
  'Miller',
  'Lee',
  'Haddad',
  'Smith',
  'García',
  'Müller',
  'Nguyen',
  'Kowalski',
  'Andersen',
  'Okafor',
  'Silva',
  'Brown',
  'Martin',
  'Jensen',
  'Costa',
  'Fischer',
  'Tanaka',
  'Wilson',
  'Moreau',
  'Petrov',
  'Hernández',
  'Clarke',
  'Ali',
  'Schmidt',
  'Lindqvist',
  'Murphy',
  'Ibrahim',
  'Yilmaz',
  'Walker',
];

const SUSPENSION_REASONS = [
  'Completion records could not be substantiated during the annual review.',
  'Instructor qualifications were not kept current.',
  'Course content changed without review.',
];
const REJECTION_REASONS = ['Course content outside the scope of practice.', 'Instructor qualifications not shown.'];
const COURSE_REJECTION_REASONS = [
  'Outside the scope of practice.',
  'Learning objectives and assessment missing.',
  'Contact hours not supported by the agenda.',
];
const RETIREMENT_REASONS = ['Replaced by a new edition.', 'No longer offered.', 'Merged into another course.'];

const OUTSIDE_EVENTS = [
  'Strength Coaching Summit',
  'Kettlebell Sport Camp',
  'Regional Fitness Convention',
  'Sports Medicine Symposium',
  'Functional Training Weekend',
  'Youth Athletic Development Clinic',
];
const OUTSIDE_HOSTS = [
  'Nordic Strength Forum',
  'European Strength Forum',
  'City Sports Medicine Society',
  'Riverside Athletic Club',
  'Lakeside Lifting Club',
];
const OUTSIDE_EVENT_TENTHS = [40, 60, 80, 120, 160];

const JUSTIFICATIONS = [
  'The content matches the CPT scope of practice; certificate of attendance attached.',
  'Programme design sessions within the CPT scope of practice; agenda attached.',
  'Evidence-based sessions led by certified presenters; attendance confirmed by the organiser.',
];
const DENIAL_REASONS = [
  'Not evidence-based; outside the scope of practice.',
  'No evidence of attendance.',
  'Content duplicates a course already counted this cycle.',
];
const WITHDRAWAL_REASONS = ['Took the approved edition instead.', 'Submitted by mistake.'];

const CARD_ISSUERS = ['American Red Cross', 'American Heart Association', 'National Safety Council'];
const ONLINE_CARD_ISSUER = 'CPR Online Now';

const STAFF = ['ann.reviewer', 'ben.reviewer', 'carla.reviewer', 'dev.reviewer'];

const CERTIFYING_BODY = { name: 'National Academy of Sports Medicine', code: 'NASM' };

/** Certification numbers of the dataset: CPT-2000001 upwards, clear of hand-made ones. */
const CERTIFICATION_NUMBER_BASE = 2_000_000;

/** Completions per transaction on the completions pass. */
const COMPLETIONS_PER_TRANSACTION = 200_000;
/** Trainers per transaction on the trainers pass. */
const TRAINERS_PER_TRANSACTION = 50_000;

// ---------------------------------------------------------------------------------------------
// Plans kept in memory while the rows that refer to them are written

interface ProviderPlan {
  id: number;
  kind: ProviderKind;
  name: string;
  code: string;
  status: ProviderStatus;
  /** First day of approval, when the provider was ever approved. */
  approvedFrom: number | null;
  /** Day of the suspension (the last day still covered), for suspended providers. */
  suspendedOn: number | null;
  periods: Period[];
}

interface CoursePlan {
  id: number;
  provider: ProviderPlan;
  title: string;
  tenths: number;
  ceu: number;
  createdOn: number;
  facts: CreditFacts;
}

/** Cycle dates of each certification (index = certification id), kept as day numbers. */
interface CertificationCycles {
  issuedOn: Int32Array;
  cycleStartsOn: Int32Array;
  expiresOn: Int32Array;
}

interface PendingDecision {
  occurredAt: string;
  action: string;
  subjectType: string;
  subjectId: number;
  reason: string | null;
  details: Record<string, unknown>;
}

interface PlannedCompletion {
  day: number;
  course: CoursePlan | null;
  source: CompletionSource;
  decision: CreditDecision;
}

interface CourseHistory {
  createdOn: number;
  ceu: number | null;
  periods: Period[];
  reason: string | null;
  renewalYear: number | null;
  /** Timestamp of the last change; null when it is the registration itself. */
  updatedAt: string | null;
}

interface PetitionRow {
  id: number;
  certificationId: number;
  completionId: number;
  status: PetitionStatus;
  justification: string;
  requestedCeuHundredths: number;
  awardedCeuHundredths: number | null;
  decisionReason: string | null;
  submittedAt: string;
  decidedAt: string | null;
}

/** A partner's status, spread evenly through the list so that every scale has a mix. */
function partnerStatus(index: number): ProviderStatus {
  if (index % 33 === 4) return 'SUSPENDED';
  if (index % 67 === 12) return 'PENDING';
  if (index % 67 === 45) return 'REJECTED';
  return 'APPROVED';
}

/** A unique three-word name for partner number `index` (0-based), numbered once the words run out. */
function partnerName(index: number): { name: string; code: string; slug: string } {
  const combinations = BRAND_WORDS.length * FIELD_WORDS.length * ORGANISATION_WORDS.length;
  const scrambled = (index * 7919) % combinations;
  const words = [
    BRAND_WORDS[scrambled % BRAND_WORDS.length],
    FIELD_WORDS[Math.floor(scrambled / BRAND_WORDS.length) % FIELD_WORDS.length],
    ORGANISATION_WORDS[Math.floor(scrambled / (BRAND_WORDS.length * FIELD_WORDS.length))],
  ];
  const round = Math.floor(index / combinations);
  const suffix = round > 0 ? ` ${round + 1}` : '';
  const code = words.map((w) => w[0]).join('') + (round > 0 ? String(round + 1) : '');
  const slug = words.join('').toLowerCase() + (round > 0 ? String(round + 1) : '');
  return { name: `${words.join(' ')}${suffix}`, code, slug };
}

/** Ascii letters of a name, for e-mail addresses. */
function mailPart(name: string): string {
  return foldName(name).replace(/[^a-z]/g, '');
}

/**
 * Splits `total` items over `count` owners with some spread while keeping the exact total:
 * owner i gets cumulative(i) − cumulative(i − 1), where cumulative is the even share plus a
 * jitter smaller than the average, so no share is negative.
 */
class Spread {
  private previous = 0;
  private index = 0;

  constructor(
    private readonly total: number,
    private readonly count: number,
    private readonly random: Random,
  ) {}

  next(): number {
    this.index++;
    const average = this.total / this.count;
    const cumulative =
      this.index >= this.count
        ? this.total
        : Math.floor((this.total * this.index) / this.count + this.random.next() * average);
    const share = Math.max(0, cumulative - this.previous);
    this.previous = Math.max(this.previous, cumulative);
    return share;
  }
}

/** Splits `total` over owners in proportion to their weights, exactly. */
function splitByWeight(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  let previous = 0;
  return weights.map((weight) => {
    running += weight;
    const cumulative = Math.round((total * running) / sum);
    const share = cumulative - previous;
    previous = cumulative;
    return share;
  });
}

// ---------------------------------------------------------------------------------------------
// The generator

function createWriters(l: BulkLoader) {
  const provider = l.table(Provider, [
    'id',
    'kind',
    'name',
    'nameKey',
    'contactEmail',
    'website',
    'status',
    'statusReason',
    'createdAt',
    'updatedAt',
  ]);
  const providerPeriod = l.table(ProviderApprovalPeriod, ['id', 'providerId', 'from', 'through'], [provider]);
  const course = l.table(
    Course,
    [
      'id',
      'providerId',
      'code',
      'title',
      'searchText',
      'description',
      'deliveryFormat',
      'contactHourTenths',
      'ceuHundredths',
      'status',
      'decisionReason',
      'renewalYear',
      'createdAt',
      'updatedAt',
    ],
    [provider],
  );
  const courseTopic = l.table(CourseTopic, ['courseId', 'topic'], [course]);
  const courseProgram = l.table(
    CourseProgramApproval,
    ['courseId', 'programCode', 'ceuHundredths', 'categoryCode', 'approvedFrom', 'createdAt'],
    [course],
  );
  const providerProgram = l.table(ProviderProgram, ['providerId', 'programCode', 'createdAt'], [provider]);
  const coursePeriod = l.table(CourseApprovalPeriod, ['id', 'courseId', 'from', 'through'], [course]);
  const trainer = l.table(Trainer, [
    'id',
    'firstName',
    'lastName',
    'firstNameKey',
    'lastNameKey',
    'email',
    'createdAt',
  ]);
  const certification = l.table(
    Certification,
    ['id', 'trainerId', 'programCode', 'number', 'issuedOn', 'cycleStartsOn', 'expiresOn', 'createdAt'],
    [trainer],
  );
  const card = l.table(
    CprAedCredential,
    [
      'id',
      'trainerId',
      'issuer',
      'cardNumber',
      'issuedOn',
      'expiresOn',
      'coversAdultCpr',
      'coversAed',
      'format',
      'createdAt',
    ],
    [trainer],
  );
  const completion = l.table(
    Completion,
    [
      'id',
      'certificationId',
      'courseId',
      'completedOn',
      'source',
      'creditPath',
      'creditReason',
      'ceuHundredths',
      'title',
      'providerName',
      'contactHourTenths',
      'reportedByProviderId',
      'providerConfirmed',
      'externalRef',
      'createdAt',
    ],
    [certification, course],
  );
  const petition = l.table(
    Petition,
    [
      'id',
      'certificationId',
      'completionId',
      'status',
      'justification',
      'requestedCeuHundredths',
      'awardedCeuHundredths',
      'feeCents',
      'currencyCode',
      'decisionReason',
      'submittedAt',
      'decidedAt',
    ],
    [completion],
  );
  const decision = l.table(DecisionLogEntry, [
    'id',
    'occurredAt',
    'actorType',
    'actorId',
    'action',
    'subjectType',
    'subjectId',
    'reason',
    'details',
  ]);
  return {
    provider,
    providerPeriod,
    course,
    courseTopic,
    coursePeriod,
    courseProgram,
    providerProgram,
    trainer,
    certification,
    card,
    completion,
    petition,
    decision,
  };
}

type Writers = ReturnType<typeof createWriters>;

const COURSE_STATUS_MIX: readonly (readonly [CourseStatus, number])[] = [
  ['APPROVED', 90],
  ['RETIRED', 4],
  ['PENDING_REVIEW', 3],
  ['REJECTED', 3],
];
const CARD_FORMAT_MIX: readonly (readonly [CprAedFormat, number])[] = [
  ['IN_PERSON', 80],
  ['BLENDED', 17],
  ['ONLINE_ONLY', 3],
];
/** Petitions submitted in the last weeks are often still waiting; older ones were decided. */
const RECENT_PETITION_MIX: readonly (readonly [PetitionStatus, number])[] = [
  ['PENDING', 60],
  ['APPROVED', 25],
  ['DENIED', 10],
  ['WITHDRAWN', 5],
];
const OLDER_PETITION_MIX: readonly (readonly [PetitionStatus, number])[] = [
  ['APPROVED', 70],
  ['DENIED', 22],
  ['WITHDRAWN', 8],
];

/** Shares of completions: events outside the catalogue (with a petition), then provider reports. */
const OUTSIDE_EVENT_SHARE = 0.012;
const PROVIDER_REPORTED_SHARE = 0.72;
/** Share of completions needing a petition (other than outside events) that have one. */
const PETITIONED_SHARE = 0.3;

class LargeSeeder {
  private readonly days: Days;
  private readonly currentYear: number;
  private readonly loader: BulkLoader;
  private readonly w: Writers;
  private readonly decisions: PendingDecision[] = [];
  private readonly providers: ProviderPlan[] = [];
  /** Courses that were in the catalogue (approved or retired): what completions refer to. */
  private readonly catalogue: CoursePlan[] = [];
  private readonly cycles: CertificationCycles;
  private readonly lastId = { providerPeriod: 0, coursePeriod: 0, card: 0, completion: 0, petition: 0 };
  /** The program's policy, as its record in the database says (read at the start of `run`). */
  private policy!: ProgramPolicy;

  constructor(
    private readonly db: OpenDatabase,
    clock: Clock,
    private readonly scale: LargeScale,
    private readonly log: (line: string) => void,
  ) {
    this.days = new Days(today(clock));
    this.currentYear = this.days.year(this.days.today);
    this.loader = new BulkLoader(db);
    this.w = createWriters(this.loader);
    this.cycles = {
      issuedOn: new Int32Array(scale.trainers + 1),
      cycleStartsOn: new Int32Array(scale.trainers + 1),
      expiresOn: new Int32Array(scale.trainers + 1),
    };
  }

  async run(): Promise<LargeSeedCounts> {
    this.policy = policyIn((await ProgramCatalog.read(this.db.reader)).of(PROGRAM), this.days.date(this.days.today));
    await this.loader.transaction(() => this.writeCatalogue());
    this.log(`catalogue: ${this.w.provider.written} providers, ${this.w.course.written} courses`);
    await this.writeTrainers();
    await this.writeCompletions();
    await this.loader.transaction(() => this.writeDecisions());
    this.log(`decision log: ${this.w.decision.written} entries`);
    return this.counts();
  }

  private counts(): LargeSeedCounts {
    const w = this.w;
    return {
      providers: w.provider.written,
      providerApprovalPeriods: w.providerPeriod.written,
      courses: w.course.written,
      courseTopics: w.courseTopic.written,
      courseApprovalPeriods: w.coursePeriod.written,
      trainers: w.trainer.written,
      certifications: w.certification.written,
      cprAedCards: w.card.written,
      completions: w.completion.written,
      petitions: w.petition.written,
      decisionLogEntries: w.decision.written,
    };
  }

  /** Records a staff decision for the log (written last, in date order); answers its timestamp. */
  private decide(
    day: number,
    window: [number, number],
    random: Random,
    decision: Omit<PendingDecision, 'occurredAt'>,
  ): string {
    const occurredAt = this.days.stamp(day, random, window);
    this.decisions.push({ occurredAt, ...decision });
    return occurredAt;
  }

  // --- providers and courses ------------------------------------------------------------------

  private async writeCatalogue(): Promise<void> {
    const random = new Random('providers');
    for (let id = 1; id <= this.scale.providers; id++) {
      this.providers.push(id === 1 ? await this.addCertifyingBody(random) : await this.addPartner(id, random));
    }
    await this.writeCourses(new Random('courses'));
  }

  private async addCertifyingBody(random: Random): Promise<ProviderPlan> {
    const from = this.days.today - 3650;
    const plan: ProviderPlan = {
      id: 1,
      kind: 'CERTIFYING_BODY',
      name: CERTIFYING_BODY.name,
      code: CERTIFYING_BODY.code,
      status: 'APPROVED',
      approvedFrom: from,
      suspendedOn: null,
      periods: [{ from: this.days.date(from), through: null }],
    };
    const createdAt = this.days.stamp(from, random, MORNING);
    await this.writeProvider(plan, 'nasm', null, createdAt, createdAt);
    return plan;
  }

  /** A partner in its status, with the approval history and decisions that led there. */
  private async addPartner(id: number, random: Random): Promise<ProviderPlan> {
    const status = partnerStatus(id);
    const { name, code, slug } = partnerName(id - 2);
    const plan: ProviderPlan = {
      id,
      kind: 'PARTNER',
      name,
      code,
      status,
      approvedFrom: null,
      suspendedOn: null,
      periods: [],
    };
    const t = this.days.today;
    if (status === 'PENDING') {
      const createdAt = this.days.stamp(t - random.int(1, 90), random, MORNING);
      await this.writeProvider(plan, slug, null, createdAt, createdAt);
      return plan;
    }
    if (status === 'REJECTED') {
      const createdOn = t - random.int(30, 900);
      const reason = random.pick(REJECTION_REASONS);
      const decidedAt = this.providerDecision(
        plan,
        Math.min(createdOn + random.int(3, 30), this.days.last),
        reason,
        random,
      );
      await this.writeProvider(plan, slug, reason, this.days.stamp(createdOn, random, MORNING), decidedAt);
      return plan;
    }
    const from = t - random.int(150, 3300);
    plan.approvedFrom = from;
    let updatedAt = this.providerDecision({ ...plan, status: 'APPROVED' }, from, null, random);
    let reason: string | null = null;
    if (status === 'SUSPENDED') {
      plan.suspendedOn = random.int(from + 90, this.days.last);
      reason = random.pick(SUSPENSION_REASONS);
      updatedAt = this.providerDecision(plan, plan.suspendedOn, reason, random);
    }
    plan.periods = [
      { from: this.days.date(from), through: plan.suspendedOn === null ? null : this.days.date(plan.suspendedOn) },
    ];
    await this.writeProvider(plan, slug, reason, this.days.stamp(from - random.int(7, 60), random, MORNING), updatedAt);
    return plan;
  }

  private providerDecision(plan: ProviderPlan, day: number, reason: string | null, random: Random): string {
    return this.decide(day, MIDDAY, random, {
      action: `PROVIDER_${plan.status}`,
      subjectType: 'Provider',
      subjectId: plan.id,
      reason,
      details: { status: plan.status, effectiveOn: this.days.date(day) },
    });
  }

  private async writeProvider(
    plan: ProviderPlan,
    slug: string,
    statusReason: string | null,
    createdAt: string,
    updatedAt: string,
  ): Promise<void> {
    await this.w.provider.add([
      plan.id,
      plan.kind,
      plan.name,
      foldName(plan.name),
      `ce@${slug}.example`,
      `https://www.${slug}.example`,
      plan.status,
      statusReason,
      createdAt,
      updatedAt,
    ]);
    for (const period of plan.periods) {
      await this.w.providerPeriod.add([++this.lastId.providerPeriod, plan.id, period.from, period.through]);
    }
    // Every provider of the large dataset is on the personal-trainer list.
    await this.w.providerProgram.add([plan.id, PROGRAM, createdAt]);
  }

  /** Courses go to providers that were ever approved, a few large catalogues and many small ones. */
  private async writeCourses(random: Random): Promise<void> {
    const owners = this.providers.filter((p) => p.approvedFrom !== null);
    const weights = owners.map((p) => (p.kind === 'CERTIFYING_BODY' ? 4 : 0.2 + random.next() ** 3 * 3));
    const shares = splitByWeight(this.scale.courses, weights);
    let id = 0;
    for (let i = 0; i < owners.length; i++) {
      for (let n = 0; n < shares[i]; n++) await this.addCourse(++id, owners[i], n, random);
    }
  }

  private async addCourse(id: number, provider: ProviderPlan, index: number, random: Random): Promise<void> {
    const status = random.weighted(COURSE_STATUS_MIX);
    const topics = this.topics(random);
    const title = random.pick(TITLE_FORMS)(random.pick(SUBJECTS[topics[0]]));
    const code = `${provider.code}-${101 + index}`;
    const tenths = random.weighted(CONTACT_HOUR_TENTHS);
    const from = provider.approvedFrom as number;
    const lastAllowed = provider.suspendedOn ?? this.days.last;
    let history: CourseHistory;
    if (status === 'PENDING_REVIEW' || status === 'REJECTED') {
      history = this.unapprovedHistory(id, status, random.int(from, lastAllowed), random);
    } else {
      const approvedOn = from + 7 + Math.floor((lastAllowed - from - 8) * random.next() ** 2);
      const ceu = random.chance(0.1)
        ? Math.max(5, Math.round((tenths * 0.8) / 5) * 5)
        : programCeu(tenths, this.policy);
      history = this.approvalHistory(id, provider, approvedOn, ceu, status === 'RETIRED', random);
      history.createdOn = approvedOn - random.int(0, Math.min(30, approvedOn - from));
      this.catalogue.push({
        id,
        provider,
        title,
        tenths,
        ceu,
        createdOn: history.createdOn,
        facts: { providerKind: provider.kind, providerPeriods: provider.periods, coursePeriods: history.periods },
      });
    }
    const createdAt = this.days.stamp(history.createdOn, random, MORNING);
    await this.w.course.add([
      id,
      provider.id,
      code,
      title,
      courseSearchText(code, title),
      random.chance(0.8) ? `${title}: a continuing-education course for certified personal trainers.` : null,
      random.pick(DELIVERY_FORMATS),
      tenths,
      history.ceu,
      status,
      history.reason,
      history.renewalYear,
      createdAt,
      history.updatedAt ?? createdAt,
    ]);
    for (const topic of topics) await this.w.courseTopic.add([id, topic]);
    for (const period of history.periods) {
      await this.w.coursePeriod.add([++this.lastId.coursePeriod, id, period.from, period.through]);
    }
    if (history.ceu !== null && history.periods.length) {
      await this.w.courseProgram.add([id, PROGRAM, history.ceu, null, history.periods[0].from, createdAt]);
    }
  }

  /** One to three distinct topics, in the order of the primary key. */
  private topics(random: Random): Topic[] {
    const count = random.weighted([
      [1, 5],
      [2, 4],
      [3, 1],
    ] as const);
    const chosen = new Set<Topic>();
    while (chosen.size < count) chosen.add(random.pick(TOPICS));
    return [...chosen].sort();
  }

  private unapprovedHistory(
    id: number,
    status: 'PENDING_REVIEW' | 'REJECTED',
    createdOn: number,
    random: Random,
  ): CourseHistory {
    const history: CourseHistory = {
      createdOn,
      ceu: null,
      periods: [],
      reason: null,
      renewalYear: null,
      updatedAt: null,
    };
    if (status === 'REJECTED') {
      history.reason = random.pick(COURSE_REJECTION_REASONS);
      history.updatedAt = this.decide(Math.min(createdOn + random.int(2, 30), this.days.last), MIDDAY, random, {
        action: 'COURSE_REJECTED',
        subjectType: 'Course',
        subjectId: id,
        reason: history.reason,
        details: {},
      });
    }
    return history;
  }

  /**
   * R4: approved on a day, covered through 31 December, renewed each year since (confirmed in
   * December, covering from 1 January) while the provider stayed approved, unless the course
   * lapsed or was retired. A few approved courses ask for next year's renewal.
   */
  private approvalHistory(
    id: number,
    provider: ProviderPlan,
    approvedOn: number,
    ceu: number,
    retire: boolean,
    random: Random,
  ): CourseHistory {
    const first = approvalPeriod(this.days.date(approvedOn));
    let updatedAt = this.decide(approvedOn, MIDDAY, random, {
      action: 'COURSE_APPROVED',
      subjectType: 'Course',
      subjectId: id,
      reason: null,
      details: { ceuValue: formatCeu(ceu), period: first },
    });
    let lastDecision = approvedOn;
    const lastAllowed = provider.suspendedOn ?? this.days.last;
    const retiredOn = retire ? random.int(approvedOn, lastAllowed) : null;
    const lapses = !retire && random.chance(0.05);
    let periods: Period[] = [first];
    for (let year = this.days.year(approvedOn) + 1; year <= this.currentYear; year++) {
      if (lapses && random.chance(0.5)) break;
      const confirmedOn = Math.max(approvedOn, Days.of(fromParts(year - 1, 12, random.int(1, 20))));
      if (confirmedOn > (retiredOn ?? lastAllowed)) break;
      const period = renewalPeriod(year, this.days.date(confirmedOn)) as Period;
      periods.push(period);
      lastDecision = confirmedOn;
      updatedAt = this.decide(confirmedOn, EVENING, random, {
        action: 'COURSE_RENEWAL_APPROVED',
        subjectType: 'Course',
        subjectId: id,
        reason: null,
        details: { year, period },
      });
    }
    const history: CourseHistory = { createdOn: approvedOn, ceu, periods, reason: null, renewalYear: null, updatedAt };
    if (retiredOn !== null) {
      history.reason = random.pick(RETIREMENT_REASONS);
      history.periods = periods = endCoverage(periods, this.days.date(retiredOn));
      history.updatedAt = this.decide(retiredOn, EVENING, random, {
        action: 'COURSE_RETIRED',
        subjectType: 'Course',
        subjectId: id,
        reason: history.reason,
        details: { effectiveOn: this.days.date(retiredOn) },
      });
    } else if (provider.status === 'APPROVED' && this.coversYear(periods, this.currentYear) && random.chance(0.08)) {
      history.renewalYear = this.currentYear + 1;
      const requestedOn = Math.max(lastDecision, this.days.last - random.int(0, 45));
      history.updatedAt = this.days.stamp(requestedOn, random, EVENING);
    }
    return history;
  }

  private coversYear(periods: readonly Period[], year: number): boolean {
    return periods.some((p) => p.through !== null && yearOf(p.through) === year);
  }

  // --- trainers ---------------------------------------------------------------------------------

  private async writeTrainers(): Promise<void> {
    const random = new Random('trainers');
    const total = this.scale.trainers;
    for (let start = 1; start <= total; start += TRAINERS_PER_TRANSACTION) {
      const end = Math.min(total, start + TRAINERS_PER_TRANSACTION - 1);
      await this.loader.transaction(async () => {
        for (let id = start; id <= end; id++) await this.addTrainer(id, random);
      });
      this.log(`trainers: ${end} of ${total}`);
    }
  }

  /**
   * A trainer with one CPT certification at any point of its cycle: from lapsed (expired over
   * a year ago) to just renewed. Most were renewed at least once; most hold a CPR/AED card.
   */
  private async addTrainer(id: number, random: Random): Promise<void> {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const expires = this.days.today + random.int(-520, 700);
    const expiresOn = this.days.date(expires);
    const renewed = random.chance(0.6);
    const previousExpiry = Days.of(addMonths(expiresOn, -this.policy.cycleMonths));
    const cycleStartsOn = renewed ? previousExpiry + 1 : previousExpiry;
    const issuedOn = renewed
      ? Days.of(addMonths(expiresOn, -this.policy.cycleMonths * random.int(2, 4)))
      : cycleStartsOn;
    const createdAt = this.days.stamp(issuedOn, random, MORNING);
    const names = trainerNameColumns(firstName, lastName);
    await this.w.trainer.add([
      id,
      names.firstName,
      names.lastName,
      names.firstNameKey,
      names.lastNameKey,
      `${mailPart(firstName)}.${mailPart(lastName)}.${id}@trainers.example`,
      createdAt,
    ]);
    await this.w.certification.add([
      id,
      id,
      PROGRAM,
      `CPT-${CERTIFICATION_NUMBER_BASE + id}`,
      this.days.date(issuedOn),
      this.days.date(cycleStartsOn),
      expiresOn,
      createdAt,
    ]);
    this.cycles.issuedOn[id] = issuedOn;
    this.cycles.cycleStartsOn[id] = cycleStartsOn;
    this.cycles.expiresOn[id] = expires;
    if (random.chance(0.7)) await this.addCard(id, random);
  }

  private async addCard(trainerId: number, random: Random): Promise<void> {
    const issuedOn = this.days.last - random.int(0, 760);
    const format = random.weighted(CARD_FORMAT_MIX);
    const issuer = format === 'ONLINE_ONLY' ? ONLINE_CARD_ISSUER : random.pick(CARD_ISSUERS);
    const issued = this.days.date(issuedOn);
    const initials = issuer
      .split(' ')
      .map((w) => w[0])
      .join('');
    await this.w.card.add([
      ++this.lastId.card,
      trainerId,
      issuer,
      `${initials}-${trainerId}-${issued.replace(/-/g, '')}`,
      issued,
      addMonths(issued, 24),
      this.loader.bool(true),
      this.loader.bool(random.chance(0.97)),
      format,
      this.days.stamp(issuedOn + random.int(0, 20), random, EVENING),
    ]);
  }

  // --- completions and petitions ----------------------------------------------------------------

  private async writeCompletions(): Promise<void> {
    const { trainers, completions } = this.scale;
    if (completions === 0) return;
    const random = new Random('completions');
    const spread = new Spread(completions, trainers, new Random('completion-counts'));
    const perTransaction = Math.max(1, Math.ceil(COMPLETIONS_PER_TRANSACTION / (completions / trainers)));
    for (let start = 1; start <= trainers; start += perTransaction) {
      const end = Math.min(trainers, start + perTransaction - 1);
      await this.loader.transaction(async () => {
        for (let id = start; id <= end; id++) await this.addCompletions(id, spread.next(), random);
      });
      this.log(`completions: ${this.w.completion.written} of ${completions}, petitions: ${this.w.petition.written}`);
    }
  }

  /** A certification's completions, in date order so that ids follow the transcript. */
  private async addCompletions(certificationId: number, count: number, random: Random): Promise<void> {
    const planned = this.planCompletions(certificationId, count, random);
    planned.sort((a, b) => a.day - b.day || (a.course?.id ?? 0) - (b.course?.id ?? 0));
    for (const completion of planned) await this.writeCompletion(certificationId, completion, random);
  }

  /** `count` completions, distinct by course and date (the unique key of the table). */
  private planCompletions(certificationId: number, count: number, random: Random): PlannedCompletion[] {
    const seen = new Set<number>();
    const planned: PlannedCompletion[] = [];
    for (let attempt = 0; planned.length < count; attempt++) {
      if (attempt > count * 50 + 100) {
        throw new Error(`Cannot place ${count} distinct completions on certification ${certificationId}.`);
      }
      const completion = this.planCompletion(certificationId, random);
      const key = (completion.course?.id ?? 0) * 100_000 + completion.day;
      if (seen.has(key)) continue;
      seen.add(key);
      planned.push(completion);
    }
    return planned;
  }

  /**
   * One completion. Providers report courses their approval covered on the date (R3); trainers
   * self-report catalogue courses, which then count or need a petition as R3 decides; a few
   * events outside the catalogue come in with a petition.
   */
  private planCompletion(certificationId: number, random: Random): PlannedCompletion {
    const day = this.completionDay(certificationId, random);
    const date = this.days.date(day);
    const roll = random.next();
    if (roll < OUTSIDE_EVENT_SHARE || this.catalogue.length === 0) {
      return { day, course: null, source: 'PETITION', decision: decideCreditPath(null, date) };
    }
    if (roll < OUTSIDE_EVENT_SHARE + PROVIDER_REPORTED_SHARE) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const course = this.pickCourse(random);
        const decision = decideCreditPath(course.facts, date);
        if (decision.path === 'AUTOMATIC') return { day, course, source: 'PROVIDER_REPORTED', decision };
      }
    }
    let course = this.pickCourse(random);
    for (let attempt = 0; attempt < 4 && course.createdOn > day; attempt++) course = this.pickCourse(random);
    return { day, course, source: 'SELF_REPORTED', decision: decideCreditPath(course.facts, date) };
  }

  /** Mostly in the current cycle (up to its coursework deadline), some in earlier cycles. */
  private completionDay(certificationId: number, random: Random): number {
    const issuedOn = this.cycles.issuedOn[certificationId];
    const startsOn = this.cycles.cycleStartsOn[certificationId];
    if (issuedOn < startsOn && random.chance(0.25)) return random.int(issuedOn, startsOn - 1);
    const deadline = this.cycles.expiresOn[certificationId] + this.policy.courseworkGraceDays;
    return random.int(startsOn, Math.min(this.days.last, deadline));
  }

  /** Popular courses are taken far more often than the rest. */
  private pickCourse(random: Random): CoursePlan {
    const r = random.next();
    return this.catalogue[Math.floor(this.catalogue.length * r * r)];
  }

  private async writeCompletion(certificationId: number, planned: PlannedCompletion, random: Random): Promise<void> {
    const id = ++this.lastId.completion;
    const { course, source, decision } = planned;
    const reported = source === 'PROVIDER_REPORTED';
    const tenths = course ? course.tenths : random.pick(OUTSIDE_EVENT_TENTHS);
    const title = course ? course.title : random.pick(OUTSIDE_EVENTS);
    const providerName = course ? course.provider.name : random.pick(OUTSIDE_HOSTS);
    const createdOn = Math.min(planned.day + random.int(0, reported ? 21 : 45), this.days.last);
    const createdAt = this.days.stamp(createdOn, random, MORNING);
    const petitioned =
      decision.path === 'PETITION_REQUIRED' && (source === 'PETITION' || random.chance(PETITIONED_SHARE));
    const petition = petitioned
      ? this.planPetition(certificationId, id, source, createdOn, createdAt, tenths, random)
      : null;
    const ceu = decision.path === 'AUTOMATIC' ? (course as CoursePlan).ceu : (petition?.awardedCeuHundredths ?? 0);
    await this.w.completion.add([
      id,
      certificationId,
      course ? course.id : null,
      this.days.date(planned.day),
      source,
      decision.path,
      decision.reason,
      ceu,
      title,
      providerName,
      tenths,
      reported ? (course as CoursePlan).provider.id : null,
      this.loader.bool(reported),
      reported ? `${(course as CoursePlan).provider.code}-${id}` : null,
      createdAt,
    ]);
    if (petition) await this.writePetition(petition);
  }

  /**
   * R6: a petition on a completion that needs one: submitted with the entry (outside events)
   * or later; older ones decided by staff, recent ones often pending.
   */
  private planPetition(
    certificationId: number,
    completionId: number,
    source: CompletionSource,
    createdOn: number,
    createdAt: string,
    tenths: number,
    random: Random,
  ): PetitionRow {
    const withEntry = source === 'PETITION';
    const submittedOn = withEntry ? createdOn : Math.min(createdOn + random.int(0, 30), this.days.last);
    const submittedAt = withEntry ? createdAt : this.days.stamp(submittedOn, random, MIDDAY);
    const status = random.weighted(submittedOn > this.days.today - 60 ? RECENT_PETITION_MIX : OLDER_PETITION_MIX);
    const requested = programCeu(tenths, this.policy);
    const awarded = status === 'APPROVED' ? requested : null;
    const reason =
      status === 'DENIED'
        ? random.pick(DENIAL_REASONS)
        : status === 'WITHDRAWN' && random.chance(0.5)
          ? random.pick(WITHDRAWAL_REASONS)
          : null;
    const id = ++this.lastId.petition;
    const decidedOn = Math.min(submittedOn + random.int(1, 30), this.days.last);
    const decidedAt = status === 'PENDING' ? null : this.days.stamp(decidedOn, random, EVENING);
    if (status === 'APPROVED' || status === 'DENIED') {
      this.decisions.push({
        occurredAt: decidedAt as string,
        action: `PETITION_${status}`,
        subjectType: 'Petition',
        subjectId: id,
        reason,
        details: {
          awardedCeu: awarded === null ? null : formatCeu(awarded),
          completion: toGlobalId('Completion', completionId),
        },
      });
    }
    return {
      id,
      certificationId,
      completionId,
      status,
      justification: random.pick(JUSTIFICATIONS),
      requestedCeuHundredths: requested,
      awardedCeuHundredths: awarded,
      decisionReason: reason,
      submittedAt,
      decidedAt,
    };
  }

  private async writePetition(p: PetitionRow): Promise<void> {
    await this.w.petition.add([
      p.id,
      p.certificationId,
      p.completionId,
      p.status,
      p.justification,
      p.requestedCeuHundredths,
      p.awardedCeuHundredths,
      this.policy.petitionFee,
      this.policy.currencyCode,
      p.decisionReason,
      p.submittedAt,
      p.decidedAt,
    ]);
  }

  // --- decision log -----------------------------------------------------------------------------

  /** Every decision behind the rows, oldest first, so that log ids follow time as they do live. */
  private async writeDecisions(): Promise<void> {
    const random = new Random('staff');
    this.decisions.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
    let id = 0;
    for (const d of this.decisions) {
      await this.w.decision.add([
        ++id,
        d.occurredAt,
        'STAFF',
        random.pick(STAFF),
        d.action,
        d.subjectType,
        d.subjectId,
        d.reason,
        JSON.stringify(d.details),
      ]);
    }
    this.decisions.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Before and after the load

/** The tables the dataset fills; all must be empty. */
const FILLED_ENTITIES = [
  Provider,
  ProviderApprovalPeriod,
  ProviderProgram,
  Course,
  CourseApprovalPeriod,
  CourseProgramApproval,
  Trainer,
  Certification,
  CprAedCredential,
  Completion,
  Petition,
  DecisionLogEntry,
];

function resolveScale(given: Partial<LargeScale>): LargeScale {
  const scale: LargeScale = { ...LARGE_SCALE };
  for (const key of Object.keys(LARGE_SCALE) as (keyof LargeScale)[]) {
    const value = given[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0 || value > 2_000_000_000) {
      throw new RangeError(`The number of ${key} must be a whole number from 0.`);
    }
    scale[key] = value;
  }
  if (scale.courses > 0 && scale.providers < 1) throw new RangeError('Courses need at least one provider.');
  if (scale.completions > 0 && scale.trainers < 1) throw new RangeError('Completions need at least one trainer.');
  return scale;
}

async function assertEmpty(db: OpenDatabase): Promise<void> {
  for (const entity of FILLED_ENTITIES) {
    const table = db.writer.getMetadata(entity).tableName;
    const rows: unknown[] = await db.writer.query(`SELECT 1 FROM "${table}" LIMIT 1`);
    if (rows.length > 0) {
      throw new Error(`The large dataset is written only into an empty database; "${table}" has rows.`);
    }
  }
}

/**
 * SQLite settings for a one-off bulk load: no syncing (a crash mid-load leaves a database to
 * rebuild anyway), a large page cache, temporary B-trees in memory, and no foreign-key lookups
 * for rows that refer, by construction, to rows written before them (the e2e test runs
 * `PRAGMA foreign_key_check` on the result). The journal stays WAL: the application's reading
 * connection is open, and SQLite cannot leave WAL while it is.
 */
const SQLITE_BULK_PRAGMAS: Record<string, string> = {
  synchronous: 'OFF',
  cache_size: String(-256 * 1024),
  temp_store: 'MEMORY',
  foreign_keys: 'OFF',
};

/** Applies the bulk-load settings; answers a function that puts the previous ones back. */
async function tuneSqliteForBulkLoad(db: OpenDatabase): Promise<() => Promise<void>> {
  const before: Record<string, string> = {};
  for (const name of Object.keys(SQLITE_BULK_PRAGMAS)) {
    const [row] = (await db.writer.query(`PRAGMA ${name}`)) as Record<string, unknown>[];
    before[name] = String(Object.values(row)[0]);
  }
  for (const [name, value] of Object.entries(SQLITE_BULK_PRAGMAS)) await db.writer.query(`PRAGMA ${name} = ${value}`);
  return async () => {
    for (const [name, value] of Object.entries(before)) await db.writer.query(`PRAGMA ${name} = ${value}`);
    await db.writer.query('PRAGMA wal_checkpoint(TRUNCATE)');
  };
}

/** PostgreSQL: rows were written with explicit ids, so move each id sequence past them. */
async function advanceSequences(db: OpenDatabase): Promise<void> {
  for (const entity of FILLED_ENTITIES) {
    const metadata = db.writer.getMetadata(entity);
    // Tables keyed by what they join (a course's programs) have no sequence.
    if (!metadata.generatedColumns.some((c) => c.databaseName === 'id')) continue;
    const table = metadata.tableName;
    await db.writer.query(
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
    );
  }
}

function secondsSince(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

/**
 * Writes the large dataset (by default `LARGE_SCALE`) into an empty, migrated database: the
 * certifying body and partners in every status with their approval periods; courses, most
 * approved and renewed year by year, some pending, rejected, lapsed or retired; trainers with
 * one CPT certification each at every point of the cycle, most with a CPR/AED card; completions
 * over current and earlier cycles, provider-reported and self-reported, with the credit path R3
 * gives on their date and petitions where one is needed; and the decision log of all of it.
 *
 * The rows depend only on the scale and the clock's date (a seeded generator), and are written
 * with multi-row INSERTs in large transactions of the writer connection, then the planner's
 * statistics are refreshed (ANALYZE). Run it before the application takes traffic: on SQLite the
 * connection's sync and cache settings are changed for the duration of the load. `log` receives
 * progress lines.
 */
export async function seedLarge(
  db: OpenDatabase,
  clock: Clock,
  scale: Partial<LargeScale> = {},
  log: (line: string) => void = () => {},
): Promise<LargeSeedReport> {
  const started = performance.now();
  const resolved = resolveScale(scale);
  await assertEmpty(db);
  const restore = db.kind === 'sqlite' ? await tuneSqliteForBulkLoad(db) : async () => {};
  let counts: LargeSeedCounts;
  try {
    counts = await new LargeSeeder(db, clock, resolved, (line) => log(`${line} (${secondsSince(started)})`)).run();
  } finally {
    await restore();
  }
  if (db.kind === 'postgres') await advanceSequences(db);
  await db.writer.query('ANALYZE');
  log(`statistics refreshed (${secondsSince(started)})`);
  return { ...counts, scale: resolved, elapsedMs: Math.round(performance.now() - started) };
}
