import { foldName } from '../../common/text';
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
    ...trainerNameColumns(facts.firstName, facts.lastName),
    email: normalizeEmail(facts.email),
    createdAt: now,
  };
}

/** The names as kept (trimmed) with their folded search keys: for a new trainer and for a change of name. */
export function trainerNameColumns(
  firstName: string,
  lastName: string,
): Pick<Trainer, 'firstName' | 'lastName' | 'firstNameKey' | 'lastNameKey'> {
  return {
    firstName: firstName.trim(),
    lastName: lastName.trim(),
    firstNameKey: foldName(firstName),
    lastNameKey: foldName(lastName),
  };
}

/** E-mail addresses are kept trimmed and lower-cased, so that uniqueness ignores case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
