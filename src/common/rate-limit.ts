import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

function refuse(res: Response, msBeforeNext: number): void {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(429).json({
    errors: [
      {
        message: `Too many requests; retry in ${retryAfterSeconds} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
      },
    ],
  });
}

/**
 * Per-client request budget. A client is its credential (hashed), or its address when it sends
 * none. Requests whose credentials turn out to be invalid (401) also spend from their address's
 * budget of failures, so that making up new credentials buys no fresh budget, while other clients
 * behind the same address are served. Over budget: 429 RATE_LIMITED with the seconds to wait.
 * Counts are kept per process: behind a load balancer each instance allows the budget.
 */
export function rateLimit(perMinute: number): RequestHandler {
  const budget = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const failures = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return (req: Request, res: Response, next: NextFunction) => {
    const address = `a:${req.ip}`;
    const credential = req.header('authorization');
    const client = credential
      ? `c:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`
      : address;
    res.on('finish', () => {
      if (res.statusCode === 401) failures.consume(address).catch(() => undefined);
    });
    failures
      .get(address)
      .then((failed) => {
        if (credential && failed && failed.remainingPoints <= 0) return refuse(res, failed.msBeforeNext);
        return budget.consume(client).then(
          () => next(),
          (rejection: unknown) => {
            if (!(rejection instanceof RateLimiterRes)) return next(rejection);
            refuse(res, rejection.msBeforeNext);
          },
        );
      })
      .catch(next);
  };
}
