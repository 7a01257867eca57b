import http from 'node:http';
import { fromGlobalId } from '../../src/common/ids';
import type { Identity } from '../../src/common/identity';
import { TokenVerifier } from '../../src/common/tokens';
import { loadConfig } from '../../src/config';

/** The JSON body of a GraphQL request. */
export interface GraphqlRequest {
  operationName?: string;
  query?: string;
  variables?: Record<string, unknown>;
}

export interface Reply {
  status: number;
  body: string;
}

/** A handler of one path: the request, its body read in full. */
export type Route = (req: http.IncomingMessage, body: string) => Promise<Reply>;

const BODY_LIMIT = 1024 * 1024;
const STAFF_ID_RE = /^[\w.@-]{1,64}$/;

export function json(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value) };
}

/** A top-level error answer, shaped as the API's. */
export function errorReply(status: number, code: string, message: string): Reply {
  return json(status, { errors: [{ message, extensions: { code } }] });
}

export const unauthenticated = (): Reply =>
  errorReply(401, 'UNAUTHENTICATED', 'The credentials could not be verified.');

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function answer(req: http.IncomingMessage, routes: Record<string, Route>): Promise<Reply> {
  const route = routes[`${req.method} ${(req.url ?? '').split('?')[0]}`];
  const body = await readBody(req);
  if (body === null) return errorReply(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (!route) return errorReply(404, 'NOT_FOUND', 'Nothing here; the API is at POST /graphql.');
  return route(req, body);
}

/** A bare node:http server answering `"METHOD /path"` routes, plus GET /healthz. */
export function startServer(port: number, routes: Record<string, Route>): Promise<http.Server> {
  const all: Record<string, Route> = { 'GET /healthz': async () => json(200, { status: 'ok' }), ...routes };
  const server = http.createServer((req, res) => {
    answer(req, all)
      .catch((error: unknown) => {
        console.error(error);
        return errorReply(500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
      })
      .then((reply) => {
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(reply.body);
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Parses a GraphQL request body; null when it is not a JSON object. */
export function parseGraphqlRequest(body: string): GraphqlRequest | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as GraphqlRequest) : null;
  } catch {
    return null;
  }
}

/**
 * The API's credential check for portal and staff tokens (HS256 JWTs with the configured secret,
 * issuer and audience): anonymous without a header, null (401) for anything invalid. Whether a
 * trainer exists is asked of the caller's own data.
 */
export class BearerAuth {
  private readonly verifier = new TokenVerifier(loadConfig().jwt);

  async identify(
    header: string | undefined,
    trainerExists: (id: number) => boolean | Promise<boolean>,
  ): Promise<Identity | null> {
    if (header === undefined) return { kind: 'ANONYMOUS' };
    const match = /^Bearer ([\x21-\x7E]{1,4096})$/.exec(header);
    const claims = match ? await this.verifier.verify(match[1]) : null;
    if (claims?.role === 'STAFF' && STAFF_ID_RE.test(claims.sub)) return { kind: 'STAFF', staffId: claims.sub };
    if (claims?.role === 'TRAINER') {
      const trainerId = fromGlobalId('Trainer', claims.sub);
      if (trainerId && (await trainerExists(trainerId))) return { kind: 'TRAINER', trainerId };
    }
    return null;
  }
}

/** Staff see every certification; a trainer their own. */
export function canSeeTrainer(identity: Identity, trainerId: number): boolean {
  return identity.kind === 'STAFF' || (identity.kind === 'TRAINER' && identity.trainerId === trainerId);
}

/** Runs a baseline server's `main`, closing `close()` on SIGTERM or SIGINT; a failed start exits 1. */
export function runBaseline(main: () => Promise<{ close: () => Promise<unknown> }>): void {
  main().then(
    (running) => {
      const stop = () => void running.close().finally(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
