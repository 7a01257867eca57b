/**
 * One size's bench: the three targets served side by side, a pre-flight that validates each
 * read answer and compares it across targets, a thrown-away warm-up, interleaved rounds, and the
 * API's reads paced at half its maximum rate.
 */
import { OpenDatabase } from '../src/database/data-source';
import { dateOf } from '../src/rules/calendar';
import { refreshStatistics } from './database';
import { LoadOptions, RequestSource, runLoad, runPaced, RunMeasure } from './load';
import {
  catalogueBody,
  catalogueProblems,
  OPERATION_KEYS,
  OperationKey,
  READ_OPERATIONS,
  transcriptBody,
  transcriptProblems,
} from './operations';
import { median, PacedRun, Run, runFailures } from './report';
import { TargetServer } from './servers';
import { fillPool, pendingPetitions, Subjects } from './subjects';
import { TARGET_NAMES, TargetName, writesToDatabase } from './targets';
import { databaseProbe, memoryProbe, verifyDecisions, verifyReports, WriteCheck, WriteProbe } from './verify';
import { catalogueSource, DecidePetitions, ReportCompletions, transcriptSource } from './workloads';

/** How long and how often each operation is measured. */
export interface SessionOptions {
  duration: number;
  rounds: number;
  /** Seconds of thrown-away load per operation and target before the first round. */
  warmup: number;
}

const READ_CONNECTIONS = 10;
const WRITE_CONNECTIONS = 8;
/** Decisions of the calibration run that tells a target's decidePetition rate. */
const CALIBRATION_DECISIONS = 200;
/** Most decisions in one run: the in-memory baseline decides faster than pools can be filled. */
const MAX_DECISIONS = 10_000;

const isRead = (operation: OperationKey) => READ_OPERATIONS.includes(operation);

function parseBody(text: string): { data?: unknown; errors?: unknown } | null {
  try {
    return JSON.parse(text) as { data?: unknown; errors?: unknown };
  } catch {
    return null;
  }
}

/** The runs of one size, what they measured, and every check that failed. */
export class Session {
  readonly runs: Run[] = [];
  readonly warmups: Run[] = [];
  readonly paced: PacedRun[] = [];
  readonly failures: string[] = [];
  readonly notes: string[] = [];
  private readonly reference = new Map<OperationKey, unknown>();
  private readonly reports: Record<TargetName, ReportCompletions>;
  private readonly probes: Record<TargetName, WriteProbe>;
  private readonly decideRate = new Map<TargetName, number>();

  constructor(
    private readonly db: OpenDatabase,
    private readonly subjects: Subjects,
    private readonly servers: Record<TargetName, TargetServer>,
    private readonly options: SessionOptions,
    private readonly log: (line: string) => void,
  ) {
    const today = dateOf(new Date());
    const make = <T>(build: (t: TargetName) => T) =>
      Object.fromEntries(TARGET_NAMES.map((t) => [t, build(t)])) as Record<TargetName, T>;
    this.reports = make((t) => new ReportCompletions(subjects.targets[t], subjects.courseIds, today));
    this.probes = make((t) =>
      writesToDatabase(t) ? databaseProbe(db, subjects.targets[t]) : memoryProbe(servers[t].origin),
    );
  }

  /**
   * Each read once from every target: the API's answer must pass the full structural check,
   * and every baseline must answer with exactly the same data. That data is the reference every
   * answer under load is compared with.
   */
  async preflight(): Promise<void> {
    const requests: Record<string, { body: string; headers: Record<string, string> }> = {
      catalogue: { body: catalogueBody(), headers: {} },
      transcript: {
        body: transcriptBody(this.subjects.transcript.certificationId),
        headers: { authorization: `Bearer ${this.subjects.transcript.token}` },
      },
    };
    const validate = { catalogue: catalogueProblems, transcript: transcriptProblems } as Record<
      string,
      (data: unknown) => string[]
    >;
    for (const operation of READ_OPERATIONS) {
      const answers = new Map<TargetName, string>();
      for (const target of TARGET_NAMES) {
        const res = await fetch(this.servers[target].url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...requests[operation].headers },
          body: requests[operation].body,
        });
        const text = await res.text();
        const body = parseBody(text);
        const problems =
          res.status !== 200 || !body || body.errors ? [`HTTP ${res.status}: ${text.slice(0, 300)}`] : [];
        problems.push(...validate[operation](body?.data));
        if (problems.length) this.fail(`pre-flight ${operation} ${target}: ${problems.slice(0, 3).join(' | ')}`);
        answers.set(target, JSON.stringify(body?.data ?? null));
      }
      const api = answers.get('api') as string;
      for (const [target, data] of answers) {
        if (data !== api) this.fail(`pre-flight ${operation}: ${target} answers other data than the API`);
      }
      this.reference.set(operation, JSON.parse(api));
    }
  }

  /**
   * Load that is thrown away: every operation against every target, before round 1. A
   * decidePetition warm-up first makes a short calibration run that tells the target's rate.
   */
  async warmUp(): Promise<void> {
    for (const operation of OPERATION_KEYS) {
      for (const target of TARGET_NAMES) {
        if (operation === 'decidePetition') await this.measure(operation, target, 0, CALIBRATION_DECISIONS);
        await this.measure(operation, target, 0);
      }
    }
  }

  /** The interleaved rounds: in each, every operation against api, raw-sql, graphql-js in turn. */
  async rounds(): Promise<void> {
    for (let round = 1; round <= this.options.rounds; round++) {
      for (const operation of OPERATION_KEYS) {
        for (const target of TARGET_NAMES) await this.measure(operation, target, round);
      }
    }
  }

  /** The API's reads once more, paced with autocannon's overallRate at half its median maximum. */
  async pacedReads(): Promise<void> {
    for (const operation of READ_OPERATIONS) {
      const best = median(
        this.runs
          .filter((r) => r.operation === operation && r.target === 'api')
          .map((r) => r.measure.requestsPerSecond),
      );
      const rate = Math.max(1, Math.floor(best / 2));
      const measure = await runPaced(this.readSource(operation), {
        url: this.servers.api.url,
        rate,
        connections: READ_CONNECTIONS,
        duration: this.options.duration,
      });
      this.paced.push({ operation, rate, measure });
      this.log(`paced ${operation} api at ${rate} req/s: p50 ${measure.p50} ms, p99 ${measure.p99} ms`);
      this.checkRun(`paced ${operation} api`, { measure });
    }
  }

  private async measure(operation: OperationKey, target: TargetName, round: number, amount?: number): Promise<void> {
    const label = round ? `round ${round} ${operation} ${target}` : `warm-up ${operation} ${target}`;
    const connections = isRead(operation) ? READ_CONNECTIONS : WRITE_CONNECTIONS;
    const seconds = round ? this.options.duration : this.options.warmup;
    const options: LoadOptions = { url: this.servers[target].url, connections, duration: seconds };
    let measure: RunMeasure;
    let writes: WriteCheck | undefined;
    const server = this.servers[target];
    const cpuBefore = server.cpuMs();
    if (isRead(operation)) {
      measure = await runLoad(this.readSource(operation), options);
    } else if (operation === 'reportCompletion') {
      await this.probes[target].mark();
      measure = await runLoad(this.reports[target].source(), options);
      writes = await verifyReports(this.probes[target], measure);
    } else {
      const count = amount ?? this.decisionsFor(target, seconds, connections);
      const decisions = new DecidePetitions(await this.pool(target, count), this.subjects.staffToken);
      await this.probes[target].mark();
      measure = await runLoad(decisions.source(), { ...options, amount: count });
      writes = await verifyDecisions(this.probes[target], measure, decisions.used());
      this.decideRate.set(target, Math.max(this.decideRate.get(target) ?? 0, measure.requestsPerSecond));
    }
    const cpuAfter = server.cpuMs();
    // The CPU of the whole run (the last responses' work included) over the answers it got.
    const cpuMsPerRequest =
      cpuBefore === null || cpuAfter === null || measure.ok === 0 ? null : (cpuAfter - cpuBefore) / measure.ok;
    const run: Run = { round, operation, target, connections, measure, writes, cpuMsPerRequest, rssMb: server.rssMb() };
    (round ? this.runs : this.warmups).push(run);
    this.log(
      `${label}: ${measure.requestsPerSecond.toFixed(0)} req/s, p50 ${measure.p50} ms, p99 ${measure.p99} ms` +
        (cpuMsPerRequest === null ? '' : `, ${cpuMsPerRequest.toFixed(2)} CPU ms/req`) +
        (amount || operation === 'decidePetition' ? ` (${measure.seconds} s)` : '') +
        (writes ? `, ${writes.successes} writes verified in ${writes.where}` : ''),
    );
    this.checkRun(label, run);
  }

  private readSource(operation: OperationKey): RequestSource {
    const reference = this.reference.get(operation);
    return operation === 'catalogue' ? catalogueSource(reference) : transcriptSource(this.subjects, reference);
  }

  /**
   * Each decision needs a petition still pending, so a decidePetition run is bounded by a count:
   * what the target decides in `seconds` at the best rate seen so far, at most MAX_DECISIONS.
   */
  private decisionsFor(target: TargetName, seconds: number, connections: number): number {
    const rate = this.decideRate.get(target) ?? 0;
    const count = Math.min(MAX_DECISIONS, Math.max(connections * 10, Math.round(rate * seconds)));
    if (count === MAX_DECISIONS) this.note(`decidePetition ${target}: runs capped at ${MAX_DECISIONS} decisions`);
    return count;
  }

  /**
   * `count` pending petitions for a decidePetition run of `target`, its pool filled first. The
   * in-memory baseline then reloads its data, so that its pool is the database's pending
   * petitions again (its decisions never reach the database).
   */
  private async pool(target: TargetName, count: number): Promise<number[]> {
    const subjects = this.subjects.targets[target];
    const started = Date.now();
    const added = await fillPool(this.db, subjects, count);
    if (added) {
      await refreshStatistics(this.db);
      this.log(`${target}: ${added} petitions added to its pool in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    if (!writesToDatabase(target)) {
      const res = await fetch(`${this.servers[target].origin}/bench/reload`, { method: 'POST' });
      if (!res.ok) throw new Error(`${target} could not reload its data: HTTP ${res.status}`);
    }
    return (await pendingPetitions(this.db, subjects)).slice(0, count);
  }

  private note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  private checkRun(label: string, run: { measure: RunMeasure; writes?: WriteCheck }): void {
    for (const failure of runFailures(run)) this.fail(`${label}: ${failure}`);
    for (const server of Object.values(this.servers)) {
      const exit = server.exited();
      if (exit) this.fail(`${server.target} server ${exit}:\n${server.output()}`);
    }
  }

  private fail(message: string): void {
    if (!this.failures.includes(message)) this.failures.push(message);
    this.log(`FAILED ${message}`);
  }
}
