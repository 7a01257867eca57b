import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../src/app';
import { DOWNLOAD_COSTS, FIELD_COSTS } from '../src/common/cost';
import { signToken } from '../src/common/tokens';
import { loadConfig } from '../src/config';
import { DEMO_API_KEY, seedDemo } from '../src/seed/demo';

/**
 * Measures what the weighted fields of FIELD_COSTS cost on the demo data, next to plain fields,
 * in one run on this machine: `npm run measure:costs`. Each figure is the median of several
 * runs of a query that calls the field many times, less the same query without it; a point is
 * the time per point of a plain query (a page of certification nodes with three scalar fields).
 * The printed table goes into the README beside the cost limit; the weights in the table are
 * these ratios, rounded.
 */

const RUNS = 15;
const N = 100;

interface Row {
  field: string;
  ms: number;
  points: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ceu-costs-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    SQLITE_PATH: path.join(dir, 'demo.sqlite'),
    RATE_LIMIT_PER_MINUTE: '0',
    QUERY_COST_PER_MINUTE: '0',
    AUTH_FAILURES_PER_MINUTE: '0',
    ANONYMOUS_MUTATIONS_PER_HOUR: '0',
    QUERY_MAX_COST: '100000000',
    QUERY_MAX_ALIASES: '1000',
    QUERY_MAX_TOKENS: '100000',
  });
  const app = await startApp({ config, beforeListen: (db, clock) => seedDemo(db, clock) });
  try {
    const staff = `Bearer ${await signToken(config.jwt, { role: 'STAFF', sub: 'cost.measure' })}`;
    const gql = async (query: string, variables: Record<string, unknown> = {}, authorization = staff) => {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (body.errors) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(body.errors).slice(0, 300)}`);
      return body.data!;
    };
    /** Median milliseconds of a request, after two warm-up runs. */
    const time = async (send: () => Promise<unknown>) => {
      for (let i = 0; i < 2; i++) await send();
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = process.hrtime.bigint();
        await send();
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return ms.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    };

    const certs = (
      (await gql('{ certifications(first: 100) { nodes { id number trainer { id lastName firstName } } } }'))
        .certifications as {
        nodes: { id: string; number: string; trainer: { id: string; lastName: string; firstName: string } }[];
      }
    ).nodes;
    const ids = Array.from({ length: N }, (_, i) => certs[i % certs.length].id);
    const nodes = (selection: string) => () => gql(`query($ids: [ID!]!) { nodes(ids: $ids) ${selection} }`, { ids });
    const aliases = (field: (i: number) => string) => () =>
      gql(`{ ${Array.from({ length: N }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`);

    // One point: the time per point of a plain page of N nodes with three scalar fields (cost 1 + N × 3).
    const plainMs = await time(nodes('{ ... on Certification { id number expiresOn } }'));
    const point = plainMs / (1 + N * 3);
    const rows: Row[] = [{ field: 'a plain field (one point)', ms: point, points: 1 }];
    const per = (field: string, withField: number, without: number, calls = N) => {
      const ms = (withField - without) / calls;
      rows.push({ field, ms, points: ms / point });
    };

    const bare = await time(nodes('{ ... on Certification { id } }'));
    per('Certification.compliance', await time(nodes('{ ... on Certification { id compliance { status } } }')), bare);
    per('Certification.cycles', await time(nodes('{ ... on Certification { id cycles { number } } }')), bare);
    const nodeAliases = await time(aliases((i) => `node(id: "${ids[i]}") { id }`));
    const transcripts = await time(aliases((i) => `transcript(certificationId: "${ids[i]}") { asOf }`));
    per('Query.transcript', transcripts, nodeAliases);
    per(
      'Transcript.compliance',
      await time(aliases((i) => `transcript(certificationId: "${ids[i]}") { asOf compliance { status } }`)),
      transcripts,
    );
    per(
      'Query.recertificationQuote',
      await time(
        aliases((i) => `recertificationQuote(certificationId: "${ids[i]}", receivedOn: "2026-01-15") { phase }`),
      ),
      nodeAliases,
    );
    const courses = await time(() => gql('{ courses(first: 100) { nodes { id } } }'));
    const courseCount = ((await gql('{ courses(first: 100) { nodes { id } } }')).courses as { nodes: unknown[] }).nodes
      .length;
    per(
      'Course.creditPath',
      await time(() => gql('{ courses(first: 100) { nodes { id creditPath { path } } } }')),
      courses,
      courseCount,
    );

    // Bulk inputs: the time of a row is the difference between 500 rows and 1, per row.
    const apexKey = `Bearer ${DEMO_API_KEY.prefix}_${DEMO_API_KEY.secret}`;
    const apexCourse = (
      (await gql('{ courses(first: 100, filter: { text: "APX" }) { nodes { id status } } }')).courses as {
        nodes: { id: string; status: string }[];
      }
    ).nodes.find((c) => c.status === 'APPROVED')!.id;
    const report = (n: number, round: number) => () =>
      gql(
        `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) { acceptedCount } }`,
        {
          input: {
            rows: Array.from({ length: n }, (_, i) => {
              const cert = certs[i % certs.length];
              return {
                certificationNumber: cert.number,
                lastName: cert.trainer.lastName,
                courseId: apexCourse,
                completedOn: '2026-01-05',
                externalRef: `measure-${round}-${i}`,
              };
            }),
          },
        },
        apexKey,
      );
    let round = 0;
    const reportOf = async (n: number) => time(() => report(n, ++round)());
    per('Mutation.reportCompletions (a row)', await reportOf(500), await reportOf(1), 499);
    const records = (n: number) => () =>
      gql(`mutation($input: ImportRecordsInput!) { importRecords(input: $input) { committed } }`, {
        input: {
          dryRun: true,
          records: Array.from({ length: n }, (_, i) => ({
            provider: {
              externalId: `measure-${i}`,
              name: `Measured Provider ${i}`,
              kind: 'PARTNER',
              contactEmail: 'ce@measured.example',
              status: 'PENDING',
              approvedPeriods: [],
            },
          })),
        },
      });
    per('Mutation.importRecords (a record)', await time(records(500)), await time(records(1)), 499);

    // Downloads (not GraphQL fields): one transcript as a PDF and as a signed credential.
    const download = (suffix: string) => async () => {
      const res = await fetch(`${app.url.replace(/\/graphql$/, '')}/transcripts/${certs[0].id}.${suffix}`, {
        headers: { authorization: staff },
      });
      await res.arrayBuffer();
    };
    const viewerMs = await time(() => gql('{ viewer { role } }'));
    per('GET /transcripts/{id}.pdf', await time(download('pdf')), viewerMs, 1);
    per('GET /transcripts/{id}.jwt', await time(download('jwt')), viewerMs, 1);

    console.log(
      `Demo data: ${certs.length} certifications; medians of ${RUNS} runs; one point = ${point.toFixed(4)} ms\n`,
    );
    console.log('| field | one call (ms) | measured points | weight in the table |');
    console.log('| --- | --: | --: | --: |');
    for (const row of rows) {
      const key = row.field.split(' ')[0];
      const table = FIELD_COSTS[key];
      const file = /\.(pdf|jwt)$/.exec(row.field)?.[1] as 'pdf' | 'jwt' | undefined;
      const weight = table
        ? row.field.includes('(a ')
          ? (table.perRow ?? 1)
          : table.weight
        : file
          ? DOWNLOAD_COSTS[file]
          : '—';
      console.log(`| ${row.field} | ${row.ms.toFixed(3)} | ${Math.max(0, row.points).toFixed(0)} | ${weight} |`);
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
