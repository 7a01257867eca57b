import { CeuHundredths, Cents } from './units';

/**
 * The recertification policy of a credential program. Every number is data: the CPT defaults
 * below are what a new program starts with.
 */
export interface ProgramPolicy {
  /** R1: length of a cycle. */
  cycleMonths: number;
  /** R1: total CEUs required, CPR/AED included. */
  requiredCeu: CeuHundredths;
  /** R1: the part of the requirement met by a current CPR/AED credential. */
  cprAedCeu: CeuHundredths;
  /** R5: days after expiry during which coursework still counts toward the cycle. */
  courseworkGraceDays: number;
  /** R6: fee charged when a petition is submitted, never refunded. */
  petitionFee: Cents;
  currencyCode: string;
}

export const CPT_DEFAULT_POLICY: ProgramPolicy = Object.freeze({
  cycleMonths: 24,
  requiredCeu: 200,
  cprAedCeu: 10,
  courseworkGraceDays: 90,
  petitionFee: 2500,
  currencyCode: 'USD',
});

/** R1: the continuing-education part of the requirement (2.0 − 0.1 = 1.9 CEUs). */
export function continuingEducationRequired(policy: ProgramPolicy): CeuHundredths {
  return policy.requiredCeu - policy.cprAedCeu;
}
