import { createRemoteJWKSet, JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../config';

export type TokenRole = 'TRAINER' | 'STAFF';

export interface TokenClaims {
  role: TokenRole;
  sub: string;
}

/**
 * Portal and staff tokens: JWTs signed with the configured secret (HS256) or with a key from the
 * configured JWKS; issuer, audience and expiry are always checked.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

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
    try {
      const { payload } = await jwtVerify(token, this.key as Uint8Array, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      const role = payload.role;
      if ((role !== 'TRAINER' && role !== 'STAFF') || typeof payload.sub !== 'string') return null;
      return { role, sub: payload.sub };
    } catch {
      return null;
    }
  }
}

/** Signs a token with the configured secret (development tooling and tests). */
export function signToken(
  config: AppConfig['jwt'],
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
