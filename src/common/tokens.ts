import { createRemoteJWKSet, JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config';

export type TokenRole = 'TRAINER' | 'STAFF';

export interface TokenClaims {
  role: TokenRole;
  sub: string;
}

/**
 * How far the clock of whoever issued a token may run ahead of ours: an `iat` up to this far in
 * the future is believed, and an `exp` up to this much beyond now plus the maximum lifetime.
 */
export const CLOCK_TOLERANCE_SECONDS = 60;

/** Valid tokens kept verified (a portal session sends the same token for hours), and their text at most. */
const VERIFIED_TOKENS_KEPT = 10_000;
const VERIFIED_TOKEN_TEXT_KEPT = 8 * 1024 * 1024;

/**
 * Portal and staff tokens: JWTs signed with the configured secret (HS256) or with a key from the
 * configured JWKS; issuer, audience and expiry are always checked, and so is the token's life:
 * a token that expires further ahead than JWT_MAX_LIFETIME (from now, or from its `iat`), or was
 * issued in the future, is refused, so that a leaked signing key or a careless issuer cannot
 * hand out tokens that stay good for years.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  /**
   * Tokens found valid, with their claims and expiry: checked once, then believed until they
   * expire (what a JWT promises anyway: it cannot be withdrawn before). Refusals are not kept.
   */
  private readonly verified = new LRUCache<string, { claims: TokenClaims; exp: number }>({
    max: VERIFIED_TOKENS_KEPT,
    maxSize: VERIFIED_TOKEN_TEXT_KEPT,
    sizeCalculation: (_value, token) => token.length,
  });

  constructor(private readonly config: AppConfig['jwt']) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ['RS256', 'ES256', 'EdDSA'];
    } else {
      this.key = new TextEncoder().encode(config.secret ?? '');
      this.algorithms = ['HS256'];
    }
  }

  /** The claims of a valid token, or null for anything else (bad signature, expired, wrong audience…). */
  async verify(token: string): Promise<TokenClaims | null> {
    const known = this.verified.get(token);
    if (known && Date.now() / 1000 < known.exp) return known.claims;
    if (known) this.verified.delete(token);
    const claims = await this.check(token);
    if (claims) this.verified.set(token, claims);
    return claims?.claims ?? null;
  }

  private async check(token: string): Promise<{ claims: TokenClaims; exp: number } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key as Uint8Array, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      const role = payload.role;
      if ((role !== 'TRAINER' && role !== 'STAFF') || typeof payload.sub !== 'string') return null;
      const now = Math.floor(Date.now() / 1000);
      const longest = this.config.maxLifetimeSeconds;
      // jose has checked that exp (and iat, when present) are numbers. From now, the issuer's
      // clock may be a little ahead; from iat, both times come from the same clock.
      if (payload.exp! - now > longest + CLOCK_TOLERANCE_SECONDS) return null;
      if (payload.iat !== undefined) {
        if (payload.iat > now + CLOCK_TOLERANCE_SECONDS) return null;
        if (payload.exp! - payload.iat > longest) return null;
      }
      return { claims: { role, sub: payload.sub }, exp: payload.exp! };
    } catch {
      return null;
    }
  }
}

/** Signs a token with the configured secret (development tooling and tests). */
export function signToken(
  config: Omit<AppConfig['jwt'], 'maxLifetimeSeconds'>,
  claims: TokenClaims,
  options: { expiresIn?: string | number } = {},
): Promise<string> {
  if (!config.secret) throw new Error('Signing needs JWT_SECRET (tokens from a JWKS are issued elsewhere).');
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(config.secret));
}
