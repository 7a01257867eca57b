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
    const result = await produce();
    // Should another request with the same key commit first, this insert violates the unique
    // key and the unit of work is tried again, which then replays that request's answer.
    await em.insert(IdempotencyRecord, {
      scope,
      key,
      operation,
      requestHash,
      response: JSON.stringify(result),
      createdAt: ctx.now,
    });
    return result;
  }
}
