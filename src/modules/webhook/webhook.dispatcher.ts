import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import { EntityManager, In } from 'typeorm';
import { Clock, systemClock } from '../../common/clock';
import { toGlobalId } from '../../common/ids';
import type { WebhookSettings } from '../../config';
import { Database } from '../../database/database';
import { insertMany, readInChunks } from '../../database/insert-many';
import { queryNamed } from '../../database/json-rows';
import { addDays, dateOf, daysBetween, LocalDate } from '../../rules/calendar';
import { policyIn, ProgramCatalog } from '../program/program.facts';
import { EVENT_TYPES, WebhookEventType, wireType } from './event-types';
import { EventService, NewEvent } from './event.service';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookScheduleMark } from './webhook.entity';
import { WebhookSecrets } from './webhook.secrets';
import { AttemptOutcome, WebhookSender } from './webhook.sender';

/** Events fanned out, and deliveries looked at, per statement. */
const BATCH = 200;
/** Scheduled events (reminders, expiries, overdue audits) are looked for at least this often. */
const SCHEDULE_EVERY_MS = 5 * 60_000;
/** Expiries and overdue audits older than this many days are not announced (a first start, a long outage). */
const CATCH_UP_DAYS = 7;
/** Marks of scheduled events are kept this long: past any reminder they could suppress. */
const MARK_RETENTION_MS = 400 * 86_400_000;
/** Serializes the scheduled-events pass across instances on PostgreSQL (pg_try_advisory_xact_lock). */
const SCHEDULE_LOCK = 7_303_530_001;

/** The body every receiver gets: Standard Webhooks' type, timestamp and data. */
export function webhookPayload(event: Pick<WebhookEvent, 'type' | 'occurredAt' | 'data'>): string {
  return JSON.stringify({ type: wireType(event.type), timestamp: event.occurredAt, data: event.data });
}

/** Whether an endpoint receives an event: staff endpoints everything, a provider's own events of the types it may see. */
export function receives(
  endpoint: Pick<WebhookEndpoint, 'providerId' | 'eventTypes'>,
  event: Pick<WebhookEvent, 'type' | 'providerId'>,
): boolean {
  if (endpoint.eventTypes.length && !endpoint.eventTypes.includes(event.type)) return false;
  if (endpoint.providerId === null) return true;
  return EVENT_TYPES[event.type].provider && event.providerId === endpoint.providerId;
}

/**
 * The delay before attempt `attempts + 1`: the base doubled for each attempt made, up to the
 * maximum, then spread by ±25 % so that the retries of many deliveries do not arrive together.
 */
export function retryDelay(
  attempts: number,
  settings: Pick<WebhookSettings, 'retryBaseMs' | 'retryMaxDelayMs'>,
  random = Math.random,
): number {
  const exponential = Math.min(settings.retryMaxDelayMs, settings.retryBaseMs * 2 ** Math.min(attempts - 1, 40));
  return Math.round(exponential * (0.75 + random() * 0.5));
}

interface Job {
  delivery: WebhookDelivery;
  endpoint: WebhookEndpoint;
  event: WebhookEvent;
  token: string;
}

/**
 * Sends the outbox. Each instance runs one; they share the work through the database:
 *
 * 1. fan-out: new events become one delivery per matching endpoint (rows taken with SKIP LOCKED
 *    on PostgreSQL, so each event is fanned out once);
 * 2. scheduled events: expiry reminders at the programs' offsets, expiries and overdue audits,
 *    each written once (a unique mark per certification, expiry and offset, under an advisory
 *    lock on PostgreSQL);
 * 3. delivery: due deliveries are leased (SKIP LOCKED) and attempted outside any transaction,
 *    at most `concurrency` at once and one at a time per endpoint, in event order; the outcome
 *    is written afterwards. A lease that is never settled (a killed process) runs out and the
 *    delivery is attempted again: at least once, never lost;
 * 4. pruning of delivered and failed deliveries after the retention, and of events with none left.
 *
 * Delivery timing (attempts, back-off, leases, signatures' timestamps) is wall-clock time;
 * the scheduled events follow the ledger's clock, as every rule does.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private readonly inFlight = new Map<number, Promise<void>>();
  private lastSchedule = { day: '', at: 0 };
  private lastPrune = 0;
  private readonly sender: WebhookSender;
  private readonly events = new EventService();

  constructor(
    private readonly db: Database,
    private readonly settings: WebhookSettings,
    private readonly secrets: WebhookSecrets,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly production: boolean,
    private readonly wall: Clock = systemClock,
  ) {
    this.sender = new WebhookSender({
      timeoutMs: settings.timeoutMs,
      allowPrivateAddresses: settings.allowPrivateAddresses && !production,
    });
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops looking for work and waits for the attempts in flight (each bounded by the timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.inFlight.values()]);
    this.sender.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.schedule(this.settings.pollMs);
      });
    }, ms);
    this.timer.unref();
  }

  /** One round of every duty; a failing one is logged and tried again next round. */
  async tick(): Promise<void> {
    for (const [duty, run] of [
      ['fan-out', () => this.fanOut()],
      ['scheduled events', () => this.scheduledEvents()],
      ['delivery', () => this.deliverDue()],
      ['pruning', () => this.prune()],
    ] as const) {
      if (this.stopped) return;
      try {
        await run();
      } catch (error) {
        this.logger.error({ err: error, duty }, `webhook ${duty} failed`);
      }
    }
  }

  private now(): string {
    return this.wall.now().toISOString();
  }

  private skipLocked(alias?: string): string {
    return this.db.kind === 'postgres' ? ` FOR UPDATE${alias ? ` OF ${alias}` : ''} SKIP LOCKED` : '';
  }

  private get falseSql(): string {
    return this.db.kind === 'postgres' ? 'false' : '0';
  }

  /**
   * Whether a read outside any transaction finds a row: an idle poll asks this first, so that it
   * opens no write transaction (on SQLite, one that every API write would queue behind).
   */
  private async anyRow(sql: string, parameters: Record<string, unknown>): Promise<boolean> {
    return (await queryNamed(this.db.reader, `${sql} LIMIT 1`, parameters)).length > 0;
  }

  /** New events become deliveries to the endpoints active now that receive them. */
  async fanOut(): Promise<void> {
    const waiting = `FROM webhook_event WHERE fanned_out = ${this.falseSql}`;
    if (!(await this.anyRow(`SELECT 1 ${waiting}`, {}))) return;
    for (;;) {
      const more = await this.db.uow.run(async (em) => {
        const events = await queryNamed<{ id: number; type: WebhookEventType; provider_id: number | null }>(
          em,
          `SELECT id, type, provider_id ${waiting} ORDER BY id LIMIT ${BATCH}${this.skipLocked()}`,
          {},
        );
        if (!events.length) return false;
        const endpoints = await em.find(WebhookEndpoint, { where: { status: 'ACTIVE' }, order: { id: 'ASC' } });
        const now = this.now();
        const giveUpAt = new Date(Date.parse(now) + this.settings.retryForMs).toISOString();
        const deliveries: Partial<WebhookDelivery>[] = [];
        for (const event of events) {
          const row = { type: event.type, providerId: event.provider_id === null ? null : Number(event.provider_id) };
          for (const endpoint of endpoints) {
            if (!receives(endpoint, row)) continue;
            deliveries.push({
              eventId: Number(event.id),
              endpointId: endpoint.id,
              status: 'PENDING',
              attempts: 0,
              nextAttemptAt: now,
              giveUpAt,
              createdAt: now,
            });
          }
        }
        await insertMany(em, WebhookDelivery, deliveries);
        await em.update(WebhookEvent, { id: In(events.map((e) => Number(e.id))) }, { fannedOut: true });
        return events.length === BATCH;
      });
      if (!more) return;
    }
  }

  /** Leases due deliveries, one per endpoint not already in flight here, and attempts them. */
  async deliverDue(): Promise<void> {
    const free = this.settings.concurrency - this.inFlight.size;
    if (free <= 0 || this.stopped) return;
    const now = this.now();
    const due = `FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
      WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND (d.lease_until IS NULL OR d.lease_until <= :now)
        AND e.status = 'ACTIVE'`;
    if (!(await this.anyRow(`SELECT 1 ${due}`, { now }))) return;
    const jobs = await this.db.uow.run(async (em) => {
      // The oldest due delivery of each endpoint (so that one endpoint's backlog never hides
      // another's), then those rows locked, skipping any another instance is taking.
      const oldest = await queryNamed<{ id: number; endpoint_id: number }>(
        em,
        `SELECT min(d.id) AS id, d.endpoint_id ${due} GROUP BY d.endpoint_id ORDER BY min(d.id) LIMIT ${BATCH}`,
        { now },
      );
      const candidates = oldest
        .filter((row) => !this.inFlight.has(Number(row.endpoint_id)))
        .map((row) => Number(row.id))
        .slice(0, free);
      if (!candidates.length) return [];
      const locked = await queryNamed<{ id: number; endpoint_id: number }>(
        em,
        `SELECT id, endpoint_id FROM webhook_delivery
          WHERE id IN (:...candidates) AND status = 'PENDING' AND (lease_until IS NULL OR lease_until <= :now)
          ORDER BY id${this.skipLocked()}`,
        { candidates, now },
      );
      const chosen = locked.map((row) => Number(row.id));
      const endpoints = new Set(locked.map((row) => Number(row.endpoint_id)));
      if (!chosen.length) return [];
      const token = randomUUID();
      const leaseUntil = new Date(Date.parse(now) + this.settings.leaseMs).toISOString();
      await em.update(WebhookDelivery, { id: In(chosen) }, { leaseUntil, leaseToken: token });
      const deliveries = await em.findBy(WebhookDelivery, { id: In(chosen) });
      const [events, endpointRows] = await Promise.all([
        em.findBy(WebhookEvent, { id: In(deliveries.map((d) => d.eventId)) }),
        em.findBy(WebhookEndpoint, { id: In([...endpoints]) }),
      ]);
      return deliveries
        .sort((a, b) => a.id - b.id)
        .map((delivery): Job => ({
          delivery,
          token,
          event: events.find((e) => e.id === delivery.eventId) as WebhookEvent,
          endpoint: endpointRows.find((e) => e.id === delivery.endpointId) as WebhookEndpoint,
        }));
    });
    for (const job of jobs) {
      const attempt = this.attempt(job)
        .catch((error) => this.logger.error({ err: error, delivery: job.delivery.id }, 'webhook attempt failed'))
        .finally(() => this.inFlight.delete(job.endpoint.id));
      this.inFlight.set(job.endpoint.id, attempt);
    }
  }

  /** The signatures of a payload: the current secret's, and during an overlap the previous one's. */
  signatures(endpoint: WebhookEndpoint, id: string, at: Date, payload: string): string {
    const secrets = [this.secrets.open(endpoint.secretCipher)];
    if (
      endpoint.previousSecretCipher &&
      endpoint.previousSecretUntil &&
      endpoint.previousSecretUntil > at.toISOString()
    ) {
      secrets.push(this.secrets.open(endpoint.previousSecretCipher));
    }
    return secrets.map((secret) => new Webhook(secret).sign(id, at, payload)).join(' ');
  }

  private async attempt(job: Job): Promise<void> {
    const { delivery, endpoint, event } = job;
    const at = this.wall.now();
    let outcome: AttemptOutcome;
    if (at.toISOString() > delivery.giveUpAt) {
      // Due after its period ended (a long outage): given up without another attempt, keeping
      // what the last one got.
      return this.settle(job, null, at.toISOString());
    } else if (this.production && !endpoint.url.startsWith('https://')) {
      outcome = { ok: false, status: null, error: 'Refused: endpoints must use https in production.' };
    } else {
      const id = toGlobalId('WebhookEvent', event.id);
      const payload = webhookPayload(event);
      outcome = await this.sender.post(
        endpoint.url,
        {
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': this.signatures(endpoint, id, at, payload),
          'user-agent': 'ceu-ledger-webhooks/1',
        },
        payload,
      );
    }
    if (this.stopped && !outcome.ok) return; // shutting down: the lease runs out and another attempt follows
    await this.settle(job, outcome, at.toISOString());
  }

  /**
   * Writes an attempt's outcome (null: given up without one, the period having ended), if the
   * lease is still this instance's; disables an endpoint failing too long.
   */
  private async settle(job: Job, attempt: AttemptOutcome | null, at: string): Promise<void> {
    const { delivery, endpoint, token } = job;
    const outcome = attempt ?? { ok: false, status: delivery.lastResponseCode, error: delivery.lastError };
    await this.db.uow.run(async (em) => {
      const attempts = delivery.attempts + (attempt ? 1 : 0);
      const base = {
        leaseUntil: null,
        leaseToken: null,
        ...(attempt
          ? {
              attempts,
              lastAttemptAt: at,
              lastResponseCode: attempt.status,
              lastError: attempt.error?.slice(0, 500) ?? null,
            }
          : {}),
      };
      let change: Partial<Omit<WebhookDelivery, 'event' | 'endpoint'>>;
      if (!attempt) {
        change = { ...base, status: 'FAILED', nextAttemptAt: null };
      } else if (outcome.ok) {
        change = { ...base, status: 'DELIVERED', deliveredAt: at, nextAttemptAt: null };
      } else {
        // The back-off runs from the end of the attempt (a timeout takes the whole limit).
        const next = new Date(this.wall.now().getTime() + retryDelay(attempts, this.settings)).toISOString();
        change =
          next > delivery.giveUpAt
            ? { ...base, status: 'FAILED', nextAttemptAt: null }
            : { ...base, nextAttemptAt: next };
      }
      const settled = await em.update(WebhookDelivery, { id: delivery.id, leaseToken: token }, change);
      if (!settled.affected) return; // the lease ran out and another attempt took the delivery
      const current = await em.findOneBy(WebhookEndpoint, { id: endpoint.id });
      if (!current) return;
      if (outcome.ok) {
        if (current.failingSince) await em.update(WebhookEndpoint, { id: current.id }, { failingSince: null });
        return;
      }
      const since = current.failingSince ?? at;
      // Failing for the whole retry period: as long as the clock says, or a delivery given up
      // with no success of the endpoint since it was made.
      const gaveUp =
        change.status === 'FAILED' &&
        !(await em
          .createQueryBuilder(WebhookDelivery, 'd')
          .where('d.endpoint_id = :endpoint AND d.delivered_at > :since', {
            endpoint: current.id,
            since: delivery.createdAt,
          })
          .getExists());
      if ((gaveUp || Date.parse(at) - Date.parse(since) >= this.settings.retryForMs) && current.status === 'ACTIVE') {
        await em.update(
          WebhookEndpoint,
          { id: current.id },
          {
            failingSince: since,
            status: 'DISABLED',
            disabledAt: at,
            disabledReason:
              `Disabled after failing since ${since} without a success; the last attempt: ${outcome.error ?? 'failed'}`.slice(
                0,
                2000,
              ),
            updatedAt: at,
          },
        );
        this.logger.warn(
          { endpoint: toGlobalId('WebhookEndpoint', current.id) },
          'webhook endpoint disabled after failing too long',
        );
      } else if (!current.failingSince) {
        await em.update(WebhookEndpoint, { id: current.id }, { failingSince: since });
      }
    });
  }

  /**
   * Expiry reminders, expiries and overdue audits due on the ledger's today, each written once
   * however many instances look: the pass holds a transaction-scoped advisory lock on
   * PostgreSQL (another instance skips it), and each event has a unique mark.
   */
  async scheduledEvents(): Promise<void> {
    const today = dateOf(this.clock.now());
    const wallNow = this.wall.now().getTime();
    if (today === this.lastSchedule.day && wallNow - this.lastSchedule.at < SCHEDULE_EVERY_MS) return;
    await this.db.uow.run(async (em) => {
      if (this.db.kind === 'postgres') {
        const [{ locked }] = await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SCHEDULE_LOCK]);
        if (!locked) return;
      }
      const due = [...(await this.expiryEvents(em, today)), ...(await this.overdueAudits(em, today))];
      const taken = new Set(
        (
          await readInChunks(
            due.map((d) => d.key),
            (keys) => em.findBy(WebhookScheduleMark, { key: In(keys) }),
          )
        ).map((m) => m.key),
      );
      const fresh = due.filter((d) => !taken.has(d.key));
      const createdAt = this.now();
      await insertMany(
        em,
        WebhookScheduleMark,
        fresh.map((d) => ({ key: d.key, createdAt })),
      );
      await this.events.emit(
        em,
        this.clock.now().toISOString(),
        fresh.map((d) => d.event),
      );
    });
    this.lastSchedule = { day: today, at: wallNow };
  }

  private async expiryEvents(em: EntityManager, today: LocalDate): Promise<{ key: string; event: NewEvent }[]> {
    const catalog = await ProgramCatalog.read(em);
    const horizon = Math.max(0, ...catalog.all().flatMap((p) => policyIn(p, today).reminderDays));
    // Certifications expiring within the longest offset (an application waiting for its audit
    // is not reminded), and those that expired in the last days without being renewed.
    const rows = await queryNamed<{ id: number; trainer_id: number; program_code: string; expires_on: string }>(
      em,
      `SELECT c.id, c.trainer_id, c.program_code, c.expires_on FROM certification c
        WHERE c.expires_on >= :from AND c.expires_on <= :through
          AND NOT EXISTS (SELECT 1 FROM recertification_application a
                           WHERE a.certification_id = c.id AND a.cycle_expires_on = c.expires_on AND a.status = 'AUDIT_PENDING')`,
      { from: addDays(today, -CATCH_UP_DAYS), through: addDays(today, horizon) },
    );
    const out: { key: string; event: NewEvent }[] = [];
    for (const row of rows) {
      const expiresOn = String(row.expires_on).slice(0, 10);
      const daysLeft = daysBetween(today, expiresOn);
      const facts = {
        certification: toGlobalId('Certification', Number(row.id)),
        trainer: toGlobalId('Trainer', Number(row.trainer_id)),
        programCode: row.program_code,
        expiresOn,
      };
      if (daysLeft < 0) {
        out.push({
          key: `expired:${row.id}:${expiresOn}`,
          event: { type: WebhookEventType.CERTIFICATION_EXPIRED, data: facts },
        });
        continue;
      }
      const offsets = policyIn(catalog.of(row.program_code), today).reminderDays;
      // The reminder due is the smallest offset reached; a larger one missed (a late start) is not sent late.
      const offset = [...offsets].sort((a, b) => a - b).find((d) => d >= daysLeft);
      if (offset === undefined) continue;
      out.push({
        key: `expiring:${row.id}:${expiresOn}:${offset}`,
        event: { type: WebhookEventType.CERTIFICATION_EXPIRING, data: { ...facts, daysBefore: offset, daysLeft } },
      });
    }
    return out;
  }

  private async overdueAudits(em: EntityManager, today: LocalDate): Promise<{ key: string; event: NewEvent }[]> {
    const rows = await queryNamed<{
      id: number;
      application_id: number;
      certification_id: number;
      documents_due_on: string;
    }>(
      em,
      `SELECT au.id, au.application_id, a.certification_id, au.documents_due_on FROM audit au
         JOIN recertification_application a ON a.id = au.application_id
        WHERE au.status = 'AWAITING_DOCUMENTS' AND au.documents_due_on < :today AND au.documents_due_on >= :from`,
      { today, from: addDays(today, -CATCH_UP_DAYS) },
    );
    return rows.map((row) => ({
      key: `overdue:${row.id}`,
      event: {
        type: WebhookEventType.AUDIT_OVERDUE,
        data: {
          audit: toGlobalId('Audit', Number(row.id)),
          application: toGlobalId('RecertificationApplication', Number(row.application_id)),
          certification: toGlobalId('Certification', Number(row.certification_id)),
          documentsDueOn: String(row.documents_due_on).slice(0, 10),
        },
      },
    }));
  }

  /** Deletes deliveries done for longer than the retention, events with no delivery left, and old marks. */
  async prune(): Promise<void> {
    const now = this.wall.now().getTime();
    if (now - this.lastPrune < Math.min(this.settings.retentionMs, 10 * 60_000)) return;
    const cutoff = new Date(now - this.settings.retentionMs).toISOString();
    await this.db.uow.run(async (em) => {
      await queryNamed(
        em,
        `DELETE FROM webhook_delivery WHERE status IN ('DELIVERED', 'FAILED') AND coalesce(last_attempt_at, created_at) < :cutoff`,
        { cutoff },
      );
      await queryNamed(
        em,
        `DELETE FROM webhook_event WHERE fanned_out <> ${this.falseSql}
           AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = webhook_event.id)`,
        {},
      );
      await queryNamed(em, 'DELETE FROM webhook_schedule_mark WHERE created_at < :cutoff', {
        cutoff: new Date(now - MARK_RETENTION_MS).toISOString(),
      });
    });
    this.lastPrune = now;
  }
}
