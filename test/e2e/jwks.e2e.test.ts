import http from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTestApp, TestApp } from '../support/harness';

describe('portal and staff tokens signed by keys from a JWKS URL', () => {
  let jwks: http.Server;
  let t: TestApp;
  let sign: (claims: { role: string; sub: string }, kid?: string) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    t = await startTestApp({ env: { JWT_JWKS_URL: url } });
    sign = (claims, kid = 'k1') =>
      new SignJWT({ role: claims.role })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject(claims.sub)
        .setIssuer('ceu-ledger')
        .setAudience('ceu-ledger-api')
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const viewer = (token: string) =>
    t.http('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { role staffId } }' }),
    });

  it('a token signed by a key of the JWKS is accepted', async () => {
    const res = await viewer(await sign({ role: 'STAFF', sub: 'ann' }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ viewer: { role: 'STAFF', staffId: 'ann' } });
  });

  it('a token naming a key the JWKS does not have, or signed with the HS256 development secret, is refused', async () => {
    expect((await viewer(await sign({ role: 'STAFF', sub: 'ann' }, 'unknown'))).status).toBe(401);
    const { signToken } = await import('../../src/common/tokens');
    const { DEVELOPMENT_JWT_SECRET } = await import('../../src/config');
    const hs = await signToken(
      { secret: DEVELOPMENT_JWT_SECRET, jwksUrl: null, issuer: 'ceu-ledger', audience: 'ceu-ledger-api' },
      { role: 'STAFF', sub: 'ann' },
    );
    expect((await viewer(hs)).status).toBe(401);
  });
});
