import { fromGlobalId, toGlobalId } from '../../common/ids';
import { actorOf } from '../../common/identity';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import { Database } from '../../database/database';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { WebhookEventType } from '../webhook/event-types';
import { Provider } from '../provider/provider.entity';
import { ApiKey } from './api-key.entity';
import { fingerprint, hashSecret, newApiKey, splitApiKey, verifySecret } from './api-key.hash';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs';

const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED = 10_000;

/** Provider API keys: created by staff, shown once, stored hashed, revocable. */
export class ApiKeyService {
  /** Tokens whose scrypt check already passed in this process (fingerprint → key id). */
  private readonly verified = new Map<string, number>();
  private readonly touched = new Map<number, number>();

  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
  ) {}

  /**
   * The key a presented token belongs to, or null. The row is read on every request, so a
   * revocation holds at once on every server; only the slow hash check is remembered.
   */
  async verify(token: string): Promise<ApiKey | null> {
    const parts = splitApiKey(token);
    if (!parts) return null;
    const key = await this.db.reader.findOneBy(ApiKey, { prefix: parts.prefix });
    if (!key || key.revokedAt) return null;
    const print = fingerprint(token);
    if (this.verified.get(print) !== key.id) {
      if (!(await verifySecret(parts.secret, key.secretHash))) return null;
      if (this.verified.size >= MAX_CACHED) this.verified.clear();
      this.verified.set(print, key.id);
    }
    this.touch(key);
    return key;
  }

  /** Whether this process already verified exactly this token (its key may since have been revoked). */
  verifiedBefore(token: string): boolean {
    return this.verified.has(fingerprint(token));
  }

  /** Records when a key was last used, at most once a minute, outside the request's work. */
  private touch(key: ApiKey): void {
    const now = Date.now();
    if (now - (this.touched.get(key.id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(key.id, now);
    void this.db.uow
      .run((em) => em.update(ApiKey, { id: key.id }, { lastUsedAt: new Date(now).toISOString() }))
      .catch(() => this.touched.delete(key.id));
  }

  /** Staff create a key; the token is returned this once and never again. */
  create(ctx: RequestContext, input: CreateApiKeyInput): Promise<{ apiKeyId: number; token: string }> {
    return this.db.uow.run(async (em) => {
      const providerId = fromGlobalId('Provider', input.providerId);
      const provider = providerId ? await em.findOneBy(Provider, { id: providerId }) : null;
      if (!provider) return refuse(UserErrorCode.NOT_FOUND, 'No provider has this ID.', ['input', 'providerId']);
      // Keys are for partners the body works with: an applicant, a rejected or a suspended provider gets none.
      if (provider.status !== 'APPROVED') {
        refuse(
          UserErrorCode.PROVIDER_NOT_APPROVED,
          `This provider is ${provider.status.toLowerCase()}: only an approved provider gets an API key.`,
          ['input', 'providerId'],
        );
      }
      const { token, prefix, secret } = newApiKey();
      const { identifiers } = await em.insert(ApiKey, {
        providerId: provider.id,
        prefix,
        secretHash: await hashSecret(secret),
        label: input.label?.trim() || null,
        createdBy: actorOf(ctx.identity).actorId,
        createdAt: ctx.now,
        lastUsedAt: null,
        revokedAt: null,
      });
      const apiKeyId = identifiers[0].id as number;
      await this.decisions.record(em, ctx, {
        action: 'API_KEY_CREATED',
        subjectType: 'ApiKey',
        subjectId: apiKeyId,
        details: { provider: input.providerId, prefix, label: input.label ?? null },
      });
      return { apiKeyId, token };
    });
  }

  /** Staff revoke any key; a provider may revoke its own. */
  revoke(ctx: RequestContext, input: RevokeApiKeyInput): Promise<{ apiKeyId: number }> {
    return this.db.uow.run(async (em) => {
      const id = fromGlobalId('ApiKey', input.apiKeyId);
      const key = id ? await em.findOneBy(ApiKey, { id }) : null;
      if (!key || (!isStaff(ctx) && key.providerId !== providerIdOf(ctx))) {
        return refuse(UserErrorCode.NOT_FOUND, 'No API key has this ID.', ['input', 'apiKeyId']);
      }
      if (key.revokedAt) refuse(UserErrorCode.INVALID_TRANSITION, 'The key is already revoked.', ['input', 'apiKeyId']);
      await em.update(ApiKey, { id: key.id }, { revokedAt: ctx.now });
      await this.decisions.record(em, ctx, {
        action: 'API_KEY_REVOKED',
        subjectType: 'ApiKey',
        subjectId: key.id,
        reason: input.reason?.trim() || null,
        details: { prefix: key.prefix },
        events: [
          {
            type: WebhookEventType.API_KEY_REVOKED,
            data: {
              apiKey: toGlobalId('ApiKey', key.id),
              provider: toGlobalId('Provider', key.providerId),
              prefix: key.prefix,
            },
            providerId: key.providerId,
          },
        ],
      });
      return { apiKeyId: key.id };
    });
  }

  /** Staff see every key (of one provider when asked); a provider sees its own. */
  list(ctx: RequestContext, providerGlobalId: string | null | undefined): Promise<ApiKey[]> {
    const own = providerIdOf(ctx);
    const providerId = isStaff(ctx)
      ? providerGlobalId
        ? (fromGlobalId('Provider', providerGlobalId) ?? 0)
        : null
      : own;
    return this.db.reader.find(ApiKey, {
      where: providerId === null ? {} : { providerId },
      order: { id: 'ASC' },
      take: 500,
    });
  }
}
