import { receives, retryDelay, webhookPayload } from '../../src/modules/webhook/webhook.dispatcher';
import { EVENT_TYPES, WebhookEventType } from '../../src/modules/webhook/event-types';
import { endpointUrlProblem } from '../../src/modules/webhook/webhook.service';
import { WebhookSecrets } from '../../src/modules/webhook/webhook.secrets';

const SETTINGS = { retryBaseMs: 10_000, retryMaxDelayMs: 6 * 3600_000 };

describe('retryDelay: exponential back-off with ±25 % jitter, capped', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [5, 160_000],
    [12, 20_480_000], // 10 s × 2^11 = 5.7 h
    [13, 6 * 3600_000], // the cap
    [40, 6 * 3600_000],
  ])('attempt %i waits %i ms at the middle of the jitter', (attempts, middle) => {
    expect(retryDelay(attempts, SETTINGS, () => 0.5)).toBe(middle);
    expect(retryDelay(attempts, SETTINGS, () => 0)).toBe(Math.round(middle * 0.75));
    expect(retryDelay(attempts, SETTINGS, () => 0.999999)).toBeLessThanOrEqual(Math.round(middle * 1.25));
  });

  it('the default schedule spans the three days of retries in about 20 attempts', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 3 * 86_400_000) elapsed += retryDelay(++attempts, SETTINGS, () => 0.5);
    expect(attempts).toBeGreaterThan(15);
    expect(attempts).toBeLessThan(25);
  });
});

describe('receives: who gets an event', () => {
  const staff = { providerId: null, eventTypes: [] };
  const providerA = { providerId: 1, eventTypes: [] };
  const coursesOfA = { providerId: 1, eventTypes: [WebhookEventType.COURSE_APPROVED] };
  it.each<
    [string, { providerId: number | null; eventTypes: WebhookEventType[] }, WebhookEventType, number | null, boolean]
  >([
    ['staff: every event', staff, WebhookEventType.AUDIT_OVERDUE, null, true],
    ['staff: an event about a provider', staff, WebhookEventType.COURSE_APPROVED, 2, true],
    ['a provider: its own course', providerA, WebhookEventType.COURSE_APPROVED, 1, true],
    ['a provider: another provider’s course', providerA, WebhookEventType.COURSE_APPROVED, 2, false],
    ['a provider: its own completion', providerA, WebhookEventType.COMPLETION_RECORDED, 1, true],
    ['a provider: a staff-only event about it', providerA, WebhookEventType.PROVIDER_SUSPENDED, 1, false],
    ['a provider: an event about no provider', providerA, WebhookEventType.PETITION_SUBMITTED, null, false],
    ['a subscription: a type it chose', coursesOfA, WebhookEventType.COURSE_APPROVED, 1, true],
    ['a subscription: a type it did not choose', coursesOfA, WebhookEventType.API_KEY_REVOKED, 1, false],
  ])('%s', (_case, endpoint, type, providerId, expected) => {
    expect(receives(endpoint, { type, providerId })).toBe(expected);
  });

  it('every event type has a dotted payload type, unique', () => {
    const wires = Object.values(EVENT_TYPES).map((e) => e.wire);
    expect(new Set(wires).size).toBe(Object.keys(WebhookEventType).length);
    for (const wire of wires) expect(wire).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });

  it('the payload is Standard Webhooks’ type, timestamp and data', () => {
    expect(
      JSON.parse(
        webhookPayload({
          type: WebhookEventType.API_KEY_REVOKED,
          occurredAt: '2026-06-15T12:00:00.000Z',
          data: { apiKey: 'key_x' },
        }),
      ),
    ).toEqual({ type: 'api_key.revoked', timestamp: '2026-06-15T12:00:00.000Z', data: { apiKey: 'key_x' } });
  });
});

describe('endpointUrlProblem', () => {
  it.each<[string, boolean, RegExp | null]>([
    ['https://hooks.example.com/ceu', true, null],
    ['http://127.0.0.1:8080/hooks', false, null],
    ['http://hooks.example.com/ceu', true, /https in production/],
    ['https://100.64.0.1/x', true, /public address/],
    ['https://[::ffff:127.0.0.1]/x', true, /public address/],
    ['https://api.localhost/x', true, /not localhost/],
    ['https://8.8.8.8/x', true, null],
    ['mailto:ops@example.com', false, /must start with https/],
    ['/relative', false, /not valid/],
  ])('%s (production %s)', (url, production, problem) => {
    const found = endpointUrlProblem(url, production);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeNull();
  });
});

describe('webhook secrets at rest', () => {
  it('seal and open round-trip; another key cannot open; each seal differs', () => {
    const secrets = new WebhookSecrets('k'.repeat(32));
    const secret = WebhookSecrets.generate();
    const sealed = secrets.seal(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(secrets.open(sealed)).toBe(secret);
    expect(secrets.seal(secret)).not.toBe(sealed);
    expect(() => new WebhookSecrets('o'.repeat(32)).open(sealed)).toThrow();
  });
});
