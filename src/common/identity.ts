import { toGlobalId } from './ids';

/** Who is calling. Built once per request by the context factory. */
export type Identity =
  | { kind: 'ANONYMOUS' }
  | { kind: 'STAFF'; staffId: string }
  | { kind: 'TRAINER'; trainerId: number }
  | { kind: 'PROVIDER'; providerId: number };

export type Role = 'STAFF' | 'TRAINER' | 'PROVIDER';

export const ANONYMOUS: Identity = { kind: 'ANONYMOUS' };

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
