import fc from 'fast-check';
import { addDays, addMonths } from '../../../src/rules/calendar';
import { cycleOfCompletion, CycleHistory, cycleSpans } from '../../../src/rules/cycle';
import { CPT_DEFAULT_POLICY } from '../../support/programs';

const policy = CPT_DEFAULT_POLICY;

/** A certification issued 2020-09-01, renewed on 2022-08-31 by an application received on `receivedOn`. */
function renewedOnce(receivedOn: string): CycleHistory {
  return {
    issuedOn: '2020-09-01',
    pastExpiries: [],
    current: { startsOn: '2022-09-01', expiresOn: '2024-08-31' },
    closings: [{ applicationId: 7, cycleExpiresOn: '2022-08-31', receivedOn }],
  };
}

describe('R5: the coursework days of each cycle', () => {
  // receivedOn → [cycle 1 through, cycle 2 from]
  test.each([
    [
      'R5: early (300 days before expiry): the days from receipt belong to the next cycle',
      '2021-11-04',
      '2021-11-03',
      '2021-11-04',
    ],
    ['R5: on the expiry day itself', '2022-08-31', '2022-08-30', '2022-08-31'],
    [
      'R5/R8: late (E+10): the old cycle keeps its days to expiry, the grace days go forward',
      '2022-09-10',
      '2022-08-31',
      '2022-09-01',
    ],
  ])('%s', (_name, receivedOn, through, from) => {
    const [closed, current] = cycleSpans(renewedOnce(receivedOn), policy);
    expect(closed).toMatchObject({
      number: 1,
      startsOn: '2020-09-01',
      expiresOn: '2022-08-31',
      courseworkThrough: through,
    });
    expect(closed.closedBy?.applicationId).toBe(7);
    expect(current).toMatchObject({
      number: 2,
      current: true,
      startsOn: '2022-09-01',
      courseworkFrom: from,
      closedBy: null,
    });
    expect(current.courseworkThrough).toBe(current.courseworkDeadline);
  });

  test('R5: imported earlier expiries without applications are cycles that end on their expiry', () => {
    const spans = cycleSpans(
      {
        issuedOn: '2018-03-15',
        pastExpiries: ['2022-03-15', '2020-03-15'],
        current: { startsOn: '2022-03-16', expiresOn: '2024-03-15' },
        closings: [],
      },
      policy,
    );
    expect(spans.map((s) => [s.number, s.startsOn, s.expiresOn, s.courseworkFrom, s.courseworkThrough])).toEqual([
      [1, '2018-03-15', '2020-03-15', '2018-03-15', '2020-03-15'],
      [2, '2020-03-16', '2022-03-15', '2020-03-16', '2022-03-15'],
      [3, '2022-03-16', '2024-03-15', '2022-03-16', '2024-06-13'],
    ]);
  });

  test('R5: a completion an approved application used belongs to the cycle it closed, whatever its date', () => {
    const spans = cycleSpans(renewedOnce('2022-09-10'), policy);
    expect(cycleOfCompletion(spans, { completedOn: '2022-09-05', usedByApplicationId: 7 })).toBe(1);
    expect(cycleOfCompletion(spans, { completedOn: '2022-09-05', usedByApplicationId: null })).toBe(2);
    // After the current cycle's deadline: shown with it (counting for nothing there).
    expect(cycleOfCompletion(spans, { completedOn: '2025-01-01', usedByApplicationId: null })).toBe(2);
    expect(cycleOfCompletion(spans, { completedOn: '2019-01-01', usedByApplicationId: null })).toBeNull();
  });

  test('R5 (property): any history shares out the days from issue to the deadline without gap or overlap', () => {
    const history = fc
      .record({
        issued: fc.integer({ min: 0, max: 2000 }),
        renewals: fc.array(fc.integer({ min: -700, max: 300 }), { maxLength: 4 }),
      })
      .map(({ issued, renewals }) => {
        const issuedOn = addDays('2015-01-01', issued);
        const closings = [];
        let expiresOn = addMonths(issuedOn, 24);
        for (const [n, offset] of renewals.entries()) {
          closings.push({ applicationId: n + 1, cycleExpiresOn: expiresOn, receivedOn: addDays(expiresOn, offset) });
          expiresOn = addMonths(expiresOn, 24);
        }
        const startsOn = closings.length ? addDays(closings[closings.length - 1].cycleExpiresOn, 1) : issuedOn;
        return { issuedOn, pastExpiries: [], current: { startsOn, expiresOn }, closings } as CycleHistory;
      });
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 5000 }), (h, offset) => {
        const spans = cycleSpans(h, policy);
        for (let i = 1; i < spans.length; i++) {
          if (spans[i].courseworkFrom !== addDays(spans[i - 1].courseworkThrough, 1)) return false;
        }
        const day = addDays(h.issuedOn, offset);
        const holders = spans.filter((s) => s.courseworkFrom <= day && day <= s.courseworkThrough);
        return day > spans[spans.length - 1].courseworkThrough ? holders.length === 0 : holders.length === 1;
      }),
    );
  });
});
