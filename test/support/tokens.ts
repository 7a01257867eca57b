import { SignJWT } from 'jose';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config';

/** A JWT built by hand, to probe how the server treats bad tokens. */
export function craftToken(
  claims: Record<string, unknown>,
  options: { secret?: string; issuer?: string; audience?: string; expiresIn?: string | number; sub?: string } = {},
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? 'ceu-ledger')
    .setAudience(options.audience ?? 'ceu-ledger-api')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h');
  if (options.sub !== undefined) jwt.setSubject(options.sub);
  return jwt.sign(new TextEncoder().encode(options.secret ?? DEVELOPMENT_JWT_SECRET));
}
