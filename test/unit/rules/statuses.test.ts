import { nextStatus } from '../../../src/rules/state-machine';
import {
  COURSE_STATUSES,
  COURSE_TRANSITIONS,
  CourseStatus,
  PETITION_STATUSES,
  PETITION_TRANSITIONS,
  PetitionStatus,
  PROVIDER_STATUSES,
  PROVIDER_TRANSITIONS,
  ProviderStatus,
} from '../../../src/rules/statuses';

/** Every (status, action) pair: the expected next status, or null when refused. */
const PROVIDER: Record<ProviderStatus, Record<'approve' | 'reject' | 'suspend', ProviderStatus | null>> = {
  PENDING: { approve: 'APPROVED', reject: 'REJECTED', suspend: null },
  APPROVED: { approve: null, reject: null, suspend: 'SUSPENDED' },
  REJECTED: { approve: null, reject: null, suspend: null },
  SUSPENDED: { approve: 'APPROVED', reject: null, suspend: null },
};

type CourseAction = 'approve' | 'reject' | 'update' | 'renew' | 'retire';
const COURSE: Record<CourseStatus, Record<CourseAction, CourseStatus | null>> = {
  PENDING_REVIEW: {
    approve: 'APPROVED',
    reject: 'REJECTED',
    update: 'PENDING_REVIEW',
    renew: null,
    retire: 'RETIRED',
  },
  APPROVED: {
    approve: null,
    reject: null,
    update: null,
    renew: 'APPROVED',
    retire: 'RETIRED',
  },
  REJECTED: {
    approve: null,
    reject: null,
    update: 'PENDING_REVIEW',
    renew: null,
    retire: 'RETIRED',
  },
  RETIRED: {
    approve: null,
    reject: null,
    update: null,
    renew: null,
    retire: null,
  },
};

const PETITION: Record<PetitionStatus, Record<'approve' | 'deny' | 'withdraw', PetitionStatus | null>> = {
  PENDING: { approve: 'APPROVED', deny: 'DENIED', withdraw: 'WITHDRAWN' },
  APPROVED: { approve: null, deny: null, withdraw: null },
  DENIED: { approve: null, deny: null, withdraw: null },
  WITHDRAWN: { approve: null, deny: null, withdraw: null },
};

function rows<S extends string, A extends string>(rule: string, entity: string, table: Record<S, Record<A, S | null>>) {
  return (Object.keys(table) as S[]).flatMap((status) =>
    (Object.keys(table[status]) as A[]).map((action) => {
      const to = table[status][action];
      const name = `${rule}: ${entity} ${status} --${action}--> ${to ?? 'refused'}`;
      return [name, status, action, to] as [string, S, A, S | null];
    }),
  );
}

describe('provider transitions (R3)', () => {
  it('R3: the table covers every status and every action', () => {
    expect(Object.keys(PROVIDER).sort()).toEqual([...PROVIDER_STATUSES].sort());
    expect(Object.keys(PROVIDER_TRANSITIONS).sort()).toEqual(['approve', 'reject', 'suspend']);
  });
  it.each(rows('R3', 'provider', PROVIDER))('%s', (_name, status, action, to) => {
    expect(nextStatus(PROVIDER_TRANSITIONS, status, action)).toBe(to);
  });
});

describe('course transitions (R4)', () => {
  it('R4: the table covers every status and every action', () => {
    expect(Object.keys(COURSE).sort()).toEqual([...COURSE_STATUSES].sort());
    expect(Object.keys(COURSE_TRANSITIONS).sort()).toEqual(['approve', 'reject', 'renew', 'retire', 'update']);
  });
  it.each(rows('R4', 'course', COURSE))('%s', (_name, status, action, to) => {
    expect(nextStatus(COURSE_TRANSITIONS, status, action)).toBe(to);
  });
});

describe('petition transitions (R6)', () => {
  it('R6: the table covers every status and every action', () => {
    expect(Object.keys(PETITION).sort()).toEqual([...PETITION_STATUSES].sort());
    expect(Object.keys(PETITION_TRANSITIONS).sort()).toEqual(['approve', 'deny', 'withdraw']);
  });
  it.each(rows('R6', 'petition', PETITION))('%s', (_name, status, action, to) => {
    expect(nextStatus(PETITION_TRANSITIONS, status, action)).toBe(to);
  });
});
