/**
 * R7 CPR/AED: which card counts on a date, and hands-on waiver periods. Pure: every "today" is
 * an argument.
 */
import { addDays, LocalDate } from './calendar';
import { ProgramPolicy } from './policy';
import { CeuHundredths } from './units';

export type CprAedFormat = 'IN_PERSON' | 'BLENDED' | 'ONLINE_ONLY';

export interface CprAedCard {
  id: number;
  issuedOn: LocalDate;
  expiresOn: LocalDate;
  coversAdultCpr: boolean;
  coversAed: boolean;
  format: CprAedFormat;
}

/** A hands-on waiver period: online-only cards issued from `startsOn` to `liftedOn` + 60 days are accepted. */
export interface HandsOnWaiver {
  startsOn: LocalDate;
  /** Null while the waiver is still in force. */
  liftedOn: LocalDate | null;
}

export type CprAedStatus =
  'VALID' | 'ACCEPTED_UNDER_WAIVER' | 'MISSING' | 'EXPIRED' | 'COVERAGE_INCOMPLETE' | 'HANDS_ON_REQUIRED';

export interface CprAedAssessment {
  status: CprAedStatus;
  /** The card the assessment is about: the best one on record, or null when there is none. */
  cardId: number | null;
  /** True for VALID and ACCEPTED_UNDER_WAIVER. */
  counts: boolean;
  /** ACCEPTED_UNDER_WAIVER carries HANDS_ON_RECOMMENDED. */
  advisories: 'HANDS_ON_RECOMMENDED'[];
  /** CEUs it brings (R1: 0.1 when it counts, else 0). */
  ceu: CeuHundredths;
}

/** R7: a card issued on `issuedOn` falls inside the waiver (start through lifted + 60 days). */
export function waiverCovers(waiver: HandsOnWaiver, issuedOn: LocalDate, policy: ProgramPolicy): boolean {
  if (issuedOn < waiver.startsOn) return false;
  return waiver.liftedOn === null || issuedOn <= addDays(waiver.liftedOn, policy.waiverGraceDays);
}

type CardStatus = Exclude<CprAedStatus, 'MISSING'>;

/** R7: how one card stands on `on`; failures in priority expired, coverage, hands-on (when the program requires it). */
function cardStatus(
  card: CprAedCard,
  waivers: readonly HandsOnWaiver[],
  on: LocalDate,
  policy: ProgramPolicy,
): CardStatus {
  if (card.expiresOn < on) return 'EXPIRED';
  if (!card.coversAdultCpr || !card.coversAed) return 'COVERAGE_INCOMPLETE';
  if (card.format !== 'ONLINE_ONLY' || !policy.handsOnRequired) return 'VALID';
  return waivers.some((w) => waiverCovers(w, card.issuedOn, policy)) ? 'ACCEPTED_UNDER_WAIVER' : 'HANDS_ON_REQUIRED';
}

/** Later expiry first, then later issue, then higher id: a total order, so the choice never depends on input order. */
function compareCards(a: CprAedCard, b: CprAedCard): number {
  if (a.expiresOn !== b.expiresOn) return a.expiresOn > b.expiresOn ? -1 : 1;
  if (a.issuedOn !== b.issuedOn) return a.issuedOn > b.issuedOn ? -1 : 1;
  return b.id - a.id;
}

/**
 * R7: the CPR/AED assessment on `on`. The best counting card wins (VALID before
 * ACCEPTED_UNDER_WAIVER, then the latest expiry); with none counting, the latest-expiring card
 * says what is wrong.
 */
export function assessCprAed(
  cards: readonly CprAedCard[],
  waivers: readonly HandsOnWaiver[],
  on: LocalDate,
  policy: ProgramPolicy,
): CprAedAssessment {
  if (cards.length === 0) return { status: 'MISSING', cardId: null, counts: false, advisories: [], ceu: 0 };
  const rank: Record<CardStatus, number> = {
    VALID: 0,
    ACCEPTED_UNDER_WAIVER: 1,
    EXPIRED: 2,
    COVERAGE_INCOMPLETE: 2,
    HANDS_ON_REQUIRED: 2,
  };
  const assessed = cards.map((card) => ({ card, status: cardStatus(card, waivers, on, policy) }));
  assessed.sort((a, b) => rank[a.status] - rank[b.status] || compareCards(a.card, b.card));
  const { card, status } = assessed[0];
  const counts = status === 'VALID' || status === 'ACCEPTED_UNDER_WAIVER';
  return {
    status,
    cardId: card.id,
    counts,
    advisories: status === 'ACCEPTED_UNDER_WAIVER' ? ['HANDS_ON_RECOMMENDED'] : [],
    ceu: counts ? policy.cprAedCeu : 0,
  };
}
