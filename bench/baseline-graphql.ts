/**
 * Baseline "graphql-js in memory": a bare node:http server that runs graphql-js `execute` against
 * a small schema, written with `buildSchema`, covering exactly the fields the bench selects, over
 * data loaded from the bench database at start. Mutations change the memory only. Parsed and
 * validated documents are kept, as Apollo Server keeps them. It is what GraphQL execution costs
 * when data access costs nothing.
 *
 * Environment: PORT, SQLITE_PATH or DATABASE_URL, the API's JWT settings, and
 * BENCH_CERTIFICATION_IDS (the certifications to load, comma-separated row numbers).
 * `POST /bench/reload` loads the data again; `GET /bench/writes` tells what was written since.
 */
import { buildSchema, DocumentNode, execute, GraphQLError, parse, validate } from 'graphql';
import type { Identity } from '../src/common/identity';
import { isLocalDate } from '../src/rules/calendar';
import {
  BearerAuth,
  errorReply,
  json,
  parseGraphqlRequest,
  Reply,
  startServer,
  unauthenticated,
  runBaseline,
} from './baseline/http';
import { completionView, petitionView, Refusal, todayUtc } from './baseline/ledger';
import { MemoryLedger } from './baseline/memory-ledger';
import { openSqlClient, SqlClient } from './baseline/sql-client';

const SCHEMA = buildSchema(`
  scalar Date
  scalar Decimal
  scalar DateTime

  enum DeliveryFormat { IN_PERSON LIVE_ONLINE SELF_PACED_ONLINE HYBRID }
  enum CreditPath { AUTOMATIC PETITION_REQUIRED }
  enum Standing {
    COUNTED OUTSIDE_CYCLE USED_BY_EARLIER_APPLICATION SAME_COURSE_ALREADY_COUNTED
    PETITION_PENDING PETITION_NEEDED PETITION_DENIED
  }
  enum CertificationStatus { ACTIVE EXPIRED LAPSED }
  enum WindowPhase { ON_TIME LATE LATE_ADDITIONAL_FEE CLOSED }
  enum CprAedStatus { VALID ACCEPTED_UNDER_WAIVER MISSING EXPIRED COVERAGE_INCOMPLETE HANDS_ON_REQUIRED }
  enum BlockerCode {
    CLOSED CE_SHORT CPR_AED_MISSING CPR_AED_EXPIRED CPR_AED_COVERAGE CPR_AED_HANDS_ON ALREADY_APPLIED
  }
  enum DeadlineKind { EXPIRES LATE_FEE_STARTS ADDITIONAL_FEE_STARTS WINDOW_CLOSES }
  enum PetitionStatus { PENDING APPROVED DENIED WITHDRAWN }
  enum PetitionDecision { APPROVE DENY }
  enum UserErrorCode {
    NOT_FOUND DUPLICATE_COMPLETION FUTURE_DATE BEFORE_CERTIFICATION INVALID_TRANSITION CONCURRENT_UPDATE OUT_OF_RANGE
  }

  type Provider { id: ID! name: String! }
  type Course {
    id: ID! code: String! title: String! ceuValue: Decimal deliveryFormat: DeliveryFormat! approvedThrough: Date
    provider: Provider!
  }
  type CourseConnection { nodes: [Course!]! }

  type CycleInfo { startsOn: Date! expiresOn: Date! courseworkDeadline: Date! }
  type Completion { id: ID! title: String! completedOn: Date! creditPath: CreditPath! ceuValue: Decimal! }
  type TranscriptEntry { standing: Standing! countedCeu: Decimal! completion: Completion! }
  type CeuTotals { earned: Decimal! pending: Decimal! required: Decimal! remaining: Decimal! }
  type RecertificationWindow {
    phase: WindowPhase! expiresOn: Date! lateFeeFrom: Date! additionalFeeFrom: Date! closesOn: Date!
  }
  type CprAedCompliance { status: CprAedStatus! counts: Boolean! earned: Decimal! required: Decimal! }
  type Money { amount: Decimal! currencyCode: String! }
  type RecertificationQuote { phase: WindowPhase! total: Money! }
  type Blocker { code: BlockerCode! message: String! }
  type Deadline { date: Date! kind: DeadlineKind! }
  type Compliance {
    status: CertificationStatus! acceptable: Boolean! totalEarned: Decimal! totalRequired: Decimal!
    window: RecertificationWindow! continuingEducation: CeuTotals! cprAed: CprAedCompliance!
    quote: RecertificationQuote! blockers: [Blocker!]! nextDeadline: Deadline
  }
  type Transcript {
    asOf: Date! cycle: CycleInfo! entries: [TranscriptEntry!]! ceu: CeuTotals! compliance: Compliance!
  }

  type UserError { code: UserErrorCode! message: String! }
  type Petition { id: ID! status: PetitionStatus! awardedCeu: Decimal decidedAt: DateTime }
  type CompletionPayload { completion: Completion userErrors: [UserError!]! }
  type PetitionPayload { petition: Petition userErrors: [UserError!]! }

  input ReportCompletionInput { certificationId: ID courseId: ID! completedOn: Date! idempotencyKey: String }
  input DecidePetitionInput { petitionId: ID! decision: PetitionDecision! awardedCeu: Decimal reason: String }

  type Query {
    courses(first: Int): CourseConnection!
    transcript(certificationId: ID!): Transcript
  }
  type Mutation {
    reportCompletion(input: ReportCompletionInput!): CompletionPayload!
    decidePetition(input: DecidePetitionInput!): PetitionPayload!
  }
`);

interface Context {
  identity: Identity;
  ledger: MemoryLedger;
}

function forbidden(): GraphQLError {
  return new GraphQLError('Not allowed for this caller.', { extensions: { code: 'FORBIDDEN' } });
}

/** Runs a write; a refusal becomes the payload's userErrors. */
function payload<T>(field: string, write: () => T): Record<string, unknown> {
  try {
    return { [field]: write(), userErrors: [] };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { [field]: null, userErrors: [error.userError] };
  }
}

const ROOT = {
  courses: (args: { first?: number | null }, ctx: Context) => ctx.ledger.cataloguePage(args.first ?? 20),
  transcript: (args: { certificationId: string }, ctx: Context) =>
    ctx.ledger.transcript(ctx.identity, args.certificationId, todayUtc()),
  reportCompletion: (
    args: { input: { certificationId?: string | null; courseId: string; completedOn: string } },
    ctx: Context,
  ) => {
    const { identity, ledger } = ctx;
    if (identity.kind !== 'TRAINER' && identity.kind !== 'STAFF') throw forbidden();
    if (!isLocalDate(args.input.completedOn)) {
      throw new GraphQLError('Date must be a real calendar date written YYYY-MM-DD', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const now = new Date().toISOString();
    return payload('completion', () => completionView(ledger.selfReport(identity, args.input, now)));
  },
  decidePetition: (args: { input: { petitionId: string; decision: string } }, ctx: Context) => {
    const { identity, ledger } = ctx;
    if (identity.kind !== 'STAFF') throw forbidden();
    const now = new Date().toISOString();
    return payload('petition', () => petitionView(ledger.approve(identity.staffId, args.input.petitionId, now)));
  },
};

/** Parsed and validated documents by their text, as Apollo Server's document store keeps them. */
class DocumentCache {
  private readonly documents = new Map<string, DocumentNode>();

  get(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
    const known = this.documents.get(query);
    if (known) return { document: known };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: [error as GraphQLError] };
    }
    const errors = validate(SCHEMA, document);
    if (errors.length) return { errors };
    this.documents.set(query, document);
    return { document };
  }
}

async function answerGraphql(
  body: string,
  authorization: string | undefined,
  ledger: MemoryLedger,
  auth: BearerAuth,
  documents: DocumentCache,
): Promise<Reply> {
  const request = parseGraphqlRequest(body);
  if (!request?.query) return errorReply(400, 'BAD_REQUEST', 'No query.');
  const identity = await auth.identify(authorization, ledger.hasTrainer);
  if (!identity) return unauthenticated();
  const prepared = documents.get(request.query);
  if ('errors' in prepared) return json(400, { errors: prepared.errors });
  const result = await execute({
    schema: SCHEMA,
    document: prepared.document,
    rootValue: ROOT,
    contextValue: { identity, ledger } satisfies Context,
    variableValues: request.variables,
    operationName: request.operationName,
  });
  return json(200, result);
}

function certificationIds(): number[] {
  return (process.env.BENCH_CERTIFICATION_IDS ?? '')
    .split(',')
    .filter(Boolean)
    .map((id) => Number(id));
}

async function main(): Promise<SqlClient> {
  const sql: SqlClient = await openSqlClient();
  let ledger = await MemoryLedger.load(sql, certificationIds());
  const auth = new BearerAuth();
  const documents = new DocumentCache();
  await startServer(Number(process.env.PORT), {
    'POST /graphql': (req, body) => answerGraphql(body, req.headers.authorization, ledger, auth, documents),
    'POST /bench/reload': async () => {
      ledger = await MemoryLedger.load(sql, certificationIds());
      return json(200, { reloaded: true });
    },
    'GET /bench/writes': async () => json(200, ledger.writesSinceLoad()),
  });
  return sql;
}

runBaseline(main);
