import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { Loaders } from '../loaders';
import { isDemoKey, KEY_PREFIX } from '../modules/api-key/api-key.hash';
import type { ApiKeyService } from '../modules/api-key/api-key.service';
import { fromGlobalId, ID_PREFIXES } from './ids';
import type { QuickCheck } from './rate-limit';
import { ANONYMOUS, Identity } from './identity';
import { TokenClaims, TokenVerifier } from './tokens';

const STAFF_ID_RE = /^[\w.@-]{1,64}$/;
/**
 * Shaped like one of this API's IDs (`trn_Vx3kq9`): never a staff member's. A trainer's ID in a
 * STAFF token is a mistake or a forgery, and would write a trainer's ID into the decision log
 * as the staff member who decided.
 */
const GLOBAL_ID_RE = new RegExp(`^(?:${Object.values(ID_PREFIXES).join('|')})_[A-Za-z0-9]+$`);

/** Whether a staff token's subject would be accepted: a staff login name, not an ID of this API. */
export function isStaffId(sub: string): boolean {
  return STAFF_ID_RE.test(sub) && !GLOBAL_ID_RE.test(sub);
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('The credentials could not be verified.', {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new Map([['www-authenticate', 'Bearer realm="ceu-ledger"']]) },
    },
  });
}

/**
 * Who sent the request: the single place credentials are read. `Authorization: Bearer …` carries
 * either a provider's API key (`ceu_live_…`) or a portal/staff JWT; no header means anonymous.
 * Credentials that are present but not valid are refused with 401, never treated as anonymous.
 */
export class Authenticator {
  /** A token's check, kept for the rest of its request: the rate limiter's quick check and `identify` share one. */
  private readonly checked = new WeakMap<Request, { token: string; claims: Promise<TokenClaims | null> }>();

  constructor(
    private readonly tokens: TokenVerifier,
    private readonly apiKeys: ApiKeyService,
    /** Off in production: the demo seed's published key, even when the database holds it, is refused. */
    private readonly options: { acceptDemoKeys: boolean },
  ) {}

  /**
   * What can be told of a credential without an API key's slow hash: a token is checked by its
   * signature and claims (and named by its subject), an API key is valid when this process
   * verified it before, and otherwise unknown (null). The rate limiter asks this before the
   * request is read; `identify` still checks in full.
   */
  async quickCheck(header: string, req: Request): Promise<QuickCheck> {
    const match = /^Bearer ([\x21-\x7E]{1,4096})$/.exec(header);
    if (!match) return { valid: false, subject: null };
    const credential = match[1];
    if (credential.startsWith(KEY_PREFIX)) {
      return { valid: this.apiKeys.verifiedBefore(credential) ? true : null, subject: null };
    }
    const claims = await this.claimsOf(credential, req);
    return claims ? { valid: true, subject: `${claims.role}:${claims.sub}` } : { valid: false, subject: null };
  }

  private claimsOf(token: string, req: Request): Promise<TokenClaims | null> {
    const seen = this.checked.get(req);
    if (seen?.token === token) return seen.claims;
    const claims = this.tokens.verify(token);
    this.checked.set(req, { token, claims });
    return claims;
  }

  async identify(req: Request, loaders: Loaders): Promise<Identity> {
    const header = req.header('authorization');
    if (header === undefined) return ANONYMOUS;
    const match = /^Bearer ([\x21-\x7E]{1,4096})$/.exec(header);
    if (!match) throw unauthenticated();
    const credential = match[1];
    if (credential.startsWith(KEY_PREFIX)) {
      if (isDemoKey(credential) && !this.options.acceptDemoKeys) throw unauthenticated();
      const key = await this.apiKeys.verify(credential);
      if (!key) throw unauthenticated();
      return { kind: 'PROVIDER', providerId: key.providerId };
    }
    const claims = await this.claimsOf(credential, req);
    if (claims?.role === 'STAFF' && isStaffId(claims.sub)) return { kind: 'STAFF', staffId: claims.sub };
    if (claims?.role === 'TRAINER') {
      // The subject must be a trainer that exists; the lookup primes the request's loader.
      const trainerId = fromGlobalId('Trainer', claims.sub);
      if (trainerId && (await loaders.trainer.load(trainerId))) return { kind: 'TRAINER', trainerId };
    }
    throw unauthenticated();
  }
}
