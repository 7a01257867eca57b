import { NextFunction, Request, Response, Router } from 'express';
import { GraphQLError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { Clock } from '../../common/clock';
import { RequestContext } from '../../context';
import { isLocalDate, LocalDate } from '../../rules/calendar';
import { CREDENTIAL_KEY_PATH, JWKS_PATH, TranscriptCredentialIssuer } from './transcript-credential';
import { readTranscript, TranscriptData } from './transcript-document';
import { renderTranscriptPdf } from './transcript-pdf';

/** Where a transcript is downloaded, relative to the API's public address. */
export const transcriptPaths = (certificationId: string) => ({
  pdf: `/transcripts/${certificationId}.pdf`,
  credential: `/transcripts/${certificationId}.jwt`,
});

export interface ExportDeps {
  schema: GraphQLSchema;
  /** Signs credentials; also knows the API's public address. */
  issuer: TranscriptCredentialIssuer;
  clock: Clock;
  logger: Logger;
  /** The request's context, built as for a GraphQL request (throws UNAUTHENTICATED on bad credentials). */
  context(req: Request): Promise<RequestContext>;
}

const CERTIFICATION_ID_RE = /^[\w-]{1,64}$/;

function refuse(res: Response, status: number, code: string, message: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="ceu-ledger"');
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Transcript downloads and the public keys that check them:
 * - `GET /transcripts/{certificationId}.pdf` — the transcript as a PDF;
 * - `GET /transcripts/{certificationId}.jwt` — the transcript as a signed verifiable credential;
 * - `GET /.well-known/jwks.json` and `GET /credentials/keys/{kid}` — the credential keys.
 * Downloads take an optional `?asOf=YYYY-MM-DD`, need the trainer's or staff's token, and answer
 * 404 for a transcript the caller may not see, as the `transcript` query answers null.
 */
export function transcriptExportRouter(deps: ExportDeps): Router {
  const router = Router();

  router.get(JWKS_PATH, (_req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/jwk-set+json').send(JSON.stringify(deps.issuer.jwks()));
  });

  router.get(`${CREDENTIAL_KEY_PATH}/:thumbprint`, (req, res) => {
    const key = deps.issuer.published.find((k) => k.kid.endsWith(`/${req.params.thumbprint}`));
    if (!key) return refuse(res, 404, 'NOT_FOUND', 'No credential key has this ID.');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/jwk+json').send(JSON.stringify(key));
  });

  /** Reads the transcript for a download, or answers the refusal and returns null. */
  async function transcriptFor(req: Request, res: Response): Promise<TranscriptData | null> {
    const certificationId = String(req.params.certificationId);
    const asOf = req.query.asOf;
    if (asOf !== undefined && (typeof asOf !== 'string' || !isLocalDate(asOf))) {
      refuse(res, 400, 'BAD_USER_INPUT', 'asOf must be a date such as 2026-11-22.');
      return null;
    }
    if (req.header('authorization') === undefined) {
      refuse(res, 401, 'UNAUTHENTICATED', 'A transcript is downloaded with the trainer’s or a staff token.');
      return null;
    }
    const ctx = await deps.context(req);
    const data = CERTIFICATION_ID_RE.test(certificationId)
      ? await readTranscript(deps.schema, ctx, certificationId, (asOf as LocalDate | undefined) ?? null)
      : null;
    if (!data) refuse(res, 404, 'NOT_FOUND', 'No transcript you may see has this certification ID.');
    return data;
  }

  const download =
    (send: (data: TranscriptData, res: Response, issuedAt: Date) => Promise<void>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const data = await transcriptFor(req, res);
        if (data) await send(data, res, deps.clock.now());
      } catch (error) {
        if (error instanceof GraphQLError && error.extensions?.code === 'UNAUTHENTICATED') {
          return refuse(res, 401, 'UNAUTHENTICATED', error.message);
        }
        next(error);
      }
    };

  const fileName = (data: TranscriptData, issuedAt: Date, extension: string) =>
    `transcript-${data.certification.number}-${issuedAt.toISOString().slice(0, 10)}.${extension}`.replace(
      /[^\w.-]/g,
      '_',
    );

  router.get(
    '/transcripts/:certificationId.pdf',
    download(async (data, res, issuedAt) => {
      const pdf = await renderTranscriptPdf(data, {
        issuedAt,
        publicUrl: deps.issuer.publicUrl,
        credentialPath: transcriptPaths(data.certification.id).credential,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName(data, issuedAt, 'pdf')}"`);
      res.type('application/pdf').send(pdf);
    }),
  );

  router.get(
    '/transcripts/:certificationId.jwt',
    download(async (data, res, issuedAt) => {
      const { jwt, id } = await deps.issuer.issue(data, issuedAt);
      deps.logger.info({ credentialId: id, certificationId: data.certification.id }, 'transcript credential issued');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName(data, issuedAt, 'jwt')}"`);
      res.type('application/jwt').send(jwt);
    }),
  );

  // A path whose percent-encoding is not UTF-8 (`%ED%A0%80`, a lone surrogate's bytes) fails to
  // decode before any route runs; it is the client's fault, said as such. Query strings need no
  // such care: their parser decodes bad bytes to U+FFFD, and `asOf` is checked as a date.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(error instanceof URIError)) return next(error);
    refuse(
      res,
      400,
      'BAD_USER_INPUT',
      'The address is not valid: a percent-encoded part of it does not decode to UTF-8 text.',
    );
  });

  return router;
}
