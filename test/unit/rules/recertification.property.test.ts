import fc from 'fast-check';

import { addDays } from '../../../src/rules/calendar';
import { cycleOf, CycleEntry, withinCycle } from '../../../src/rules/cycle';
import { CPT_DEFAULT_POLICY } from '../../support/programs';
import { compliance, ComplianceInput } from '../../../src/rules/compliance';
import { CprAedCard, HandsOnWaiver } from '../../../src/rules/cpr-aed';
import { feeQuote, FeeSchedule } from '../../../src/rules/fees';
import { nextCycleStart, renewedExpiry } from '../../../src/rules/renewal';

const P = CPT_DEFAULT_POLICY;
const BASE = '2020-01-01';

/** A calendar date between 2020-01-01 and about 2031. */
const dateArb = fc.integer({ min: 0, max: 4200 }).map((n) => addDays(BASE, n));

const entryArb = fc.record({
  courseId: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
  completedOn: dateArb,
  creditPath: fc.constantFrom<CycleEntry['creditPath']>('AUTOMATIC', 'PETITION_REQUIRED'),
  ceu: fc.integer({ min: 0, max: 300 }),
  petitionStatus: fc.constantFrom<CycleEntry['petitionStatus']>(null, 'PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN'),
  requestedCeu: fc.integer({ min: 0, max: 300 }),
  usedByApplication: fc.boolean(),
});

/** Entries with unique ids. */
const entriesArb = fc
  .array(entryArb, { maxLength: 30 })
  .map((rows) => rows.map((row, i): CycleEntry => ({ id: i + 1, ...row })));

const cardArb = fc.record({
  issuedOn: dateArb,
  validDays: fc.integer({ min: 0, max: 1200 }),
  coversAdultCpr: fc.boolean(),
  coversAed: fc.boolean(),
  format: fc.constantFrom<CprAedCard['format']>('IN_PERSON', 'BLENDED', 'ONLINE_ONLY'),
});
const cardsArb = fc.array(cardArb, { maxLength: 4 }).map((rows) =>
  rows.map(({ validDays, ...row }, i): CprAedCard => ({
    id: i + 1,
    ...row,
    expiresOn: addDays(row.issuedOn, validDays),
  })),
);

const waiverArb = fc
  .record({ startsOn: dateArb, length: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }) })
  .map(({ startsOn, length }): HandsOnWaiver => ({
    startsOn,
    liftedOn: length === null ? null : addDays(startsOn, length),
  }));

const scheduleArb = fc.record({
  effectiveFrom: dateArb,
  currencyCode: fc.constant('USD'),
  recertificationFee: fc.integer({ min: 0, max: 50_000 }),
  lateFee: fc.integer({ min: 0, max: 50_000 }),
  additionalFee: fc.integer({ min: 0, max: 50_000 }),
});

/** A certification: cycle start, expiry 24 months later. */
const certificationArb = dateArb.map((cycleStartsOn) => ({
  cycleStartsOn,
  expiresOn: addDays(renewedExpiry(cycleStartsOn, P), -1),
}));

const inputArb: fc.Arbitrary<ComplianceInput> = fc.record({
  policy: fc.constant(P),
  certification: certificationArb,
  entries: entriesArb,
  cards: cardsArb,
  waivers: fc.array(waiverArb, { maxLength: 3 }),
  schedules: fc.array(scheduleArb, { maxLength: 3 }),
  alreadyApplied: fc.boolean(),
  on: dateArb,
});

describe('R1/R5/R8/R9 properties', () => {
  it('R5/R9: earned CEUs never exceed the sum of countable entries inside the cycle', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const c = compliance(input);
        const cycle = cycleOf(input.certification, P);
        const countable = input.entries
          .filter((e) => e.creditPath === 'AUTOMATIC' || e.petitionStatus === 'APPROVED')
          .filter((e) => withinCycle(cycle, e.completedOn))
          .reduce((sum, e) => sum + e.ceu, 0);
        expect(c.continuingEducation.earned).toBeLessThanOrEqual(countable);
        expect(c.continuingEducation.earned).toBe(
          c.continuingEducation.earnedAutomatic + c.continuingEducation.earnedByPetition,
        );
        expect(Number.isInteger(c.continuingEducation.earned)).toBe(true);
        expect(c.continuingEducation.remaining).toBe(Math.max(0, 190 - c.continuingEducation.earned));
        expect(c.totalEarned).toBe(c.continuingEducation.earned + c.cprAed.ceu);
        expect(c.acceptable).toBe(c.blockers.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it('R8: a later receipt date never costs less while the window is open', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.array(scheduleArb, { maxLength: 4 }),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (expiresOn, raw, offset, step) => {
          // Dated schedules where later ones never lower a fee: each fee is a running maximum.
          const sorted = [...raw].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
          const schedules: FeeSchedule[] = [];
          let prev = { recertificationFee: 9900, lateFee: 3000, additionalFee: 5000 };
          for (const s of sorted) {
            prev = {
              recertificationFee: Math.max(prev.recertificationFee, s.recertificationFee),
              lateFee: Math.max(prev.lateFee, s.lateFee),
              additionalFee: Math.max(prev.additionalFee, s.additionalFee),
            };
            schedules.push({ ...s, ...prev });
          }
          const early = addDays(expiresOn, offset);
          const late = addDays(early, step);
          const a = feeQuote(schedules, expiresOn, early, P);
          const b = feeQuote(schedules, expiresOn, late, P);
          if (b.phase !== 'CLOSED') expect(b.total).toBeGreaterThanOrEqual(a.total);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('R8: with one fixed schedule the total is non-decreasing day by day until the window closes', () => {
    fc.assert(
      fc.property(dateArb, scheduleArb, (expiresOn, schedule) => {
        let previous = -1;
        for (let n = -5; n <= 370; n += 1) {
          const q = feeQuote([{ ...schedule, effectiveFrom: '2000-01-01' }], expiresOn, addDays(expiresOn, n), P);
          if (q.phase === 'CLOSED') break;
          expect(q.total).toBeGreaterThanOrEqual(previous);
          previous = q.total;
        }
      }),
      { numRuns: 50 },
    );
  });

  it('R5/R10: no completion counts in two consecutive cycles', () => {
    fc.assert(
      fc.property(certificationArb, entriesArb, (certification, raw) => {
        // Put every completion between the first cycle's start and the end of the second cycle,
        // many of them in the overlap E1+1 … E1+90.
        const entries = raw.map((e, i) => ({
          ...e,
          completedOn:
            i % 2 === 0
              ? addDays(certification.expiresOn, (Number(e.completedOn.slice(8)) * 3) % 91)
              : addDays(certification.cycleStartsOn, (e.ceu * 5) % 1500),
        }));
        const first = compliance({
          policy: P,
          certification,
          entries: entries.map((e) => ({ ...e, usedByApplication: false })),
          cards: [],
          waivers: [],
          schedules: [],
          alreadyApplied: false,
          on: certification.expiresOn,
        });
        const used = new Set([...first.summary.standings].filter(([, s]) => s === 'COUNTED').map(([id]) => id));
        const second = compliance({
          policy: P,
          certification: {
            cycleStartsOn: nextCycleStart(certification.expiresOn),
            expiresOn: renewedExpiry(certification.expiresOn, P),
          },
          entries: entries.map((e) => ({ ...e, usedByApplication: used.has(e.id) })),
          cards: [],
          waivers: [],
          schedules: [],
          alreadyApplied: false,
          on: renewedExpiry(certification.expiresOn, P),
        });
        for (const id of used) expect(second.summary.standings.get(id)).not.toBe('COUNTED');
        const firstCounted = entries.filter((e) => used.has(e.id)).reduce((sum, e) => sum + e.ceu, 0);
        const secondEarned = entries
          .filter((e) => second.summary.standings.get(e.id) === 'COUNTED')
          .reduce((sum, e) => sum + e.ceu, 0);
        expect(second.continuingEducation.earned).toBe(secondEarned);
        expect(first.continuingEducation.earned).toBe(firstCounted);
      }),
      { numRuns: 500 },
    );
  });

  it('R9: the same input always gives the same answer, whatever the entry order', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.entries], { minLength: input.entries.length })),
        ),
        ([input, shuffled]) => {
          const a = compliance(input);
          const b = compliance(input);
          expect(b).toEqual(a);
          const c = compliance({ ...input, entries: shuffled });
          expect(c.continuingEducation).toEqual(a.continuingEducation);
          expect(c.totalEarned).toBe(a.totalEarned);
          expect(c.blockers).toEqual(a.blockers);
          expect(c.acceptable).toBe(a.acceptable);
          expect(new Map([...c.summary.standings].sort())).toEqual(new Map([...a.summary.standings].sort()));
          const d = compliance({ ...input, cards: [...input.cards].reverse() });
          expect(d.cprAed).toEqual(a.cprAed);
        },
      ),
      { numRuns: 500 },
    );
  });
});
