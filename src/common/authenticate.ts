import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { AppConfig } from '../config';
import type { Loaders } from '../loaders';
import { ANONYMOUS, Identity, identityFromDevHeader } from './identity';

export const DEV_IDENTITY_HEADER = 'x-dev-identity';

/**
 * Who sent the request. The single place credentials are read: replacing the development header
 * with API keys and tokens changes this function only.
 */
export async function authenticate(req: Request, config: AppConfig, loaders: Loaders): Promise<Identity> {
  const header = req.header(DEV_IDENTITY_HEADER);
  if (!header) return ANONYMOUS;
  const identity = config.devIdentity ? identityFromDevHeader(header) : null;
  // The caller must exist; the lookup goes through the request's loaders, so `viewer` reuses it.
  const exists =
    identity?.kind === 'TRAINER'
      ? (await loaders.trainer.load(identity.trainerId)) !== null
      : identity?.kind === 'PROVIDER'
        ? (await loaders.provider.load(identity.providerId)) !== null
        : identity !== null;
  if (!identity || !exists) {
    throw new GraphQLError('The credentials could not be verified.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return identity;
}
