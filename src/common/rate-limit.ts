import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { DOWNLOAD_COSTS } from './cost';
import { actorOf, Identity } from './identity';
import type { LimiterStore } from './rate-limit-store';

/** Who a request is counted against. */
export interface Client {
  /**
   * The client's budget key: a portal or staff token's subject (once checked), an API key or any
   * other credential (hashed), or the address when it sends none.
   */
  key: string;
  /** `a:` and the address, as Express's `trust proxy` reads it. */
  address: string;
  /** The Authorization header as sent, when there is one. */
  credential: string | null;
  /** A hash of the credential (never stored in the clear), when there is one. */
  fingerprint: string | null;
}

export function clientOf(req: Request): Client {
  const address = `a:${req.ip}`;
  const credential = req.header('authorization') ?? null;
  const fingerprint = credential ? createHash('sha256').update(credential).digest('base64url').slice(0, 22) : null;
  return { key: fingerprint ? `c:${fingerprint}` : address, address, credential, fingerprint };
}

export interface RateLimitSettings {
  /** Requests a minute per client; 0: off. */
  requestsPerMinute: number;
  /** Query cost points a minute per client; 0: off. */
  costPerMinute: number;
  /** Failed authentications a minute per address; 0: off. */
  authFailuresPerMinute: number;
  /** Mutations an hour per address without credentials; 0: off. */
  anonymousMutationsPerHour: number;
}

/** What a client's cost budget holds after a request, as `extensions.cost.budget` reports it. */
export interface Budget {
  limit: number;
  remaining: number;
  resetInSeconds: number;
}

/**
 * What a credential is, told without the slow hash of an API key: `valid` true or false when a
 * cheap check decides (a token's signature, an API key this process verified before), null when
 * only the slow check could; `subject` names a valid token's holder (`TRAINER:trn_…`), whose
 * budgets do not change when the portal mints a fresh token.
 */
export interface QuickCheck {
  valid: boolean | null;
  subject: string | null;
}

const subjectKey = (subject: string) => `s:${subject}`;

/**
 * The client once authenticated: a portal or staff identity counts under its subject (as the
 * rate limiter named its token), an API key under the key, anonymous callers under their address.
 */
export function authenticatedClient(client: Client, identity: Identity): Client {
  if (identity.kind !== 'STAFF' && identity.kind !== 'TRAINER') return client;
  const { actorType, actorId } = actorOf(identity);
  return { ...client, key: subjectKey(`${actorType}:${actorId}`) };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A refusal for being over a limit: 429 with Retry-After, and the seconds in `extensions`. */
export function rateLimited(message: string, msBeforeNext: number, extensions: Record<string, unknown> = {}) {
  const retryAfterSeconds = seconds(msBeforeNext);
  return new GraphQLError(`${message} Retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      ...extensions,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

function refuse(res: Response, message: string, msBeforeNext: number): void {
  const retryAfterSeconds = seconds(msBeforeNext);
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(429).json({
    errors: [
      {
        message: `${message} Retry in ${retryAfterSeconds} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
      },
    ],
  });
}

/** How long a credential that authenticated stays known: it passes its address's failure gate meanwhile. */
const KNOWN_FOR_SECONDS = 24 * 60 * 60;
/** Each process writes a credential's known mark again at most this often. */
const REMARK_EVERY_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;
const DOWNLOAD_RE = /^\/transcripts\/[^/?]+\.(pdf|jwt)(?:\?|$)/;

/**
 * The per-client limits, counted in a store every instance shares (PostgreSQL; memory for the
 * single SQLite instance):
 *
 * - requests a minute per client (a token's subject, an API key, or the address without
 *   credentials), before the body is read;
 * - query cost points a minute per client, charged with each operation's cost before it runs;
 * - mutations an hour per address from callers without credentials;
 * - failed authentications a minute per address, in a bucket of their own.
 *
 * Bad credentials never spend a valid client's budget: a made-up credential is its own client,
 * and its failure is counted against its address only. Once an address's failures are spent, a
 * credential from it is refused (429) before it is checked, so that guessing costs the server no
 * scrypt, unless it is one that can be trusted without the slow hash:
 * - a portal or staff token, whose signature is checked in microseconds (a bad one is refused);
 * - an API key this process verified before (ApiKeyService's cache of fingerprints);
 * - an API key that authenticated on any instance in the last day: each success leaves the key's
 *   fingerprint in the shared store ("known"), so that an instance that never saw the key (a new
 *   one, say) verifies it once, paying one scrypt for a valid key and none for guesses.
 * A known mark only opens the gate: the key is still read and checked in full (a revoked key is
 * refused). What a failure bucket holds back is a credential first presented while its address
 * is over the limit, and only until its failures expire (a minute at most).
 *
 * If the shared store cannot be reached, each instance counts in its own memory until it can
 * (rate-limiter-flexible's insurance limiter): limits keep holding per instance, and clients are
 * served rather than all refused.
 */
export class RateLimits {
  private readonly requests: RateLimiterAbstract | null;
  private readonly cost: RateLimiterAbstract | null;
  private readonly failures: RateLimiterAbstract | null;
  private readonly known: RateLimiterAbstract | null;
  private readonly anonymousMutations: RateLimiterAbstract | null;
  /** Fingerprints this process marked known, and when. */
  private readonly marked = new Map<string, number>();

  constructor(
    store: LimiterStore,
    private readonly settings: RateLimitSettings,
    private readonly quickCheck: (credential: string, req: Request) => Promise<QuickCheck>,
  ) {
    const { requestsPerMinute: requests, costPerMinute: cost, authFailuresPerMinute: failures } = settings;
    this.requests = requests
      ? store.limiter({ keyPrefix: 'requests', points: requests, duration: 60, inMemoryBlockOnConsumed: requests })
      : null;
    this.cost = cost ? store.limiter({ keyPrefix: 'cost', points: cost, duration: 60 }) : null;
    this.failures = failures ? store.limiter({ keyPrefix: 'auth-failures', points: failures, duration: 60 }) : null;
    this.known = failures ? store.limiter({ keyPrefix: 'known', points: 1, duration: KNOWN_FOR_SECONDS }) : null;
    this.anonymousMutations = settings.anonymousMutationsPerHour
      ? store.limiter({ keyPrefix: 'anonymous-mutations', points: settings.anonymousMutationsPerHour, duration: 3600 })
      : null;
  }

  /** Whether a request's cost is charged to a budget (and `extensions.cost.budget` reported). */
  get costBudget(): boolean {
    return this.cost !== null;
  }

  /**
   * Before the body is read: the failure gate, the request budget, and a transcript download's
   * cost (DOWNLOAD_COSTS). Over any: 429 with Retry-After; nothing of the request runs.
   */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const client = clientOf(req);
      const file = req.method === 'GET' && this.cost ? DOWNLOAD_RE.exec(req.originalUrl) : null;
      this.admit(req, client, file ? DOWNLOAD_COSTS[file[1] as 'pdf' | 'jwt'] : null).then(
        (refusal) => (refusal ? refuse(res, refusal.message, refusal.msBeforeNext) : next()),
        next,
      );
    };
  }

  private async admit(
    req: Request,
    client: Client,
    download: number | null,
  ): Promise<{ message: string; msBeforeNext: number } | null> {
    const check = client.credential ? await this.quickCheck(client.credential, req) : null;
    // A credential a cheap check found valid needs no gate (and costs the store no read).
    if (this.failures && check && check.valid !== true) {
      const failed = await this.failures.get(client.address);
      if (
        failed &&
        failed.consumedPoints >= this.settings.authFailuresPerMinute &&
        !(await this.trusted(client, check))
      ) {
        return {
          message: 'Too many requests with credentials that could not be verified came from this address.',
          msBeforeNext: failed.msBeforeNext,
        };
      }
    }
    const key = check?.subject ? subjectKey(check.subject) : client.key;
    if (this.requests) {
      try {
        await this.requests.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { message: 'Too many requests.', msBeforeNext: rejection.msBeforeNext };
      }
    }
    if (download) {
      const charged = await this.chargeCost({ ...client, key }, download);
      if (charged?.refused) {
        const { remaining, limit, resetInSeconds } = charged.budget;
        return {
          message: `The download would cost ${download}; ${remaining} of this client’s ${limit} points a minute are left.`,
          msBeforeNext: resetInSeconds * 1000,
        };
      }
    }
    return null;
  }

  /** Whether a credential passes its address's spent failure gate (see the class comment). */
  private async trusted(client: Client, check: QuickCheck): Promise<boolean> {
    if (check.valid !== null) return check.valid;
    return (await this.known!.get(client.fingerprint!)) !== null;
  }

  /** A credential was refused: its address's failure bucket is charged (the answer waits for it, so the count is exact). */
  async failed(client: Client): Promise<void> {
    if (!this.failures) return;
    await this.failures.consume(client.address).catch((rejection: unknown) => {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    });
  }

  /** A credential authenticated: an API key is marked known for the other instances (at most every 10 minutes from each). */
  authenticated(client: Client, identity: Identity): void {
    if (!this.known || identity.kind !== 'PROVIDER' || !client.fingerprint) return;
    const now = Date.now();
    if (now - (this.marked.get(client.fingerprint) ?? 0) < REMARK_EVERY_MS) return;
    if (this.marked.size >= MAX_REMEMBERED) this.marked.clear();
    this.marked.set(client.fingerprint, now);
    void this.known.set(client.fingerprint, 1, KNOWN_FOR_SECONDS).catch(() => this.marked.delete(client.fingerprint!));
  }

  /**
   * Charges an operation's cost to its client's budget. A cost that does not fit is refused and
   * spends nothing, so a smaller request may still be served in the same minute.
   */
  async chargeCost(client: Client, points: number): Promise<{ budget: Budget; refused: boolean } | null> {
    if (!this.cost) return null;
    const limit = this.settings.costPerMinute;
    const budgetOf = (res: RateLimiterRes): Budget => ({
      limit,
      remaining: Math.max(0, limit - res.consumedPoints),
      resetInSeconds: res.msBeforeNext >= 0 ? seconds(res.msBeforeNext) : 60,
    });
    try {
      return { budget: budgetOf(await this.cost.consume(client.key, points)), refused: false };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const after = await this.cost.reward(client.key, points);
      return { budget: { ...budgetOf(after), resetInSeconds: seconds(rejection.msBeforeNext) }, refused: true };
    }
  }

  /** Gives back a charge whose request was refused for another reason. */
  async refundCost(client: Client, points: number): Promise<void> {
    await this.cost?.reward(client.key, points);
  }

  /** Counts a mutation from a caller without credentials; the milliseconds to wait when over the hour's limit. */
  async chargeAnonymousMutation(client: Client): Promise<number | null> {
    if (!this.anonymousMutations) return null;
    try {
      await this.anonymousMutations.consume(client.address);
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return rejection.msBeforeNext;
    }
  }
}
