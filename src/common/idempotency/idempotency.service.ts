import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../../context';
import { actorOf } from '../identity';
import { refuse, UserErrorCode } from '../user-errors';
import { IdempotencyRecord } from './idempotency.entity';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => k !== 'idempotencyKey' && (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Runs a creating mutation at most once per (caller, key): a repeat with the same input gets the
 * first answer back; a repeat with other input is refused. Refused mutations store nothing, so
 * they may be retried with the same key.
 */
export class IdempotencyService {
  async once<R>(
    em: EntityManager,
    ctx: RequestContext,
    operation: string,
    input: { idempotencyKey?: string | null },
    produce: () => Promise<R>,
  ): Promise<R> {
    const key = input.idempotencyKey;
    if (!key) return produce();
    const { actorType, actorId } = actorOf(ctx.identity);
    const scope = `${actorType}:${actorId}`;
    const requestHash = createHash('sha256')
      .update(JSON.stringify([operation, canonical(input)]))
      .digest('hex');
    const seen = await em.findOneBy(IdempotencyRecord, { scope, key });
    if (seen) {
      if (seen.operation !== operation || seen.requestHash !== requestHash) {
        refuse(UserErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was already used with different input.', [
          'input',
          'idempotencyKey',
        ]);
      }
      return JSON.parse(seen.response) as R;
    }
    // Claim the key before the work: a concurrent request with the same key waits on the
    // unique key until this one commits, then fails, and its unit of work is tried again and
    // replays this answer (rather than meeting this request's rows in its own duplicate checks).
    // A refusal rolls the claim back with everything else.
    await em.insert(IdempotencyRecord, { scope, key, operation, requestHash, response: '', createdAt: ctx.now });
    const result = await produce();
    await em.update(IdempotencyRecord, { scope, key }, { response: JSON.stringify(result) });
    return result;
  }
}
