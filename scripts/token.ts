import 'reflect-metadata';
import { decodeJwt } from 'jose';
import { isStaffId } from '../src/common/authenticate';
import { signToken } from '../src/common/tokens';
import { loadConfig } from '../src/config';

/**
 * Mints a portal or staff token signed with the configured secret (the development secret by
 * default): `npm run token -- --role trainer --sub trn_qLnT7I [--ttl 8h]`; the life may not exceed
 * JWT_MAX_LIFETIME, which the server checks.
 */
async function main(): Promise<void> {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) args.set(argv[i].replace(/^--/, ''), argv[i + 1]);
  const role = (args.get('role') ?? '').toUpperCase();
  const sub = args.get('sub');
  if ((role !== 'TRAINER' && role !== 'STAFF') || !sub) {
    console.error('usage: npm run token -- --role trainer|staff --sub <trn_ ID or staff id> [--ttl 8h]');
    process.exit(2);
  }
  if (role === 'STAFF' && !isStaffId(sub)) {
    console.error(`--sub ${sub} is not a staff id (letters, digits and . _ @ -, not an ID such as trn_…).`);
    process.exit(2);
  }
  const config = loadConfig();
  const longest = config.jwt.maxLifetimeSeconds;
  // 8 hours, or less when the server accepts no token that long.
  const ttl = args.get('ttl') ?? (longest < 8 * 3600 ? `${longest}s` : '8h');
  const token = await signToken(config.jwt, { role, sub }, { expiresIn: ttl });
  const { exp, iat } = decodeJwt(token);
  if (exp! - iat! > longest) {
    console.error(`--ttl ${ttl} is longer than JWT_MAX_LIFETIME (${longest} s): the server would refuse the token.`);
    process.exit(2);
  }
  console.log(token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
