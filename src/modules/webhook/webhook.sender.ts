import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/** What one attempt came to: the status when an answer came, else why not; the answer's first bytes. */
export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export interface SenderOptions {
  timeoutMs: number;
  /** Let requests reach loopback and private addresses (tests, development). Metadata addresses never. */
  allowPrivateAddresses: boolean;
}

/** Instance metadata services (AWS, GCP, Azure, OpenStack; AWS ECS; AWS over IPv6; Alibaba). */
export const CLOUD_METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200'];

/** The most of an answer's body read; the rest is dropped with the connection. */
export const MAX_ANSWER_BYTES = 4096;

/**
 * POSTs webhook payloads. Every connection goes through a filtering agent that checks the
 * address a name resolves to (so a name pointing at 127.0.0.1 or 169.254.169.254 is refused
 * as the literal would be); redirects are not followed; one deadline covers connecting,
 * sending and reading; at most 4 KiB of the answer is read.
 */
export class WebhookSender {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(private readonly options: SenderOptions) {
    const filter = {
      allowPrivateIPAddress: options.allowPrivateAddresses,
      allowMetaIPAddress: false,
      // Cloud metadata services, refused even where private addresses are let through.
      denyIPAddressList: CLOUD_METADATA_ADDRESSES,
    };
    this.agents = {
      http: new RequestFilteringHttpAgent({ keepAlive: false, ...filter }),
      https: new RequestFilteringHttpsAgent({ keepAlive: false, ...filter }),
    };
  }

  post(url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: AttemptOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        resolve(outcome);
      };
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return resolve({ ok: false, status: null, error: 'The endpoint URL is not valid.' });
      }
      const secure = target.protocol === 'https:';
      let request: http.ClientRequest;
      try {
        // A literal address is checked here, synchronously; a name once it is resolved.
        request = (secure ? https : http).request(target, {
          method: 'POST',
          agent: secure ? this.agents.https : this.agents.http,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
      } catch (error) {
        return resolve({ ok: false, status: null, error: describe(error as NodeJS.ErrnoException) });
      }
      const timer = setTimeout(
        () => finish({ ok: false, status: null, error: `No answer within ${this.options.timeoutMs} ms.` }),
        this.options.timeoutMs,
      );
      request.on('error', (error: NodeJS.ErrnoException) =>
        finish({ ok: false, status: null, error: describe(error) }),
      );
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
          const ok = status >= 200 && status < 300;
          const redirect = status >= 300 && status < 400;
          finish({
            ok,
            status,
            error: ok
              ? null
              : `HTTP ${status}${redirect ? ' (redirects are not followed)' : ''}${excerpt ? `: ${excerpt.slice(0, 300)}` : ''}`,
          });
        };
        response.on('data', (chunk: Buffer) => {
          if (size >= MAX_ANSWER_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_ANSWER_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      });
      request.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'Connection refused.';
  if (error.code === 'ENOTFOUND') return 'The host name does not resolve.';
  if (error.code === 'ECONNRESET') return 'The connection was reset.';
  if (/is not allowed/i.test(error.message)) return `Address refused: ${error.message.slice(0, 200)}`;
  if (error.code && /CERT|SSL|TLS/.test(error.code)) return `TLS error (${error.code}).`;
  return `Request failed${error.code ? ` (${error.code})` : ''}.`;
}
