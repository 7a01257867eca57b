import { fromGlobalId, toGlobalId } from './ids';

/** Who is calling. Built once per request by the context factory. */
export type Identity =
  | { kind: 'ANONYMOUS' }
  | { kind: 'STAFF'; staffId: string }
  | { kind: 'TRAINER'; trainerId: number }
  | { kind: 'PROVIDER'; providerId: number };

export type Role = 'STAFF' | 'TRAINER' | 'PROVIDER';

export const ANONYMOUS: Identity = { kind: 'ANONYMOUS' };

/**
 * Development identity: `X-Dev-Identity: staff:<name>`, `trainer:<trn_ id>` or
 * `provider:<prv_ id>`. Accepted only when CEU_DEV_IDENTITY is on (never in production).
 * Returns null for a header that names nobody.
 */
export function identityFromDevHeader(header: string): Identity | null {
  const [kind, ...rest] = header.trim().split(':');
  const value = rest.join(':');
  switch (kind.toLowerCase()) {
    case 'staff':
      return /^[\w.@-]{1,64}$/.test(value) ? { kind: 'STAFF', staffId: value } : null;
    case 'trainer': {
      const trainerId = fromGlobalId('Trainer', value);
      return trainerId ? { kind: 'TRAINER', trainerId } : null;
    }
    case 'provider': {
      const providerId = fromGlobalId('Provider', value);
      return providerId ? { kind: 'PROVIDER', providerId } : null;
    }
    default:
      return null;
  }
}

/** How an identity is written in the decision log and idempotency scopes. */
export function actorOf(identity: Identity): { actorType: string; actorId: string } {
  switch (identity.kind) {
    case 'STAFF':
      return { actorType: 'STAFF', actorId: identity.staffId };
    case 'TRAINER':
      return { actorType: 'TRAINER', actorId: toGlobalId('Trainer', identity.trainerId) };
    case 'PROVIDER':
      return { actorType: 'PROVIDER', actorId: toGlobalId('Provider', identity.providerId) };
    default:
      return { actorType: 'ANONYMOUS', actorId: '-' };
  }
}
