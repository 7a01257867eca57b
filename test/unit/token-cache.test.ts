import * as jose from 'jose';
import { signToken, TokenVerifier } from '../../src/common/tokens';

jest.mock('jose', () => {
  const actual = jest.requireActual<typeof jose>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});

const CONFIG = {
  secret: 'a-test-secret-of-at-least-thirty-two-characters',
  jwksUrl: null,
  issuer: 'ceu-ledger',
  audience: 'ceu-ledger-api',
  maxLifetimeSeconds: 12 * 3600,
};
const STAFF = { role: 'STAFF' as const, sub: 'stf_ann' };

describe('a valid token is verified once for its lifetime', () => {
  const jwtVerify = jest.mocked(jose.jwtVerify);
  beforeEach(() => jwtVerify.mockClear());
  afterEach(() => jest.useRealTimers());

  it('the second check of a token is answered without verifying the signature again', async () => {
    const verifier = new TokenVerifier(CONFIG);
    const token = await signToken(CONFIG, STAFF, { expiresIn: '1h' });
    expect(await verifier.verify(token)).toEqual(STAFF);
    expect(await verifier.verify(token)).toEqual(STAFF);
    expect(jwtVerify).toHaveBeenCalledTimes(1);
  });

  it('a kept token is refused once it has expired', async () => {
    const verifier = new TokenVerifier(CONFIG);
    const token = await signToken(CONFIG, STAFF, { expiresIn: '1h' });
    expect(await verifier.verify(token)).toEqual(STAFF);
    jest.useFakeTimers({ now: Date.now() + 3601_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    expect(await verifier.verify(token)).toBeNull();
    expect(jwtVerify).toHaveBeenCalledTimes(2);
  });

  it('a refused token is checked again each time (refusals are not kept)', async () => {
    const verifier = new TokenVerifier(CONFIG);
    const forged = await signToken({ ...CONFIG, secret: 'another-secret-of-at-least-thirty-two-chars' }, STAFF);
    expect(await verifier.verify(forged)).toBeNull();
    expect(await verifier.verify(forged)).toBeNull();
    expect(jwtVerify).toHaveBeenCalledTimes(2);
  });

  it('another verifier (another secret) keeps its own: a token one believes is not believed by the other', async () => {
    const token = await signToken(CONFIG, STAFF, { expiresIn: '1h' });
    expect(await new TokenVerifier(CONFIG).verify(token)).toEqual(STAFF);
    const other = new TokenVerifier({ ...CONFIG, secret: 'another-secret-of-at-least-thirty-two-chars' });
    expect(await other.verify(token)).toBeNull();
  });
});
