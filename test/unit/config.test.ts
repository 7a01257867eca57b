import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, DEVELOPMENT_CREDENTIAL_KEY, DEVELOPMENT_WEBHOOK_SECRET_KEY, loadConfig } from '../../src/config';

describe('configuration: scale-out settings', () => {
  it.each<[string | undefined, boolean | number | string]>([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['2', 2],
    ['loopback', 'loopback'],
    ['loopback, 10.0.0.0/8', 'loopback,10.0.0.0/8'],
    ['fd00::/8', 'fd00::/8'],
  ])('TRUST_PROXY=%s is %p', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['everyone', 'loopback;rm', '10.0.0.0/8,*'])('TRUST_PROXY=%s is refused with a clear message', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must be/);
  });

  it('COMPLETION_REPORT_RETENTION_DAYS defaults to 400 and takes a whole number of days, at least 1', () => {
    expect(loadConfig({}).completionReportRetentionDays).toBe(400);
    expect(loadConfig({ COMPLETION_REPORT_RETENTION_DAYS: '30' }).completionReportRetentionDays).toBe(30);
    expect(() => loadConfig({ COMPLETION_REPORT_RETENTION_DAYS: '0' })).toThrow(
      /COMPLETION_REPORT_RETENTION_DAYS must be a whole number of at least 1/,
    );
    expect(() => loadConfig({ COMPLETION_REPORT_RETENTION_DAYS: '1y' })).toThrow(
      /COMPLETION_REPORT_RETENTION_DAYS must be a whole number/,
    );
  });

  it('DATABASE_POOL_SIZE defaults to 10 and takes a whole number of at least 1', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(
      /DATABASE_POOL_SIZE must be a whole number of at least 1/,
    );
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE must be a whole number/);
  });
});

describe('configuration: every bad value is refused with a message that names it', () => {
  const key = generateKeyPairSync('ed25519');
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'x'.repeat(32),
    CREDENTIAL_SIGNING_KEY: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    PUBLIC_URL: 'https://api.example.org',
    WEBHOOK_SECRET_KEY: 'w'.repeat(32),
  };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  it.each<[string, Record<string, string>, RegExp]>([
    ['NODE_ENV', { NODE_ENV: 'prod' }, /NODE_ENV must be one of development, test, production, got "prod"/],
    ['PORT', { PORT: 'http' }, /PORT must be a whole number, got "http"/],
    ['PORT', { PORT: '70000' }, /PORT must be a port number/],
    ['PORT', { PORT: '-1' }, /PORT must be a whole number/],
    [
      'DATABASE_URL',
      { DATABASE_URL: 'mysql://localhost/db' },
      /DATABASE_URL must be a postgres:\/\/ connection string/,
    ],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ address/],
    ['REDIS_KEY_PREFIX', { REDIS_KEY_PREFIX: 'a b' }, /REDIS_KEY_PREFIX must be letters, digits/],
    ['JWT_SECRET', { ...production, JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    ['JWT_SECRET', { NODE_ENV: 'production' }, /JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production/],
    ['JWT_JWKS_URL', { JWT_JWKS_URL: 'keys.json' }, /JWT_JWKS_URL must be an http\(s\) URL/],
    ['SEED_DEMO', { SEED_DEMO: 'sometimes' }, /SEED_DEMO must be true or false, got "sometimes"/],
    ['BODY_LIMIT', { BODY_LIMIT: 'large' }, /BODY_LIMIT must be a size such as 1mb or 500kb/],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'portal.example.com' }, /CORS_ORIGINS must list origins/],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'https://portal.example.com/app' }, /CORS_ORIGINS must list origins/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['QUERY_MAX_DEPTH', { QUERY_MAX_DEPTH: '0' }, /QUERY_MAX_DEPTH must be a whole number of at least 1/],
    ['QUERY_MAX_COST', { QUERY_MAX_COST: '1e4' }, /QUERY_MAX_COST must be a whole number/],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: 'lots' }, /RATE_LIMIT_PER_MINUTE must be a whole number/],
    ['QUERY_COST_PER_MINUTE', { QUERY_COST_PER_MINUTE: '-5' }, /QUERY_COST_PER_MINUTE must be a whole number/],
    [
      'QUERY_COST_PER_MINUTE',
      { QUERY_COST_PER_MINUTE: '5000', QUERY_MAX_COST: '10000' },
      /QUERY_COST_PER_MINUTE must be 0 \(off\) or at least QUERY_MAX_COST \(10000\), got "5000"/,
    ],
    [
      'AUTH_FAILURES_PER_MINUTE',
      { AUTH_FAILURES_PER_MINUTE: 'many' },
      /AUTH_FAILURES_PER_MINUTE must be a whole number/,
    ],
    [
      'ANONYMOUS_MUTATIONS_PER_HOUR',
      { ANONYMOUS_MUTATIONS_PER_HOUR: '2.5' },
      /ANONYMOUS_MUTATIONS_PER_HOUR must be a whole number/,
    ],
    ['PUBLIC_URL', { PUBLIC_URL: 'api.example.org' }, /PUBLIC_URL must be an http\(s\) address/],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://api.example.org/?x=1' }, /PUBLIC_URL must be an http\(s\) address/],
    ['PUBLIC_URL', { ...production, PUBLIC_URL: '' }, /PUBLIC_URL is required when NODE_ENV=production/],
    [
      'CREDENTIAL_SIGNING_KEY',
      { CREDENTIAL_SIGNING_KEY: 'secret' },
      /CREDENTIAL_SIGNING_KEY must be an Ed25519 private key/,
    ],
    ['CREDENTIAL_SIGNING_KEY', { CREDENTIAL_SIGNING_KEY: rsa.toString() }, /must be an Ed25519 private key/],
    [
      'CREDENTIAL_SIGNING_KEY',
      { CREDENTIAL_SIGNING_KEY: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
      /must be an Ed25519 private key/,
    ],
    [
      'CREDENTIAL_SIGNING_KEY',
      { ...production, CREDENTIAL_SIGNING_KEY: '' },
      /CREDENTIAL_SIGNING_KEY is required when NODE_ENV=production/,
    ],
    [
      'CREDENTIAL_SIGNING_KEY',
      { ...production, CREDENTIAL_SIGNING_KEY: DEVELOPMENT_CREDENTIAL_KEY },
      /must not be the public development key/,
    ],
    [
      'WEBHOOK_SECRET_KEY',
      { ...production, WEBHOOK_SECRET_KEY: '' },
      /WEBHOOK_SECRET_KEY is required when NODE_ENV=production/,
    ],
    ['WEBHOOK_SECRET_KEY', { WEBHOOK_SECRET_KEY: 'short' }, /WEBHOOK_SECRET_KEY must be at least 32 characters/],
    [
      'WEBHOOK_SECRET_KEY',
      { ...production, WEBHOOK_SECRET_KEY: DEVELOPMENT_WEBHOOK_SECRET_KEY },
      /WEBHOOK_SECRET_KEY must not be the public development key/,
    ],
    [
      'WEBHOOK_ALLOW_PRIVATE_ADDRESSES',
      { ...production, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' },
      /WEBHOOK_ALLOW_PRIVATE_ADDRESSES must be false when NODE_ENV=production/,
    ],
    ['WEBHOOK_TIMEOUT', { WEBHOOK_TIMEOUT: 'soon' }, /WEBHOOK_TIMEOUT must be a duration of at least 100 ms/],
    ['WEBHOOK_RETRY_FOR', { WEBHOOK_RETRY_FOR: '10' }, /WEBHOOK_RETRY_FOR must be a duration of at least 1000 ms/],
    ['WEBHOOK_LEASE', { WEBHOOK_LEASE: '5s' }, /WEBHOOK_LEASE \(5000 ms\) must be longer than WEBHOOK_TIMEOUT/],
    ['WEBHOOK_CONCURRENCY', { WEBHOOK_CONCURRENCY: '0' }, /WEBHOOK_CONCURRENCY must be a whole number of at least 1/],
    ['GRAPHQL_EXECUTOR', { GRAPHQL_EXECUTOR: 'fast' }, /GRAPHQL_EXECUTOR must be one of jit, graphql-js, got "fast"/],
    [
      'GRAPHQL_JIT_CACHE_SIZE',
      { GRAPHQL_JIT_CACHE_SIZE: '0' },
      /GRAPHQL_JIT_CACHE_SIZE must be a whole number of at least 1/,
    ],
    [
      'CREDENTIAL_PREVIOUS_KEYS',
      { CREDENTIAL_PREVIOUS_KEYS: '{"kty":"OKP"}' },
      /CREDENTIAL_PREVIOUS_KEYS must be a JSON array/,
    ],
    [
      'CREDENTIAL_PREVIOUS_KEYS',
      { CREDENTIAL_PREVIOUS_KEYS: '[{"kty":"OKP","crv":"Ed25519","x":"not-a-key"}]' },
      /CREDENTIAL_PREVIOUS_KEYS must be a JSON array of Ed25519 public keys/,
    ],
  ])('%s: %j', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports all bad values of a start at once', () => {
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'x', LOG_LEVEL: 'loud', CORS_ORIGINS: 'nope' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^PORT/),
        expect.stringMatching(/^JWT_SECRET or JWT_JWKS_URL is required/),
        expect.stringMatching(/^CORS_ORIGINS/),
        expect.stringMatching(/^LOG_LEVEL/),
        expect.stringMatching(/^PUBLIC_URL is required/),
        expect.stringMatching(/^CREDENTIAL_SIGNING_KEY is required/),
        expect.stringMatching(/^WEBHOOK_SECRET_KEY is required/),
      ]);
    }
  });

  it('takes the credential key as PEM (also with escaped newlines) or as a JWK, and previous keys as JWKs', () => {
    const pem = production.CREDENTIAL_SIGNING_KEY;
    const jwk = JSON.stringify(key.privateKey.export({ format: 'jwk' }));
    const publicJwk = key.publicKey.export({ format: 'jwk' });
    for (const given of [pem, pem.replace(/\n/g, '\\n'), jwk]) {
      const config = loadConfig({ ...production, CREDENTIAL_SIGNING_KEY: given });
      expect(config.credentials.signingKey.equals(key.privateKey)).toBe(true);
    }
    const config = loadConfig({ ...production, CREDENTIAL_PREVIOUS_KEYS: JSON.stringify([publicJwk]) });
    expect(config.credentials.previousKeys).toHaveLength(1);
    expect(config.credentials.previousKeys[0].equals(key.publicKey)).toBe(true);
    expect(config.publicUrl).toBe('https://api.example.org');
    expect(loadConfig({ PUBLIC_URL: 'http://ceu.internal:4000/' }).publicUrl).toBe('http://ceu.internal:4000');
  });

  it('outside production the credential key and the public address have defaults', () => {
    const config = loadConfig({});
    expect(config.publicUrl).toBeNull();
    expect(config.credentials.signingKey.asymmetricKeyType).toBe('ed25519');
    expect(config.credentials.previousKeys).toEqual([]);
  });

  it('accepts good values as given', () => {
    const config = loadConfig({
      ...production,
      PORT: '8080',
      DATABASE_URL: 'postgres://app@db:5432/ceu',
      BODY_LIMIT: '500kb',
      CORS_ORIGINS: 'https://portal.example.com, http://localhost:3000',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      env: 'production',
      port: 8080,
      databaseUrl: 'postgres://app@db:5432/ceu',
      bodyLimit: '500kb',
      corsOrigins: ['https://portal.example.com', 'http://localhost:3000'],
      logLevel: 'warn',
    });
  });
});
