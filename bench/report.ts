/**
 * Turns the runs of one size into medians, ratios and verdicts, prints them as tables, and
 * describes the machine and the code they were measured on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunMeasure } from './load';
import { OPERATION_KEYS, OperationKey } from './operations';
import { TARGET_NAMES, TargetName } from './targets';
import { WriteCheck } from './verify';

/** One measured run of one operation against one target. */
export interface Run {
  round: number;
  operation: OperationKey;
  target: TargetName;
  connections: number;
  measure: RunMeasure;
  writes?: WriteCheck;
  /** CPU ms of the target's process (user + system, all threads) per request answered. */
  cpuMsPerRequest: number | null;
  /** The target's resident memory at the end of the run, MB. */
  rssMb: number | null;
}

/** Medians across rounds of one operation against one target. */
export interface Summary {
  operation: OperationKey;
  target: TargetName;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  rssMb: number;
  rounds: { requestsPerSecond: number; p50: number; p99: number; cpuMsPerRequest: number }[];
}

/** A read run paced at half the API's median maximum. */
export interface PacedRun {
  operation: OperationKey;
  rate: number;
  measure: RunMeasure;
}

/** One performance target and whether it was met. */
export interface Verdict {
  target: string;
  value: string;
  met: boolean;
}

/** The p99 latency the API must stay under at half its maximum rate. */
export const P99_LIMIT_MS = 20;
/** The API's share of the raw-SQL handler's efficiency, judged on CPU per request (raw's ÷ the API's). */
const RATIO_TARGETS: Partial<Record<OperationKey, number>> = {
  catalogue: 0.45,
  transcript: 0.45,
  reportCompletion: 0.4,
};

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians across rounds of req/s, p50 and p99, per operation and target. */
export function summarize(runs: Run[]): Summary[] {
  const summaries: Summary[] = [];
  for (const operation of OPERATION_KEYS) {
    for (const target of TARGET_NAMES) {
      const mine = runs.filter((r) => r.operation === operation && r.target === target);
      if (!mine.length) continue;
      const rounds = mine.map((r) => ({
        requestsPerSecond: Math.round(r.measure.requestsPerSecond * 10) / 10,
        p50: r.measure.p50,
        p99: r.measure.p99,
        cpuMsPerRequest: r.cpuMsPerRequest ?? NaN,
      }));
      summaries.push({
        operation,
        target,
        requestsPerSecond: Math.round(median(rounds.map((r) => r.requestsPerSecond)) * 10) / 10,
        p50: median(rounds.map((r) => r.p50)),
        p99: median(rounds.map((r) => r.p99)),
        cpuMsPerRequest: Math.round(median(rounds.map((r) => r.cpuMsPerRequest)) * 1000) / 1000,
        rssMb: median(mine.map((r) => r.rssMb ?? NaN)),
        rounds,
      });
    }
  }
  return summaries;
}

function find(summaries: Summary[], operation: OperationKey, target: TargetName): Summary | undefined {
  return summaries.find((s) => s.operation === operation && s.target === target);
}

/** API req/s over a baseline's, for one operation. */
export function ratio(summaries: Summary[], operation: OperationKey, baseline: TargetName): number {
  const api = find(summaries, operation, 'api');
  const other = find(summaries, operation, baseline);
  return api && other && other.requestsPerSecond > 0 ? api.requestsPerSecond / other.requestsPerSecond : NaN;
}

/**
 * The same ratio on CPU: the baseline's CPU ms per request over the API's (1.0: as little CPU
 * per answer as the baseline). Steadier than req/s on a shared machine: it does not count the
 * time a process waits for a core.
 */
export function cpuRatio(summaries: Summary[], operation: OperationKey, baseline: TargetName): number {
  const api = find(summaries, operation, 'api');
  const other = find(summaries, operation, baseline);
  return api && other && api.cpuMsPerRequest > 0 ? other.cpuMsPerRequest / api.cpuMsPerRequest : NaN;
}

/** The targets, MET or NOT MET. */
export function verdicts(summaries: Summary[], paced: PacedRun[], runs: Run[]): Verdict[] {
  const out: Verdict[] = [];
  for (const [operation, wanted] of Object.entries(RATIO_TARGETS) as [OperationKey, number][]) {
    const value = cpuRatio(summaries, operation, 'raw-sql');
    out.push({
      target: `${operation}: api ≥ ${wanted.toFixed(2)}× raw-sql on CPU per request`,
      value: `${value.toFixed(2)}×`,
      met: value >= wanted,
    });
  }
  for (const run of paced) {
    out.push({
      target: `${run.operation}: api p99 < ${P99_LIMIT_MS} ms at half its max rate (${run.rate} req/s)`,
      value: `${run.measure.p99} ms`,
      met: run.measure.p99 < P99_LIMIT_MS,
    });
  }
  const writes = runs.filter((r) => r.target === 'api' && r.writes);
  const clean = writes.every((r) => runFailures(r).length === 0);
  out.push({
    target: 'writes: api at concurrency 8, zero errors, nothing lost or doubled',
    value: `${writes.length} runs, ${writes.reduce((n, r) => n + r.measure.ok, 0)} writes checked`,
    met: writes.length > 0 && clean,
  });
  return out;
}

/** How far the large size may fall from the demo size, as a share of the demo's rate. */
export const SCALE_TOLERANCE = 0.15;

/**
 * Cost independent of table size: for each operation the API's rate on the large database over
 * its rate on the demo one (and the same on CPU per request), within SCALE_TOLERANCE.
 */
export function scaleShape(demo: Summary[], large: Summary[]): Verdict[] {
  const out: Verdict[] = [];
  for (const operation of OPERATION_KEYS) {
    const small = find(demo, operation, 'api');
    const big = find(large, operation, 'api');
    if (!small || !big) continue;
    const rate = big.requestsPerSecond / small.requestsPerSecond;
    const cpu = small.cpuMsPerRequest / big.cpuMsPerRequest;
    out.push({
      target: `${operation}: api req/s large ÷ demo within ${SCALE_TOLERANCE * 100} % (CPU ${num(cpu, 2)}×)`,
      value: `${num(rate, 2)}×`,
      met: Math.abs(rate - 1) <= SCALE_TOLERANCE,
    });
  }
  return out;
}

/** Why a run fails the bench: errors, non-2xx answers, failed checks, writes not as answered. */
export function runFailures(run: { measure: RunMeasure; writes?: WriteCheck }): string[] {
  const m = run.measure;
  const failures: string[] = [];
  if (m.non2xx) failures.push(`${m.non2xx} non-2xx answers`);
  if (m.errors) failures.push(`${m.errors} errors (${m.timeouts} timeouts)`);
  if (m.failed) failures.push(`${m.failed} answers failed their check: ${m.problems.join(' | ')}`);
  if (m.ranDry) failures.push('the request source ran dry');
  if (m.checked === 0) failures.push('no answer at all');
  const w = run.writes;
  if (w && !w.passed) {
    failures.push(
      `writes (${w.where}): ${w.successes} successes, ${w.rows} rows, ${w.lost} lost, ${w.doubled} doubled, ` +
        `${w.withoutAnswer} without answer (≤ ${w.unanswered} allowed)` +
        (w.logEntries === undefined ? '' : `, ${w.logEntries} log entries`),
    );
  }
  return failures;
}

const num = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

/** The operation × target table with medians and the API's ratios. */
export function summaryTable(summaries: Summary[]): string {
  const widths = [17, 11, 9, 8, 8, 9, 7, 12, 15, 12, 15];
  const lines = [
    row(
      [
        'operation',
        'target',
        'req/s',
        'p50 ms',
        'p99 ms',
        'CPU ms/req',
        'RSS MB',
        'api/raw req/s',
        'api/gql req/s',
        'api/raw CPU',
        'api/gql CPU',
      ],
      widths,
    ),
  ];
  for (const operation of OPERATION_KEYS) {
    for (const target of TARGET_NAMES) {
      const s = find(summaries, operation, target);
      if (!s) continue;
      const ratios =
        target === 'api'
          ? [
              `${num(ratio(summaries, operation, 'raw-sql'), 2)}×`,
              `${num(ratio(summaries, operation, 'graphql-js'), 2)}×`,
              `${num(cpuRatio(summaries, operation, 'raw-sql'), 2)}×`,
              `${num(cpuRatio(summaries, operation, 'graphql-js'), 2)}×`,
            ]
          : ['', '', '', ''];
      lines.push(
        row(
          [
            target === 'api' ? operation : '',
            target,
            num(s.requestsPerSecond),
            num(s.p50, 1),
            num(s.p99, 1),
            num(s.cpuMsPerRequest, 2),
            num(s.rssMb),
            ...ratios,
          ],
          widths,
        ),
      );
    }
  }
  return lines.join('\n');
}

/** Each round's req/s, p50 and p99, per operation and target. */
export function roundsTable(summaries: Summary[]): string {
  return summaries
    .map((s) => {
      const rounds = s.rounds
        .map((r) => `${num(r.requestsPerSecond)}/${num(r.p50)}/${num(r.p99)}/${num(r.cpuMsPerRequest, 2)}`)
        .join('  ');
      return `${s.operation.padEnd(17)} ${s.target.padEnd(11)} ${rounds}`;
    })
    .join('\n');
}

/** The paced runs: the rate asked, the rate got, and the latencies. */
export function pacedTable(paced: PacedRun[]): string {
  return paced
    .map(
      (p) =>
        `${p.operation.padEnd(17)} api  paced at ${p.rate} req/s: got ${num(p.measure.requestsPerSecond)} req/s, ` +
        `p50 ${num(p.measure.p50, 1)} ms, p99 ${num(p.measure.p99, 1)} ms`,
    )
    .join('\n');
}

/** Each target with its value and MET / NOT MET. */
export function verdictTable(list: Verdict[]): string {
  const width = Math.max(...list.map((v) => v.target.length));
  return list.map((v) => `${v.target.padEnd(width)}  ${v.value.padStart(10)}  ${v.met ? 'MET' : 'NOT MET'}`).join('\n');
}

/** The machine the numbers were taken on. */
export function machine(database: string) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    database,
  };
}

/** The commit measured, and whether the working tree differed from it. */
export function gitState(root: string): { commit: string; dirty: boolean; changedFiles: number } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
    const changed = status.split('\n').filter(Boolean).length;
    return { commit, dirty: changed > 0, changedFiles: changed };
  } catch {
    return { commit: 'unknown', dirty: false, changedFiles: 0 };
  }
}

/**
 * Writes the results of the run to bench/results/<YYYY-MM-DD>.json, or <YYYY-MM-DD>-postgres.json
 * (the same day's file is replaced); a smoke run's to bench/results/smoke.json, which is not kept in the repository.
 */
export function writeResults(
  root: string,
  startedAt: Date,
  results: unknown,
  options: { smoke?: boolean; database?: 'sqlite' | 'postgres' } = {},
): string {
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  // One file a day per database: a PostgreSQL run does not overwrite the day's SQLite figures.
  const day = `${startedAt.toISOString().slice(0, 10)}${options.database === 'postgres' ? '-postgres' : ''}`;
  const file = path.join(dir, options.smoke ? 'smoke.json' : `${day}.json`);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}
