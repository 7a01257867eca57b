import autocannon from 'autocannon';

/** One request ready to send, with the check its answer must pass. */
export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
  /** A problem with the answer, or null; `id` names what a write created or changed. */
  check(body: string): { problem: string | null; id?: string };
}

/**
 * Where a run's requests come from: the same request over and over (reads), or a fresh one each
 * time (writes; null when the source has run dry).
 */
export type RequestSource = { fixed: PreparedRequest } | { next: () => PreparedRequest | null };

/** Where and how hard one run loads a target. */
export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Stop after this many requests instead of after `duration`. */
  amount?: number;
}

/** What one run measured and what its checks found. */
export interface RunMeasure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  seconds: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Answers checked (every answer), and those that failed a check. */
  checked: number;
  failed: number;
  problems: string[];
  /** IDs named by the checks of successful writes. */
  successIds: string[];
  /** Requests handed to the load generator but not answered when the run ended (at most one per connection). */
  unanswered: number;
  ranDry: boolean;
}

const KEPT_PROBLEMS = 5;
/** Milliseconds between autocannon's samples; a run ends at the first sample after its end. */
const SAMPLE_MS = 100;

/** A harmless request sent when a write source has run dry; its answer fails the run. */
const DRY: PreparedRequest = {
  body: JSON.stringify({ query: '{ __typename }' }),
  headers: {},
  check: () => ({ problem: 'the request source ran dry (no fresh subject left for a write)' }),
};

class Tally {
  checked = 0;
  failed = 0;
  handedOut = 0;
  ranDry = false;
  readonly problems: string[] = [];
  readonly successIds: string[] = [];

  record(status: number, body: string, request: PreparedRequest | undefined): void {
    this.checked++;
    const problem =
      status !== 200
        ? `HTTP ${status}: ${body.slice(0, 300)}`
        : request
          ? this.verdict(body, request)
          : 'an answer to no known request';
    if (problem) {
      this.failed++;
      if (this.problems.length < KEPT_PROBLEMS) this.problems.push(problem);
    }
  }

  private verdict(body: string, request: PreparedRequest): string | null {
    const { problem, id } = request.check(body);
    if (!problem && id) this.successIds.push(id);
    return problem;
  }
}

interface ClientContext {
  request?: PreparedRequest;
}

function requestsOf(source: RequestSource, tally: Tally, stop: () => void): autocannon.Request[] {
  const onResponse = (status: number, body: string, context: object) =>
    tally.record(status, body, 'fixed' in source ? source.fixed : (context as ClientContext).request);
  if ('fixed' in source) {
    const { body, headers } = source.fixed;
    return [{ method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, onResponse }];
  }
  const setupRequest = (request: autocannon.Request, context: object): autocannon.Request => {
    let prepared = source.next();
    if (!prepared) {
      tally.ranDry = true;
      stop();
      prepared = DRY;
    }
    tally.handedOut++;
    (context as ClientContext).request = prepared;
    return {
      ...request,
      method: 'POST',
      body: prepared.body,
      headers: { 'content-type': 'application/json', ...prepared.headers },
    };
  };
  return [{ method: 'POST', setupRequest, onResponse }];
}

function startInstance(source: RequestSource, tally: Tally, options: autocannon.Options): Promise<autocannon.Result> {
  let instance: autocannon.Instance | undefined;
  const stop = () => setImmediate(() => instance?.stop());
  return new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      { ...options, sampleInt: SAMPLE_MS, requests: requestsOf(source, tally, stop) },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

function measureOf(result: autocannon.Result, tally: Tally, fixed: boolean): RunMeasure {
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: result.duration,
    sent: result.requests.sent,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    checked: tally.checked,
    failed: tally.failed,
    problems: tally.problems,
    successIds: tally.successIds,
    unanswered: fixed ? 0 : Math.max(0, tally.handedOut - answered),
    ranDry: tally.ranDry,
  };
}

/** Runs autocannon against one target with one request source, checking every answer. */
export async function runLoad(source: RequestSource, options: LoadOptions): Promise<RunMeasure> {
  const tally = new Tally();
  const result = await startInstance(source, tally, {
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    ...(options.amount ? { amount: options.amount } : {}),
  });
  return measureOf(result, tally, 'fixed' in source);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** autocannon's merge of runs made with skipAggregateResult (exported, not in its type definitions). */
const aggregateResult = (
  autocannon as unknown as {
    aggregateResult(results: autocannon.Result[], options: autocannon.Options): autocannon.Result;
  }
).aggregateResult;

/**
 * Load paced with autocannon's overallRate at `rate` requests per second in all. autocannon
 * paces each connection by a quota per second that the connection spends at once, so one
 * instance with many connections sends each second's requests in one burst. The rate is
 * therefore split over `connections` single-connection instances started evenly across a
 * second, and their latency histograms are merged.
 */
export async function runPaced(
  source: RequestSource,
  options: { url: string; rate: number; connections: number; duration: number },
): Promise<RunMeasure> {
  const tally = new Tally();
  const instances = Math.min(options.connections, options.rate);
  const runs: Promise<autocannon.Result>[] = [];
  for (let i = 0; i < instances; i++) {
    const share = Math.floor(options.rate / instances) + (i < options.rate % instances ? 1 : 0);
    runs.push(
      startInstance(source, tally, {
        url: options.url,
        connections: 1,
        duration: options.duration,
        overallRate: share,
        ignoreCoordinatedOmission: true,
        skipAggregateResult: true,
      }),
    );
    await sleep(1000 / instances);
  }
  const results = await Promise.all(runs);
  const merged = aggregateResult(results, { url: options.url, connections: instances });
  return measureOf(merged, tally, 'fixed' in source);
}
