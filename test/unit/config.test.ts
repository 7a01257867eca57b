import { ConfigError, loadConfig } from '../../src/config';

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
  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
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
      ]);
    }
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
