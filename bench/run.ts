/**
 * `npm run bench [-- --size demo|large] [--duration <s>] [--rounds <n>] [--warmup <s>]`
 *
 * Measures the API against two baselines, raw SQL and graphql-js in memory, for the same four
 * operations (catalogue page, transcript with compliance, reportCompletion, decidePetition), in
 * interleaved rounds, on the demo database and on the large one. Prints a table per size and
 * writes everything to bench/results/<YYYY-MM-DD>.json (<YYYY-MM-DD>-postgres.json on
 * PostgreSQL). Exits 1 when any answer or write failed its check; the performance targets are
 * reported as MET / NOT MET either way.
 */
import 'reflect-metadata';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../src/config';
import {
  databaseKind,
  PreparedDatabase,
  prepareDemo,
  prepareLarge,
  refreshStatistics,
  SIZE_NAMES,
  SizeName,
} from './database';
import { RunMeasure } from './load';
import {
  gitState,
  machine,
  pacedTable,
  Run,
  roundsTable,
  scaleShape,
  Summary,
  summarize,
  summaryTable,
  Verdict,
  verdicts,
  verdictTable,
  writeResults,
} from './report';
import { TargetServer } from './servers';
import { Session, SessionOptions } from './session';
import { createSubjects, REPORT_CERTIFICATIONS, Subjects } from './subjects';
import { TARGET_DESCRIPTIONS, TARGET_NAMES, TargetName } from './targets';
import { benchImport, ImportFigure, printImportFigure } from './import';

const ROOT = path.resolve(__dirname, '../..');

interface CliOptions extends SessionOptions {
  sizes: SizeName[];
  /** The API figures, the import figure, or both (the default). */
  parts: ('api' | 'import')[];
  /** One short round on the demo size: that the bench runs and its checks hold, not figures to keep. */
  smoke: boolean;
}

const USAGE =
  'usage: npm run bench -- [--smoke] [--only api|import] [--size demo|large] [--duration <s>] [--rounds <n>] [--warmup <s>]';

function positive(name: string, value: string | undefined, integer: boolean): number {
  const n = Number(value);
  if (!value || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} needs a positive ${integer ? 'whole ' : ''}number\n${USAGE}`);
  }
  return n;
}

/** The command line, with the defaults: both sizes, 5 s per round, 3 rounds, 2 s of warm-up. */
function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    sizes: [...SIZE_NAMES],
    parts: ['api', 'import'],
    duration: 5,
    rounds: 3,
    warmup: 2,
    smoke: false,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--smoke') {
      // One short round of the API on the demo size: that the bench runs, answers and checks hold.
      Object.assign(options, { sizes: ['demo'], parts: ['api'], duration: 1, rounds: 1, warmup: 0.5, smoke: true });
      i--;
    } else if (flag === '--only') {
      if (value !== 'api' && value !== 'import') throw new Error(`--only is api or import\n${USAGE}`);
      options.parts = [value];
    } else if (flag === '--size') {
      if (!SIZE_NAMES.includes(value as SizeName)) throw new Error(`--size is demo or large\n${USAGE}`);
      options.sizes = [value as SizeName];
    } else if (flag === '--duration') options.duration = positive('duration', value, false);
    else if (flag === '--rounds') options.rounds = positive('rounds', value, true);
    else if (flag === '--warmup') options.warmup = positive('warmup', value, false);
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

/**
 * The environment of every server: production mode with the keys and address it requires (made
 * for this run), no rate limits or cost budget, no demo seeding, quiet logs.
 */
function serverEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    PUBLIC_URL: 'https://ceu-ledger.bench.invalid',
    CREDENTIAL_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    WEBHOOK_SECRET_KEY: randomBytes(36).toString('base64url'),
    // No webhook dispatcher: the bench has no endpoints, and on SQLite its writes would meet the
    // baselines' writes to the shared database file (SQLITE_BUSY in another process).
    WEBHOOK_DISPATCH: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    QUERY_COST_PER_MINUTE: '0',
    AUTH_FAILURES_PER_MINUTE: '0',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  };
}

const log = (line: string) => console.log(`  ${line}`);

function compactRun(run: Run) {
  const m: RunMeasure = run.measure;
  return {
    round: run.round,
    operation: run.operation,
    target: run.target,
    connections: run.connections,
    requestsPerSecond: Math.round(m.requestsPerSecond),
    p50: m.p50,
    p99: m.p99,
    cpuMsPerRequest: run.cpuMsPerRequest === null ? null : Math.round(run.cpuMsPerRequest * 1000) / 1000,
    rssMb: run.rssMb,
    seconds: m.seconds,
    ok: m.ok,
    non2xx: m.non2xx,
    errors: m.errors,
    checked: m.checked,
    failedChecks: m.failed,
    problems: m.problems,
    writes: run.writes,
  };
}

async function databaseVersion(prepared: PreparedDatabase): Promise<string> {
  const { db } = prepared;
  if (db.kind === 'postgres') {
    const [row] = (await db.reader.query('SHOW server_version')) as { server_version: string }[];
    return `PostgreSQL ${row.server_version} (pg driver), ${prepared.location}`;
  }
  const [row] = (await db.reader.query('SELECT sqlite_version() AS version')) as { version: string }[];
  return `SQLite ${row.version} (sqlite3 driver, WAL), ${prepared.location}`;
}

async function startServers(prepared: PreparedDatabase, subjects: Subjects, env: NodeJS.ProcessEnv) {
  const serverEnv = {
    ...env,
    ...prepared.serverEnv,
    BENCH_CERTIFICATION_IDS: subjects.certificationRowIds.join(','),
  };
  const servers = {} as Record<TargetName, TargetServer>;
  try {
    for (const target of TARGET_NAMES) servers[target] = await TargetServer.start(target, serverEnv);
  } catch (error) {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    throw error;
  }
  return servers;
}

function describeSubjects(subjects: Subjects) {
  return {
    catalogue: 'courses(first: 50), anonymous: the first 50 courses of the public catalogue (oldest first)',
    transcript: `${subjects.transcript.certificationId}, read by its trainer: 60 completions in the current cycle`,
    reportCompletion: `each request a new (certification, course, date) on ${REPORT_CERTIFICATIONS} certifications per target, as their trainers`,
    decidePetition: 'each request approves another pending petition of the target’s pool, as staff',
  };
}

async function measureSize(
  prepared: PreparedDatabase,
  subjects: Subjects,
  options: CliOptions,
  env: NodeJS.ProcessEnv,
) {
  const servers = await startServers(prepared, subjects, env);
  const session = new Session(prepared.db, subjects, servers, options, log);
  try {
    log('pre-flight: each read from every target, validated and compared');
    await session.preflight();
    if (!session.failures.length) {
      await session.warmUp();
      await session.rounds();
      await session.pacedReads();
    }
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
  return session;
}

function printSize(size: SizeName, session: Session, options: CliOptions) {
  const summaries = summarize(session.runs);
  const list = verdicts(summaries, session.paced, session.runs);
  console.log(
    `\n${size}: medians of ${options.rounds} interleaved rounds of ${options.duration} s; reads at 10 connections, ` +
      'writes at 8; decidePetition runs are bounded by a count (each decision needs a pending petition): ' +
      `what the target decides in ${options.duration} s at its best rate so far\n`,
  );
  console.log(summaryTable(summaries));
  console.log('\nper round (req/s / p50 ms / p99 ms):');
  console.log(roundsTable(summaries));
  console.log('\nAPI reads paced at half its median maximum (autocannon overallRate):');
  console.log(pacedTable(session.paced));
  if (session.notes.length) console.log(`\nnotes:\n${session.notes.map((n) => `  - ${n}`).join('\n')}`);
  console.log('\ntargets:');
  console.log(verdictTable(list));
  console.log(
    session.failures.length
      ? `\nFAILED checks (${session.failures.length}):\n${session.failures.map((f) => `  - ${f}`).join('\n')}`
      : `\nchecks passed: ${session.runs.concat(session.warmups).reduce((n, r) => n + r.measure.checked, 0)} answers checked, ` +
          'no error, no non-2xx answer, every write found exactly once',
  );
  return { summaries, verdicts: list };
}

const CHECKS =
  'Every answer is checked. Reads: status 200 and the body starts with exactly the reference data ' +
  '(the API’s answer from the pre-flight, where it is validated in full — 50 courses each with id, code, title, ' +
  'CEU value, format, approvedThrough and provider id and name; 60 transcript entries, CEU totals and the ' +
  'compliance fields — and where both baselines must answer the same data byte for byte), with no errors. ' +
  'Writes: status 200, the body parsed in full, the completion or petition returned, no userErrors or errors. ' +
  'After each write run the rows are counted where the target keeps them (database for api and raw-sql, memory ' +
  'for graphql-js): each success is exactly one new completion / one approved petition with one decision-log ' +
  'entry, none lost or doubled; rows without an answer are allowed only for requests in flight when the run ended.';

async function benchSize(size: SizeName, options: CliOptions, env: NodeJS.ProcessEnv) {
  console.log(`\n== ${size}`);
  const prepared = size === 'demo' ? await prepareDemo() : await prepareLarge(log);
  if (!prepared) return { skipped: 'src/seed/large.ts does not exist yet' };
  try {
    const database = await databaseVersion(prepared);
    log(`database: ${database}`);
    log(`data: ${prepared.origin}`);
    const started = Date.now();
    const subjects = await createSubjects(prepared.db, loadConfig(env).jwt, log);
    await refreshStatistics(prepared.db);
    log(`subjects created in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const session = await measureSize(prepared, subjects, options, env);
    const { summaries, verdicts: list } = printSize(size, session, options);
    return {
      database,
      origin: prepared.origin,
      subjects: describeSubjects(subjects),
      summaries,
      paced: session.paced.map((p) => ({
        rate: p.rate,
        ...compactRun({
          operation: p.operation,
          measure: p.measure,
          round: 0,
          target: 'api',
          connections: 10,
          cpuMsPerRequest: null,
          rssMb: null,
        }),
      })),
      targets: list,
      passed: session.failures.length === 0,
      failures: session.failures,
      notes: session.notes,
      runs: session.runs.map(compactRun),
      warmups: session.warmups.map(compactRun),
    };
  } finally {
    await prepared.db.close();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const env = serverEnvironment();
  const git = gitState(ROOT);
  const host = machine(`${databaseKind()}; the three targets share each size's database`);
  console.log(`ceu-ledger bench, ${startedAt.toISOString()}`);
  console.log(`machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGb} GB, ${host.os}, Node ${host.node}`);
  console.log(`code: ${git.commit}${git.dirty ? ` + ${git.changedFiles} uncommitted changes` : ''}`);
  for (const target of TARGET_NAMES) console.log(`${target.padEnd(11)} ${TARGET_DESCRIPTIONS[target]}`);
  console.log(`database: ${host.database}`);
  const sizes: Record<string, unknown> = {};
  const summariesBySize: Partial<Record<SizeName, Summary[]>> = {};
  let passed = true;
  let importFigure: ImportFigure | { passed: false; failures: string[] } | null = null;
  if (options.parts.includes('import')) {
    console.log('\n== import');
    try {
      importFigure = await benchImport(ROOT, log);
      printImportFigure(importFigure);
    } catch (error) {
      console.error(`\nimport FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      importFigure = { passed: false, failures: [error instanceof Error ? error.message : String(error)] };
    }
    if (!importFigure.passed) passed = false;
  }
  for (const size of options.parts.includes('api') ? options.sizes : []) {
    try {
      const result = await benchSize(size, options, env);
      sizes[size] = result;
      if ('summaries' in result && result.summaries) summariesBySize[size] = result.summaries;
      if ('passed' in result && !result.passed) passed = false;
    } catch (error) {
      console.error(`\n${size} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sizes[size] = { passed: false, failures: [error instanceof Error ? error.message : String(error)] };
      passed = false;
    }
  }
  let scale: Verdict[] | null = null;
  if (summariesBySize.demo && summariesBySize.large) {
    scale = scaleShape(summariesBySize.demo, summariesBySize.large);
    console.log('\nscale shape: the same operations on the large database against the demo one');
    console.log(verdictTable(scale));
  }
  const file = writeResults(
    ROOT,
    startedAt,
    {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      passed,
      git,
      machine: host,
      options,
      targets: TARGET_DESCRIPTIONS,
      checks: CHECKS,
      sizes,
      scale,
      import: importFigure,
    },
    { smoke: options.smoke, database: process.env.DATABASE_URL ? 'postgres' : 'sqlite' },
  );
  console.log(`\n${CHECKS}`);
  console.log(`\nresults: ${path.relative(ROOT, file)}; ${passed ? 'all checks passed' : 'CHECKS FAILED'}`);
  process.exitCode = passed ? 0 : 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack) console.error(error.stack);
  process.exitCode = 1;
});
