import { Trainer } from './trainer.entity';

export interface TrainerFacts {
  firstName: string;
  lastName: string;
  email: string;
}

/**
 * The row of a new trainer. Every way a trainer enters the ledger (issuing a certification, the
 * go-live import) inserts this, so that derived columns are filled the same way everywhere.
 */
export function trainerRow(facts: TrainerFacts, now: string): Partial<Trainer> {
  return {
    firstName: facts.firstName.trim(),
    lastName: facts.lastName.trim(),
    email: normalizeEmail(facts.email),
    createdAt: now,
  };
}

/** E-mail addresses are kept trimmed and lower-cased, so that uniqueness ignores case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
