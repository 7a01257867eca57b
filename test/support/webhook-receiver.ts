import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** Fast delivery settings for tests; a local receiver is let through. */
export const FAST_WEBHOOKS = {
  WEBHOOK_DISPATCH: 'true',
  WEBHOOK_POLL_INTERVAL: '40ms',
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
  WEBHOOK_RETRY_BASE: '100ms',
  WEBHOOK_RETRY_MAX_DELAY: '300ms',
  WEBHOOK_TIMEOUT: '600ms',
  WEBHOOK_LEASE: '2s',
};

/** One request a receiver got. */
export interface Received {
  at: number;
  headers: Record<string, string>;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** How the receiver answers a request: a status, or hanging, or a 10 MB body, or a dropped connection. */
export type Answer = number | 'hang' | 'huge' | 'drop';

/**
 * A real local HTTP receiver for webhook tests: it records every request, answers as told
 * (by default 200), and waits for a number of requests.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Bytes of the 10 MB answers written before the client closed the connection. */
  readonly hugeBytesWritten: number[] = [];
  private answer: (request: Received) => Answer = () => 200;
  private readonly sockets = new Set<import('node:net').Socket>();
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let payload: Received['payload'];
      try {
        payload = JSON.parse(body);
      } catch {
        payload = { type: '', timestamp: '', data: {} };
      }
      const request: Received = {
        at: Date.now(),
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body,
        payload,
      };
      this.received.push(request);
      const answer = this.answer(request);
      if (answer === 'hang') return; // never answers; the socket stays open
      if (answer === 'drop') return void req.socket.destroy();
      if (answer === 'huge') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const block = Buffer.alloc(64 * 1024, 'x');
        let written = 0;
        const slot = this.hugeBytesWritten.push(0) - 1;
        const pump = () => {
          while (written < 10 * 1024 * 1024) {
            written += block.length;
            this.hugeBytesWritten[slot] = written;
            if (!res.write(block)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (this.hugeBytesWritten[slot] = written));
        return pump();
      }
      res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ received: true }));
    });
  });
  url = '';

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server.on('connection', (socket) => {
      receiver.sockets.add(socket);
      socket.on('close', () => receiver.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
    return receiver;
  }

  answerWith(answer: Answer | ((request: Received) => Answer)): void {
    this.answer = typeof answer === 'function' ? answer : () => answer;
  }

  /** The requests whose payload type is `type`. */
  ofType(type: string): Received[] {
    return this.received.filter((r) => r.payload.type === type);
  }

  /** Waits until `count` requests matched `filter` (all requests by default), or fails after `ms`. */
  async waitFor(count: number, filter: (r: Received) => boolean = () => true, ms = 15_000): Promise<Received[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const matching = this.received.filter(filter);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${count} webhook requests, got ${matching.length}: ${JSON.stringify(this.received.map((r) => r.payload.type))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  clear(): void {
    this.received.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Verifies a received request with the standardwebhooks library, as a receiver would. */
export function verify(secret: string, request: Pick<Received, 'headers' | 'body'>): unknown {
  return new Webhook(secret).verify(request.body, request.headers);
}

/** Waits until `check` holds (polling), or fails with its last answer after `ms`. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
