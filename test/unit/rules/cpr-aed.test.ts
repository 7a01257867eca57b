import { CPT_DEFAULT_POLICY } from '../../support/programs';
import { assessCprAed, CprAedAssessment, CprAedCard, HandsOnWaiver, waiverCovers } from '../../../src/rules/cpr-aed';

const P = CPT_DEFAULT_POLICY;
const ON = '2026-08-15';

function card(id: number, overrides: Partial<CprAedCard> = {}): CprAedCard {
  return {
    id,
    issuedOn: '2025-01-10',
    expiresOn: '2027-01-10',
    coversAdultCpr: true,
    coversAed: true,
    format: 'IN_PERSON',
    ...overrides,
  };
}

// Waiver from 2020-03-15, lifted 2022-06-30: online-only cards issued 2020-03-15 … 2022-08-29 are accepted.
const waiver: HandsOnWaiver = { startsOn: '2020-03-15', liftedOn: '2022-06-30' };
const openWaiver: HandsOnWaiver = { startsOn: '2026-01-01', liftedOn: null };

describe('R7 waiverCovers', () => {
  it.each<[string, HandsOnWaiver, string, boolean]>([
    ['R7: issued on startsOn − 1 is outside the waiver', waiver, '2020-03-14', false],
    ['R7: issued on startsOn is inside the waiver', waiver, '2020-03-15', true],
    ['R7: issued on liftedOn is inside the waiver', waiver, '2022-06-30', true],
    ['R7: issued on liftedOn + 60 is inside the waiver', waiver, '2022-08-29', true],
    ['R7: issued on liftedOn + 61 is outside the waiver', waiver, '2022-08-30', false],
    ['R7: an open-ended waiver covers its start', openWaiver, '2026-01-01', true],
    ['R7: an open-ended waiver covers any later date', openWaiver, '2030-12-31', true],
    ['R7: an open-ended waiver does not cover the day before it starts', openWaiver, '2025-12-31', false],
  ])('%s', (_name, w, issuedOn, expected) => {
    expect(waiverCovers(w, issuedOn, P)).toBe(expected);
  });

  it('R7: the grace days come from the policy (10 days)', () => {
    expect(waiverCovers(waiver, '2022-07-10', { ...P, waiverGraceDays: 10 })).toBe(true);
    expect(waiverCovers(waiver, '2022-07-11', { ...P, waiverGraceDays: 10 })).toBe(false);
  });
});

const valid = (cardId: number): CprAedAssessment => ({
  status: 'VALID',
  cardId,
  counts: true,
  advisories: [],
  ceu: 10,
});
const failing = (status: CprAedAssessment['status'], cardId: number | null): CprAedAssessment => ({
  status,
  cardId,
  counts: false,
  advisories: [],
  ceu: 0,
});
const waived = (cardId: number): CprAedAssessment => ({
  status: 'ACCEPTED_UNDER_WAIVER',
  cardId,
  counts: true,
  advisories: ['HANDS_ON_RECOMMENDED'],
  ceu: 10,
});

describe('R7 assessCprAed', () => {
  it.each<[string, CprAedCard[], HandsOnWaiver[], CprAedAssessment]>([
    ['R7: no card is MISSING', [], [], failing('MISSING', null)],
    ['R7: an in-person card covering CPR and AED is VALID (0.1 CEU)', [card(1)], [], valid(1)],
    ['R7: a blended card is hands-on and VALID', [card(1, { format: 'BLENDED' })], [], valid(1)],
    ['R7: a card expiring on the application date is still VALID', [card(1, { expiresOn: ON })], [], valid(1)],
    [
      'R7: a card that expired the day before the application date is EXPIRED',
      [card(1, { expiresOn: '2026-08-14' })],
      [],
      failing('EXPIRED', 1),
    ],
    [
      'R7: a card missing adult CPR is COVERAGE_INCOMPLETE',
      [card(1, { coversAdultCpr: false })],
      [],
      failing('COVERAGE_INCOMPLETE', 1),
    ],
    [
      'R7: a card missing AED is COVERAGE_INCOMPLETE',
      [card(1, { coversAed: false })],
      [],
      failing('COVERAGE_INCOMPLETE', 1),
    ],
    [
      'R7: an online-only card with no waiver needs a hands-on assessment',
      [card(1, { format: 'ONLINE_ONLY' })],
      [],
      failing('HANDS_ON_REQUIRED', 1),
    ],
    [
      'R7: an online-only card issued outside the waiver needs a hands-on assessment',
      [card(1, { format: 'ONLINE_ONLY', issuedOn: '2022-08-30', expiresOn: '2026-12-31' })],
      [waiver],
      failing('HANDS_ON_REQUIRED', 1),
    ],
    [
      'R7: an online-only card issued inside the waiver grace is accepted with the advisory',
      [card(1, { format: 'ONLINE_ONLY', issuedOn: '2022-08-29', expiresOn: '2026-12-31' })],
      [waiver],
      waived(1),
    ],
    [
      'R7: an online-only card issued under an open-ended waiver is accepted',
      [card(1, { format: 'ONLINE_ONLY', issuedOn: '2026-02-01' })],
      [waiver, openWaiver],
      waived(1),
    ],
    [
      'R7: expiry outranks coverage and hands-on as the reported failure',
      [card(1, { expiresOn: '2026-08-14', coversAed: false, format: 'ONLINE_ONLY' })],
      [],
      failing('EXPIRED', 1),
    ],
    [
      'R7: coverage outranks hands-on as the reported failure',
      [card(1, { coversAdultCpr: false, format: 'ONLINE_ONLY' })],
      [],
      failing('COVERAGE_INCOMPLETE', 1),
    ],
    [
      'R7: a waiver does not rescue an online-only card missing AED',
      [card(1, { format: 'ONLINE_ONLY', issuedOn: '2026-02-01', coversAed: false })],
      [openWaiver],
      failing('COVERAGE_INCOMPLETE', 1),
    ],
    [
      'R7: several cards: a valid older card beats a newer expired one',
      [card(1, { expiresOn: '2026-08-14' }), card(2, { expiresOn: '2026-09-01' })],
      [],
      valid(2),
    ],
    [
      'R7: several cards: VALID is preferred over a later-expiring card accepted under waiver',
      [
        card(1, { format: 'ONLINE_ONLY', issuedOn: '2026-02-01', expiresOn: '2028-02-01' }),
        card(2, { expiresOn: '2026-09-01' }),
      ],
      [openWaiver],
      valid(2),
    ],
    [
      'R7: several valid cards: the latest expiry is chosen',
      [
        card(1, { expiresOn: '2026-09-01' }),
        card(2, { expiresOn: '2027-06-01' }),
        card(3, { expiresOn: '2026-12-01' }),
      ],
      [],
      valid(2),
    ],
    [
      'R7: several failing cards: the latest-expiring card says what is wrong',
      [card(1, { expiresOn: '2026-01-01' }), card(2, { expiresOn: '2027-06-01', format: 'ONLINE_ONLY' })],
      [],
      failing('HANDS_ON_REQUIRED', 2),
    ],
    [
      'R7: several failing cards: an expired card is reported when it expires last',
      [card(1, { expiresOn: '2026-08-01', coversAed: false }), card(2, { expiresOn: '2026-08-10' })],
      [],
      failing('EXPIRED', 2),
    ],
  ])('%s', (_name, cards, waivers, expected) => {
    expect(assessCprAed(cards, waivers, ON, P)).toEqual(expected);
    expect(assessCprAed([...cards].reverse(), waivers, ON, P)).toEqual(expected);
  });

  it('R7: the CEU value comes from the policy', () => {
    expect(assessCprAed([card(1)], [], ON, { ...P, cprAedCeu: 25 }).ceu).toBe(25);
  });
});
