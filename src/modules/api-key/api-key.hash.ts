import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt cost: about 30 ms on one core, so that a stolen table cannot be brute-forced cheaply. */
const PARAMS = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
export const KEY_PREFIX = 'ceu_live_';

/** Without O, 0, I, l and 1 (easy to misread); `newApiKey` can therefore never write "DEMO". */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * The start of every demo key (the demo seed's published one): demo data only. No key
 * `createApiKey` hands out starts so (ALPHABET has no O), and a production server refuses any
 * key that does, whatever its database holds.
 */
export const DEMO_KEY_PREFIX = `${KEY_PREFIX}DEMO`;

/** True for a demo key (a token, or a stored prefix). */
export function isDemoKey(tokenOrPrefix: string): boolean {
  return tokenOrPrefix.startsWith(DEMO_KEY_PREFIX);
}

function randomText(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A new key: `ceu_live_<10-char id>_<40-char secret>`; the prefix is the part before the last `_`. */
export function newApiKey(): { token: string; prefix: string; secret: string } {
  const prefix = `${KEY_PREFIX}${randomText(10)}`;
  const secret = randomText(40);
  return { token: `${prefix}_${secret}`, prefix, secret };
}

/** Splits a presented key into prefix and secret, or null when it is not shaped like one. */
export function splitApiKey(token: string): { prefix: string; secret: string } | null {
  const m = /^(ceu_live_[A-Za-z0-9]{10})_([A-Za-z0-9]{40})$/.exec(token);
  return m ? { prefix: m[1], secret: m[2] } : null;
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_LENGTH, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A fingerprint of a whole token, for the in-memory cache of verified keys (never stored). */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
