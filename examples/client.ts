import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import {
  CatalogueSearchDocument,
  CompletionReportRow,
  DecidePetitionDocument,
  DecidePetitionMutation,
  PendingReviewsDocument,
  ProviderViewerDocument,
  QuoteRecertificationDocument,
  ReportCompletionsDocument,
  ReportCompletionsMutation,
  TrainerTranscriptDocument,
  TrainerViewerDocument,
} from './generated/graphql';

/**
 * A small typed client for the ceu-ledger API. The documents in `./generated/graphql` carry the
 * types of their result and variables, so `request` checks the variables it is given and types
 * the data it answers, with no hand-written interface:
 *
 *   const client = createClient('http://localhost:4000/graphql');
 *   const data = await client.request(CatalogueSearchDocument, { first: 5 });
 *   data.courses.nodes[0]?.title; // string
 */

/** One entry of a GraphQL `errors` list. */
export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

/** The server answered with GraphQL errors (or without data): a client or server fault. */
export class GraphQLRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLErrorEntry[],
  ) {
    super(errors.length ? errors.map((e) => e.message).join('; ') : `no data in the answer (HTTP ${status})`);
    this.name = 'GraphQLRequestError';
  }
}

export interface Client {
  /**
   * Sends one operation. `token` is the credential sent as `Authorization: Bearer <token>`: a
   * provider partner's API key (`ceu_live_…`) or a portal or staff JWT; leave it out to call as
   * the anonymous public.
   */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    token?: string,
  ): Promise<TResult>;
}

export function createClient(endpoint: string): Client {
  return {
    async request<TResult, TVariables>(
      document: TypedDocumentNode<TResult, TVariables>,
      variables: TVariables,
      token?: string,
    ): Promise<TResult> {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await res.json()) as { data?: TResult | null; errors?: GraphQLErrorEntry[] };
      if (body.errors?.length || body.data == null) throw new GraphQLRequestError(res.status, body.errors ?? []);
      return body.data;
    },
  };
}

/** `request` against CEU_LEDGER_URL, or a local server. */
export const { request } = createClient(process.env.CEU_LEDGER_URL ?? 'http://localhost:4000/graphql');

// Usage, one function per kind of client. Results and variables are checked by the compiler:
// a misspelt field, a missing variable or a wrong enum value does not compile.

/** The public catalogue (no credential): approved courses that count automatically on a date. */
export async function catalogueUsage(client: Client, on: string): Promise<string[]> {
  const { courses } = await client.request(CatalogueSearchDocument, {
    first: 10,
    filter: { topic: 'CORRECTIVE_EXERCISE', creditPath: 'AUTOMATIC', on },
    on,
  });
  return courses.nodes.map(
    (course) => `${course.code} ${course.title}: ${course.ceuValue ?? course.contactHours} by ${course.provider.name}`,
  );
}

/** A provider partner (its API key): reports completions, row by row. */
export async function providerUsage(
  client: Client,
  apiKey: string,
  rows: CompletionReportRow[],
  idempotencyKey: string,
): Promise<ReportCompletionsMutation['reportCompletions']> {
  const { viewer } = await client.request(ProviderViewerDocument, {}, apiKey);
  if (viewer.role !== 'PROVIDER' || !viewer.provider) throw new Error('not a provider partner key');
  const { reportCompletions } = await client.request(
    ReportCompletionsDocument,
    { input: { idempotencyKey, rows } },
    apiKey,
  );
  for (const row of reportCompletions.results) {
    if (row.status !== 'ACCEPTED' && row.status !== 'DUPLICATE') {
      console.warn(
        `${viewer.provider.name}: row ${row.index} (${row.externalRef ?? '-'}) ${row.status}: ${row.message}`,
      );
    }
  }
  return reportCompletions;
}

/** The trainer portal (a trainer's JWT): how far from recertifying, and what applying would cost. */
export async function trainerPortalUsage(
  client: Client,
  token: string,
): Promise<{ number: string; remaining: string; acceptable: boolean; onTimeTotal: string | null }> {
  const { viewer } = await client.request(TrainerViewerDocument, {}, token);
  const certification = viewer.trainer?.certifications[0];
  if (!certification) throw new Error('the caller holds no certification');
  const { transcript } = await client.request(TrainerTranscriptDocument, { certificationId: certification.id }, token);
  if (!transcript) throw new Error(`transcript of ${certification.number} not visible`);
  const { recertificationQuote: quote } = await client.request(
    QuoteRecertificationDocument,
    { certificationId: certification.id, receivedOn: certification.expiresOn },
    token,
  );
  return {
    number: certification.number,
    remaining: transcript.ceu.remaining,
    acceptable: transcript.compliance.acceptable,
    onTimeTotal: quote ? `${quote.total.amount} ${quote.total.currencyCode}` : null,
  };
}

/** Staff (a staff JWT): approve the oldest pending petition with the CEUs it asks for. */
export async function staffUsage(
  client: Client,
  token: string,
): Promise<DecidePetitionMutation['decidePetition'] | null> {
  const { petitions } = await client.request(PendingReviewsDocument, { first: 5 }, token);
  const oldest = petitions.nodes[0];
  if (!oldest) return null;
  const { decidePetition } = await client.request(
    DecidePetitionDocument,
    { input: { petitionId: oldest.id, decision: 'APPROVE', awardedCeu: oldest.requestedCeu } },
    token,
  );
  return decidePetition;
}
