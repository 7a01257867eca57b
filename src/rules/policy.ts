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
  /** R8: days after expiry with the late fee only (E+1 … E+90). */
  lateWindowDays: number;
  /** R8/R12: months after expiry at which the window closes and the credential lapses. */
  closeAfterMonths: number;
  /** R7: days after a hands-on waiver is lifted during which online-only cards are still accepted. */
  waiverGraceDays: number;
  /** R11: share of accepted applications selected for audit, from 0 to 1. */
  auditRate: number;
  /** R11: days after selection by which audit documents are due. */
  auditDocumentsDays: number;
}

export const CPT_DEFAULT_POLICY: ProgramPolicy = Object.freeze({
  cycleMonths: 24,
  requiredCeu: 200,
  cprAedCeu: 10,
  courseworkGraceDays: 90,
  petitionFee: 2500,
  currencyCode: 'USD',
  lateWindowDays: 90,
  closeAfterMonths: 12,
  waiverGraceDays: 60,
  auditRate: 0.1,
  auditDocumentsDays: 30,
});

/** R1: the continuing-education part of the requirement (2.0 − 0.1 = 1.9 CEUs). */
export function continuingEducationRequired(policy: ProgramPolicy): CeuHundredths {
  return policy.requiredCeu - policy.cprAedCeu;
}
