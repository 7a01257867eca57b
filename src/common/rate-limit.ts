import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Per-client request budget: a client is its credential (hashed), or its address when it sends
 * none. Over the budget the answer is 429 with RATE_LIMITED and the seconds to wait. The count is
 * kept per process: behind a load balancer each instance allows the budget (see README).
 */
export function rateLimit(perMinute: number): RequestHandler {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return (req: Request, res: Response, next: NextFunction) => {
    const credential = req.header('authorization');
    const key = credential
      ? `c:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`
      : `a:${req.ip}`;
    limiter.consume(key).then(
      () => next(),
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) return next(rejection);
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(retryAfterSeconds));
        res.status(429).json({
          errors: [
            {
              message: `Too many requests; retry in ${retryAfterSeconds} s.`,
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
            },
          ],
        });
      },
    );
  };
}
