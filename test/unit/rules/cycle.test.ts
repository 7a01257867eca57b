import { cycleOf, CycleEntry, Standing, summarizeCycle, withinCycle } from '../../../src/rules/cycle';
import { CPT_DEFAULT_POLICY } from '../../support/programs';

// Previous expiry 2024-08-31 → this cycle starts 2024-09-01 and expires 2026-08-31.
const cycle = cycleOf({ cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' }, CPT_DEFAULT_POLICY);

let nextId = 1;
function entry(overrides: Partial<CycleEntry>): CycleEntry {
  return {
    id: nextId++,
    courseId: null,
    completedOn: '2025-06-01',
    creditPath: 'AUTOMATIC',
    ceu: 50,
    petitionStatus: null,
    requestedCeu: 0,
    usedByApplication: false,
    ...overrides,
  };
}

describe('R5 cycleOf and withinCycle', () => {
  it.each([
    ['R5: cycle starts on the given start (day after the previous expiry)', cycle.startsOn, '2024-09-01'],
    ['R5: cycle expires on the expiry', cycle.expiresOn, '2026-08-31'],
    ['R5: coursework deadline is expiry + 90 days', cycle.courseworkDeadline, '2026-11-29'],
    [
      'R5: coursework deadline across a year end (expiry 2026-12-15 → 2027-03-15)',
      cycleOf({ cycleStartsOn: '2024-12-16', expiresOn: '2026-12-15' }, CPT_DEFAULT_POLICY).courseworkDeadline,
      '2027-03-15',
    ],
    [
      'R5: grace days come from the policy (30 days → 2026-09-30)',
      cycleOf(
        { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' },
        { ...CPT_DEFAULT_POLICY, courseworkGraceDays: 30 },
      ).courseworkDeadline,
      '2026-09-30',
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['R5: the day before the cycle start (2024-08-31) is outside', '2024-08-31', false],
    ['R5: the cycle start (2024-09-01) is inside', '2024-09-01', true],
    ['R5: a day mid-cycle is inside', '2025-06-01', true],
    ['R5: the expiry (E+0, 2026-08-31) is inside', '2026-08-31', true],
    ['R5: the day after expiry (E+1) is inside', '2026-09-01', true],
    ['R5: expiry + 90 (2026-11-29) is inside', '2026-11-29', true],
    ['R5: expiry + 91 (2026-11-30) is outside', '2026-11-30', false],
    ['R5: a date years later is outside', '2028-01-01', false],
  ])('%s', (_name, date, expected) => {
    expect(withinCycle(cycle, date)).toBe(expected);
  });
});

interface Case {
  entries: CycleEntry[];
  standings: Record<number, Standing>;
  earnedAutomatic: number;
  earnedByPetition: number;
  pending: number;
}

function byIndex(entries: CycleEntry[], standings: Standing[]): Record<number, Standing> {
  return Object.fromEntries(entries.map((e, i) => [e.id, standings[i]]));
}

function make(entries: CycleEntry[], standings: Standing[], auto: number, petition: number, pending: number): Case {
  return {
    entries,
    standings: byIndex(entries, standings),
    earnedAutomatic: auto,
    earnedByPetition: petition,
    pending,
  };
}

describe('R5/R6 summarizeCycle', () => {
  const cases: [string, Case][] = [
    [
      'R5: an automatic completion inside the cycle counts',
      make([entry({ courseId: 1, ceu: 50 })], ['COUNTED'], 50, 0, 0),
    ],
    [
      'R5: a completion on the cycle start counts, the day before is outside',
      make(
        [
          entry({ courseId: 1, completedOn: '2024-09-01', ceu: 40 }),
          entry({ courseId: 2, completedOn: '2024-08-31', ceu: 70 }),
        ],
        ['COUNTED', 'OUTSIDE_CYCLE'],
        40,
        0,
        0,
      ),
    ],
    [
      'R5: a completion on expiry + 90 counts, expiry + 91 is outside',
      make(
        [
          entry({ courseId: 1, completedOn: '2026-11-29', ceu: 30 }),
          entry({ courseId: 2, completedOn: '2026-11-30', ceu: 70 }),
        ],
        ['COUNTED', 'OUTSIDE_CYCLE'],
        30,
        0,
        0,
      ),
    ],
    [
      'R5: a completion used by an earlier approved application does not count',
      make(
        [entry({ courseId: 1, ceu: 50, usedByApplication: true }), entry({ courseId: 2, ceu: 20 })],
        ['USED_BY_EARLIER_APPLICATION', 'COUNTED'],
        20,
        0,
        0,
      ),
    ],
    [
      'R5: the same course counts once per cycle: the earliest completion counts',
      make(
        [
          entry({ courseId: 7, completedOn: '2025-10-01', ceu: 50 }),
          entry({ courseId: 7, completedOn: '2025-02-01', ceu: 50 }),
          entry({ courseId: 7, completedOn: '2026-01-01', ceu: 50 }),
        ],
        ['SAME_COURSE_ALREADY_COUNTED', 'COUNTED', 'SAME_COURSE_ALREADY_COUNTED'],
        50,
        0,
        0,
      ),
    ],
    [
      'R5: the same course on the same day: the lower id counts',
      (() => {
        const high = entry({
          id: 901,
          courseId: 8,
          completedOn: '2025-05-05',
          ceu: 60,
        });
        const low = entry({
          id: 900,
          courseId: 8,
          completedOn: '2025-05-05',
          ceu: 60,
        });
        return make([high, low], ['SAME_COURSE_ALREADY_COUNTED', 'COUNTED'], 60, 0, 0);
      })(),
    ],
    [
      'R5: a repeat of a course outside the cycle does not block the one inside',
      make(
        [
          entry({ courseId: 9, completedOn: '2024-08-31', ceu: 50 }),
          entry({ courseId: 9, completedOn: '2025-01-01', ceu: 50 }),
        ],
        ['OUTSIDE_CYCLE', 'COUNTED'],
        50,
        0,
        0,
      ),
    ],
    [
      'R5: a repeat used by an earlier application does not block the next one',
      make(
        [
          entry({
            courseId: 9,
            completedOn: '2024-09-10',
            ceu: 50,
            usedByApplication: true,
          }),
          entry({ courseId: 9, completedOn: '2025-01-01', ceu: 50 }),
        ],
        ['USED_BY_EARLIER_APPLICATION', 'COUNTED'],
        50,
        0,
        0,
      ),
    ],
    [
      'R5: events with courseId null are never deduplicated',
      make(
        [
          entry({
            courseId: null,
            creditPath: 'PETITION_REQUIRED',
            petitionStatus: 'APPROVED',
            ceu: 30,
            completedOn: '2025-03-03',
          }),
          entry({
            courseId: null,
            creditPath: 'PETITION_REQUIRED',
            petitionStatus: 'APPROVED',
            ceu: 30,
            completedOn: '2025-03-03',
          }),
        ],
        ['COUNTED', 'COUNTED'],
        0,
        60,
        0,
      ),
    ],
    [
      'R6: a pending petition adds to pending only',
      make(
        [
          entry({
            courseId: null,
            creditPath: 'PETITION_REQUIRED',
            petitionStatus: 'PENDING',
            ceu: 0,
            requestedCeu: 40,
          }),
        ],
        ['PETITION_PENDING'],
        0,
        0,
        40,
      ),
    ],
    [
      'R6: a pending petition outside the cycle adds nothing to pending',
      make(
        [
          entry({
            courseId: null,
            creditPath: 'PETITION_REQUIRED',
            petitionStatus: 'PENDING',
            requestedCeu: 40,
            completedOn: '2026-11-30',
          }),
        ],
        ['OUTSIDE_CYCLE'],
        0,
        0,
        0,
      ),
    ],
    [
      'R6: a denied petition earns nothing',
      make(
        [
          entry({
            courseId: 3,
            creditPath: 'PETITION_REQUIRED',
            petitionStatus: 'DENIED',
            ceu: 50,
            requestedCeu: 50,
          }),
        ],
        ['PETITION_DENIED'],
        0,
        0,
        0,
      ),
    ],
    [
      'R6: a withdrawn petition earns nothing and the entry still needs a petition',
      make(
        [
          entry({
            courseId: 3,
            creditPath: 'PETITION_REQUIRED',
            petitionStatus: 'WITHDRAWN',
            ceu: 50,
            requestedCeu: 50,
          }),
        ],
        ['PETITION_NEEDED'],
        0,
        0,
        0,
      ),
    ],
    [
      'R3: a PETITION_REQUIRED completion without a petition earns nothing',
      make([entry({ courseId: 3, creditPath: 'PETITION_REQUIRED', ceu: 50 })], ['PETITION_NEEDED'], 0, 0, 0),
    ],
    [
      'R6: an approved petition earns into earnedByPetition',
      make(
        [
          entry({
            courseId: 4,
            creditPath: 'PETITION_REQUIRED',
            petitionStatus: 'APPROVED',
            ceu: 35,
            requestedCeu: 50,
          }),
        ],
        ['COUNTED'],
        0,
        35,
        0,
      ),
    ],
    [
      'R5: a petitioned repeat of an automatically counted course is the same course',
      make(
        [
          entry({ courseId: 5, completedOn: '2025-01-01', ceu: 50 }),
          entry({
            courseId: 5,
            completedOn: '2025-04-01',
            creditPath: 'PETITION_REQUIRED',
            petitionStatus: 'APPROVED',
            ceu: 50,
          }),
        ],
        ['COUNTED', 'SAME_COURSE_ALREADY_COUNTED'],
        50,
        0,
        0,
      ),
    ],
    [
      'R5: an earlier completion still needing a petition does not block a later automatic one',
      make(
        [
          entry({
            courseId: 6,
            completedOn: '2025-01-01',
            creditPath: 'PETITION_REQUIRED',
            ceu: 50,
          }),
          entry({ courseId: 6, completedOn: '2025-04-01', ceu: 50 }),
        ],
        ['PETITION_NEEDED', 'COUNTED'],
        50,
        0,
        0,
      ),
    ],
    ['R5: no entries earn nothing', make([], [], 0, 0, 0)],
  ];

  it.each(cases)('%s', (_name, c) => {
    const summary = summarizeCycle(cycle, c.entries);
    expect(Object.fromEntries(summary.standings)).toEqual(c.standings);
    expect(summary.standings.size).toBe(c.entries.length);
    expect(summary.earnedAutomatic).toBe(c.earnedAutomatic);
    expect(summary.earnedByPetition).toBe(c.earnedByPetition);
    expect(summary.pending).toBe(c.pending);
  });

  it('R5/R6: a mixed transcript sums to exact integer totals', () => {
    const entries = [
      // 0.15 + 0.1 × 10 distinct courses + 0.29 automatic, inside the cycle
      entry({ courseId: 100, ceu: 15, completedOn: '2024-09-01' }),
      ...Array.from({ length: 10 }, (_, i) =>
        entry({
          courseId: 200 + i,
          ceu: 10,
          completedOn: '2025-01-0' + ((i % 9) + 1),
        }),
      ),
      entry({ courseId: 300, ceu: 29, completedOn: '2026-11-29' }),
      // repeat of course 100: ignored
      entry({ courseId: 100, ceu: 15, completedOn: '2025-12-01' }),
      // outside the cycle on both sides
      entry({ courseId: 400, ceu: 100, completedOn: '2024-08-31' }),
      entry({ courseId: 401, ceu: 100, completedOn: '2026-11-30' }),
      // used by an earlier application
      entry({
        courseId: 402,
        ceu: 100,
        completedOn: '2024-10-01',
        usedByApplication: true,
      }),
      // petitions: approved 0.07 + 0.13, pending 0.3 + 0.05, denied 0.5
      entry({
        courseId: null,
        creditPath: 'PETITION_REQUIRED',
        petitionStatus: 'APPROVED',
        ceu: 7,
      }),
      entry({
        courseId: null,
        creditPath: 'PETITION_REQUIRED',
        petitionStatus: 'APPROVED',
        ceu: 13,
      }),
      entry({
        courseId: null,
        creditPath: 'PETITION_REQUIRED',
        petitionStatus: 'PENDING',
        ceu: 0,
        requestedCeu: 30,
      }),
      entry({
        courseId: 500,
        creditPath: 'PETITION_REQUIRED',
        petitionStatus: 'PENDING',
        ceu: 5,
        requestedCeu: 5,
      }),
      entry({
        courseId: 501,
        creditPath: 'PETITION_REQUIRED',
        petitionStatus: 'DENIED',
        ceu: 50,
        requestedCeu: 50,
      }),
    ];
    const summary = summarizeCycle(cycle, entries);
    expect(summary.earnedAutomatic).toBe(15 + 100 + 29);
    expect(summary.earnedByPetition).toBe(20);
    expect(summary.pending).toBe(35);
    for (const total of [summary.earnedAutomatic, summary.earnedByPetition, summary.pending]) {
      expect(Number.isInteger(total)).toBe(true);
    }
    const counts: Record<string, number> = {};
    for (const s of summary.standings.values()) counts[s] = (counts[s] ?? 0) + 1;
    expect(counts).toEqual({
      COUNTED: 14,
      SAME_COURSE_ALREADY_COUNTED: 1,
      OUTSIDE_CYCLE: 2,
      USED_BY_EARLIER_APPLICATION: 1,
      PETITION_PENDING: 2,
      PETITION_DENIED: 1,
    });
  });

  it('R5: summarizeCycle does not reorder the caller’s array', () => {
    const entries = [
      entry({ courseId: 1, completedOn: '2026-01-01' }),
      entry({ courseId: 2, completedOn: '2025-01-01' }),
    ];
    const ids = entries.map((e) => e.id);
    summarizeCycle(cycle, entries);
    expect(entries.map((e) => e.id)).toEqual(ids);
  });
});

describe('R5/R6 pending credit for a course that already counted', () => {
  const cycle = cycleOf({ cycleStartsOn: '2025-01-01', expiresOn: '2026-12-31' }, CPT_DEFAULT_POLICY);
  const entry = (over: Partial<CycleEntry>): CycleEntry => ({
    id: 1,
    courseId: 5,
    completedOn: '2025-01-01',
    creditPath: 'AUTOMATIC',
    ceu: 50,
    petitionStatus: null,
    requestedCeu: 0,
    usedByApplication: false,
    ...over,
  });
  it.each([
    [
      'R5: a pending petition on a course that already counted promises nothing',
      [
        entry({}),
        entry({
          id: 2,
          completedOn: '2025-04-01',
          creditPath: 'PETITION_REQUIRED',
          ceu: 0,
          petitionStatus: 'PENDING',
          requestedCeu: 50,
        }),
      ],
      0,
    ],
    [
      'R5: a pending petition on another course adds its requested CEUs',
      [
        entry({}),
        entry({
          id: 2,
          courseId: 6,
          creditPath: 'PETITION_REQUIRED',
          ceu: 0,
          petitionStatus: 'PENDING',
          requestedCeu: 50,
        }),
      ],
      50,
    ],
    [
      'R5: a pending petition for an outside event (no course) adds its requested CEUs',
      [
        entry({
          id: 2,
          courseId: null,
          creditPath: 'PETITION_REQUIRED',
          ceu: 0,
          petitionStatus: 'PENDING',
          requestedCeu: 80,
        }),
      ],
      80,
    ],
  ])('%s', (_name, entries, pending) => {
    expect(summarizeCycle(cycle, entries).pending).toBe(pending);
  });
});
