import 'reflect-metadata';
import { signToken } from '../src/common/tokens';
import { loadConfig } from '../src/config';

/**
 * Mints a portal or staff token signed with the configured secret (the development secret by
 * default): `npm run token -- --role trainer --sub trn_qLnT7I [--ttl 8h]`.
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
  const config = loadConfig();
  console.log(await signToken(config.jwt, { role, sub }, { expiresIn: args.get('ttl') ?? '8h' }));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
