import { defineTransitions } from './state-machine';

export const PROVIDER_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'SUSPENDED'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** Provider moves: staff approve or reject an application, suspend, and reinstate. */
export const PROVIDER_TRANSITIONS = defineTransitions<ProviderStatus, 'approve' | 'reject' | 'suspend'>({
  approve: { from: ['PENDING', 'SUSPENDED'], to: 'APPROVED' },
  reject: { from: ['PENDING'], to: 'REJECTED' },
  suspend: { from: ['APPROVED'], to: 'SUSPENDED' },
});

export const COURSE_STATUSES = ['PENDING_REVIEW', 'APPROVED', 'REJECTED', 'RETIRED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/**
 * Course moves (R4). Renewal keeps an approved course approved while staff confirm the next
 * year; an update sends a pending or rejected course (back) to review; retirement is final.
 */
export const COURSE_TRANSITIONS = defineTransitions<CourseStatus, 'approve' | 'reject' | 'update' | 'renew' | 'retire'>(
  {
    approve: { from: ['PENDING_REVIEW'], to: 'APPROVED' },
    reject: { from: ['PENDING_REVIEW'], to: 'REJECTED' },
    update: { from: ['PENDING_REVIEW', 'REJECTED'], to: 'PENDING_REVIEW' },
    renew: { from: ['APPROVED'], to: 'APPROVED' },
    retire: { from: ['PENDING_REVIEW', 'APPROVED', 'REJECTED'], to: 'RETIRED' },
  },
);

export const PETITION_STATUSES = ['PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** Petition moves (R6): staff approve or deny a pending petition; the trainer may withdraw it. */
export const PETITION_TRANSITIONS = defineTransitions<PetitionStatus, 'approve' | 'deny' | 'withdraw'>({
  approve: { from: ['PENDING'], to: 'APPROVED' },
  deny: { from: ['PENDING'], to: 'DENIED' },
  withdraw: { from: ['PENDING'], to: 'WITHDRAWN' },
});
