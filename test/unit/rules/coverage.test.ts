import {
  approvalPeriod,
  covers,
  CreditFacts,
  decideCreditPath,
  endCoverage,
  lastCoveredDay,
  outsideApprovalMessage,
  Period,
  renewalPeriod,
  renewalYear,
} from '../../../src/rules/coverage';

const p = (from: string, through: string | null): Period => ({ from, through });

describe('R4 approvalPeriod: approved on D covers D through 31 Dec of D’s year', () => {
  it.each([
    ['R4: approved 2026-03-10 → 2026-03-10..2026-12-31', '2026-03-10', p('2026-03-10', '2026-12-31')],
    ['R4: approved 2026-01-01 → the whole year', '2026-01-01', p('2026-01-01', '2026-12-31')],
    ['R4: approved 2026-12-31 → that single day', '2026-12-31', p('2026-12-31', '2026-12-31')],
    ['R4: approved 2028-02-29 → 2028-02-29..2028-12-31', '2028-02-29', p('2028-02-29', '2028-12-31')],
  ])('%s', (_name, approvedOn, expected) => {
    expect(approvalPeriod(approvedOn)).toEqual(expected);
  });

  it.each([
    ['R4: a course approved on 2026-03-10 covers 2026-03-10 (approval day)', '2026-03-10', '2026-03-10', true],
    ['R4: a course approved on 2026-03-10 does not cover 2026-03-09 (day before)', '2026-03-10', '2026-03-09', false],
    ['R4: a course approved on 2026-03-10 covers 2026-12-31', '2026-03-10', '2026-12-31', true],
    ['R4: a course approved on 2026-03-10 does not cover 2027-01-01', '2026-03-10', '2027-01-01', false],
    ['R4: a course approved on 2026-03-10 does not cover 2025-12-31', '2026-03-10', '2025-12-31', false],
    ['R4: a course approved on 2026-12-31 covers 2026-12-31', '2026-12-31', '2026-12-31', true],
    ['R4: a course approved on 2026-12-31 does not cover 2027-01-01', '2026-12-31', '2027-01-01', false],
    ['R4: a course approved on 2026-01-01 does not cover 2025-12-31', '2026-01-01', '2025-12-31', false],
  ])('%s', (_name, approvedOn, date, expected) => {
    expect(covers([approvalPeriod(approvedOn)], date)).toBe(expected);
  });
});

describe('R3/R4 covers and lastCoveredDay', () => {
  const gap = [p('2026-01-01', '2026-03-31'), p('2026-06-01', '2026-12-31')];
  it.each([
    ['R3: no periods cover nothing', [] as Period[], '2026-05-01', false],
    ['R3: open-ended period covers its first day', [p('2026-05-01', null)], '2026-05-01', true],
    ['R3: open-ended period does not cover the day before', [p('2026-05-01', null)], '2026-04-30', false],
    ['R3: open-ended period covers far in the future', [p('2026-05-01', null)], '2099-12-31', true],
    ['R3: two periods: last day of the first is covered', gap, '2026-03-31', true],
    ['R3: two periods: the day after the first is not covered', gap, '2026-04-01', false],
    ['R3: two periods: the day before the second is not covered', gap, '2026-05-31', false],
    ['R3: two periods: the first day of the second is covered', gap, '2026-06-01', true],
  ])('%s', (_name, periods, date, expected) => {
    expect(covers(periods, date)).toBe(expected);
  });

  it.each([
    ['R4: lastCoveredDay of no periods is undefined', [] as Period[], undefined],
    [
      'R4: lastCoveredDay with an open-ended period is null',
      [p('2025-01-01', '2025-12-31'), p('2026-01-01', null)],
      null,
    ],
    [
      'R4: lastCoveredDay is the latest through',
      [p('2027-01-01', '2027-12-31'), p('2026-03-10', '2026-12-31')],
      '2027-12-31',
    ],
  ])('%s', (_name, periods, expected) => {
    expect(lastCoveredDay(periods)).toBe(expected);
  });
});

describe('R4 renewalYear: the year after the last covered one, never before the current year', () => {
  it.each([
    ['R4: covered through 2026-12-31, asked 2026-11-15 → 2027', [p('2026-03-10', '2026-12-31')], '2026-11-15', 2027],
    ['R4: covered through 2026-12-31, asked 2026-12-31 → 2027', [p('2026-03-10', '2026-12-31')], '2026-12-31', 2027],
    ['R4: covered through 2026-12-31, asked 2027-01-01 → 2027', [p('2026-03-10', '2026-12-31')], '2027-01-01', 2027],
    [
      'R4: already renewed for 2027, asked 2026-12-01 → 2028',
      [p('2026-03-10', '2026-12-31'), p('2027-01-01', '2027-12-31')],
      '2026-12-01',
      2028,
    ],
    [
      'R4: coverage ended 2025-12-31, asked 2027-06-01 → current year 2027',
      [p('2025-01-01', '2025-12-31')],
      '2027-06-01',
      2027,
    ],
    ['R4: no coverage at all → current year', [] as Period[], '2026-05-05', 2026],
  ])('%s', (_name, periods, today, expected) => {
    expect(renewalYear(periods, today)).toBe(expected);
  });
});

describe('R4 renewalPeriod: from 1 Jan when confirmed before the year, never backdated', () => {
  it.each([
    [
      'R4: renewal for 2027 confirmed 2026-12-15 covers from 2027-01-01',
      2027,
      '2026-12-15',
      p('2027-01-01', '2027-12-31'),
    ],
    [
      'R4: renewal for 2027 confirmed 2026-12-31 covers from 2027-01-01',
      2027,
      '2026-12-31',
      p('2027-01-01', '2027-12-31'),
    ],
    [
      'R4: renewal for 2027 confirmed 2027-01-01 covers from 2027-01-01',
      2027,
      '2027-01-01',
      p('2027-01-01', '2027-12-31'),
    ],
    [
      'R4: renewal for 2027 confirmed 2027-01-02 covers from 2027-01-02 (not backdated)',
      2027,
      '2027-01-02',
      p('2027-01-02', '2027-12-31'),
    ],
    [
      'R4: renewal for 2027 confirmed 2027-03-10 covers from 2027-03-10 (not backdated)',
      2027,
      '2027-03-10',
      p('2027-03-10', '2027-12-31'),
    ],
    [
      'R4: renewal for 2027 confirmed 2027-12-31 covers only 2027-12-31',
      2027,
      '2027-12-31',
      p('2027-12-31', '2027-12-31'),
    ],
  ])('%s', (_name, year, confirmedOn, expected) => {
    expect(renewalPeriod(year, confirmedOn)).toEqual(expected);
  });

  it.each([
    ['R4: renewal confirmed 2027-03-10 does not cover 2027-03-09', '2027-03-09', false],
    ['R4: renewal confirmed 2027-03-10 covers 2027-03-10', '2027-03-10', true],
    ['R4: renewal confirmed 2027-03-10 covers 2027-12-31', '2027-12-31', true],
    ['R4: renewal confirmed 2027-03-10 does not cover 2028-01-01', '2028-01-01', false],
  ])('%s', (_name, date, expected) => {
    expect(covers([p('2026-03-10', '2026-12-31'), renewalPeriod(2027, '2027-03-10')!], date)).toBe(expected);
  });

  it.each([
    ['R4: original + renewal confirmed early: 2026-12-31 covered', '2026-12-31', true],
    ['R4: original + renewal confirmed early: 2027-01-01 covered (no gap)', '2027-01-01', true],
    ['R4: original + renewal confirmed early: 2027-12-31 covered', '2027-12-31', true],
    ['R4: original + renewal confirmed early: 2028-01-01 not covered', '2028-01-01', false],
  ])('%s', (_name, date, expected) => {
    expect(covers([approvalPeriod('2026-03-10'), renewalPeriod(2027, '2026-11-20')!], date)).toBe(expected);
  });
});

describe('R3/R4 endCoverage: ends on the day (inclusive), keeps the past', () => {
  it.each([
    [
      'R4: retired 2026-06-15 ends the current approval on that day',
      [p('2026-03-10', '2026-12-31')],
      '2026-06-15',
      [p('2026-03-10', '2026-06-15')],
    ],
    [
      'R4: retirement keeps a past year untouched and drops a renewal that starts after it',
      [p('2025-02-01', '2025-12-31'), p('2026-01-01', '2026-12-31'), p('2027-01-01', '2027-12-31')],
      '2026-06-15',
      [p('2025-02-01', '2025-12-31'), p('2026-01-01', '2026-06-15')],
    ],
    [
      'R4: a period starting on the end day is kept as that single day',
      [p('2026-06-15', '2026-12-31')],
      '2026-06-15',
      [p('2026-06-15', '2026-06-15')],
    ],
    [
      'R4: a period starting the day after the end is dropped',
      [p('2026-06-16', '2026-12-31')],
      '2026-06-15',
      [] as Period[],
    ],
    [
      'R4: a period ending exactly on the end day is unchanged',
      [p('2026-01-01', '2026-06-15')],
      '2026-06-15',
      [p('2026-01-01', '2026-06-15')],
    ],
    [
      'R3: suspension ends an open-ended provider approval on the day',
      [p('2024-05-01', null)],
      '2026-06-15',
      [p('2024-05-01', '2026-06-15')],
    ],
  ])('%s', (_name, periods, endsOn, expected) => {
    expect(endCoverage(periods, endsOn)).toEqual(expected);
  });

  it('R4: endCoverage does not mutate its input', () => {
    const input = [p('2026-03-10', '2026-12-31')];
    endCoverage(input, '2026-06-15');
    expect(input).toEqual([p('2026-03-10', '2026-12-31')]);
  });

  it.each([
    ['R4: a course retired on 2026-06-15 covers 2026-03-10 (past keeps credit)', '2026-03-10', true],
    ['R4: a course retired on 2026-06-15 covers 2026-06-15 (retirement day)', '2026-06-15', true],
    ['R4: a course retired on 2026-06-15 does not cover 2026-06-16', '2026-06-16', false],
    ['R4: a course retired on 2026-06-15 does not cover 2026-12-31', '2026-12-31', false],
  ])('%s', (_name, date, expected) => {
    expect(covers(endCoverage([approvalPeriod('2026-03-10')], '2026-06-15'), date)).toBe(expected);
  });
});

describe('R3 decideCreditPath', () => {
  const course2026 = [approvalPeriod('2026-03-10')];
  const partner = (providerPeriods: Period[], coursePeriods: Period[] = course2026): CreditFacts => ({
    providerKind: 'PARTNER',
    providerPeriods,
    coursePeriods,
  });
  const body = (coursePeriods: Period[] = course2026): CreditFacts => ({
    providerKind: 'CERTIFYING_BODY',
    providerPeriods: [],
    coursePeriods,
  });
  // Partner approved 2025-01-01, suspended 2026-06-15, reinstated 2026-09-01.
  const suspended = endCoverage([p('2025-01-01', null)], '2026-06-15');
  const reinstated = [...suspended, p('2026-09-01', null)];

  const AUTO = { path: 'AUTOMATIC', reason: 'PRE_APPROVED' };
  const NO_PROVIDER = {
    path: 'PETITION_REQUIRED',
    reason: 'PROVIDER_NOT_APPROVED_ON_DATE',
  };
  const NO_COURSE = {
    path: 'PETITION_REQUIRED',
    reason: 'COURSE_NOT_APPROVED_ON_DATE',
  };
  const NOT_IN_CATALOGUE = {
    path: 'PETITION_REQUIRED',
    reason: 'NOT_IN_CATALOGUE',
  };

  it.each([
    ['R3: certifying body course on its approval day is AUTOMATIC', body(), '2026-03-10', AUTO],
    [
      'R3: certifying body needs no provider periods (empty) and is AUTOMATIC on 2026-12-31',
      body(),
      '2026-12-31',
      AUTO,
    ],
    ['R3: certifying body course the day before approval needs a petition', body(), '2026-03-09', NO_COURSE],
    ['R3: certifying body course on 2027-01-01 (not renewed) needs a petition', body(), '2027-01-01', NO_COURSE],
    ['R3: approved partner, covered course is AUTOMATIC', partner([p('2025-01-01', null)]), '2026-05-01', AUTO],
    ['R3: partner with no approval period needs a petition', partner([]), '2026-05-01', NO_PROVIDER],
    [
      'R3: partner approved from 2026-05-01: 2026-04-30 needs a petition',
      partner([p('2026-05-01', null)]),
      '2026-04-30',
      NO_PROVIDER,
    ],
    [
      'R3: partner approved from 2026-05-01: 2026-05-01 is AUTOMATIC',
      partner([p('2026-05-01', null)]),
      '2026-05-01',
      AUTO,
    ],
    [
      'R3: provider check comes first when neither is approved',
      partner([p('2027-05-01', null)]),
      '2026-01-15',
      NO_PROVIDER,
    ],
    [
      'R3: approved partner, course not yet approved (day before) needs a petition',
      partner([p('2025-01-01', null)]),
      '2026-03-09',
      NO_COURSE,
    ],
    [
      'R3: approved partner, course approval over (2027-01-01) needs a petition',
      partner([p('2025-01-01', null)]),
      '2027-01-01',
      NO_COURSE,
    ],
    [
      'R3: approved partner, course with no approval needs a petition',
      partner([p('2025-01-01', null)], []),
      '2026-05-01',
      NO_COURSE,
    ],
    ['R3: out of catalogue (null facts) needs a petition', null, '2026-05-01', NOT_IN_CATALOGUE],
    ['R3: suspended 2026-06-15: completion 2026-06-14 stays AUTOMATIC', partner(suspended), '2026-06-14', AUTO],
    ['R3: suspended 2026-06-15: completion on 2026-06-15 stays AUTOMATIC', partner(suspended), '2026-06-15', AUTO],
    [
      'R3: suspended 2026-06-15: completion 2026-06-16 is PETITION_REQUIRED',
      partner(suspended),
      '2026-06-16',
      NO_PROVIDER,
    ],
    [
      'R3: reinstated 2026-09-01: completion 2026-08-31 is PETITION_REQUIRED',
      partner(reinstated),
      '2026-08-31',
      NO_PROVIDER,
    ],
    ['R3: reinstated 2026-09-01: completion 2026-09-01 is AUTOMATIC', partner(reinstated), '2026-09-01', AUTO],
    [
      'R3: reinstated 2026-09-01: completion before suspension still AUTOMATIC',
      partner(reinstated),
      '2026-04-01',
      AUTO,
    ],
    [
      'R3: reinstated provider but course coverage ended: 2027-01-01 needs a petition',
      partner(reinstated),
      '2027-01-01',
      NO_COURSE,
    ],
    [
      'R3: course retired 2026-06-15: completion on retirement day stays AUTOMATIC',
      partner([p('2025-01-01', null)], endCoverage(course2026, '2026-06-15')),
      '2026-06-15',
      AUTO,
    ],
    [
      'R3: course retired 2026-06-15: completion the day after needs a petition',
      partner([p('2025-01-01', null)], endCoverage(course2026, '2026-06-15')),
      '2026-06-16',
      NO_COURSE,
    ],
  ])('%s', (_name, facts, completedOn, expected) => {
    expect(decideCreditPath(facts, completedOn)).toEqual(expected);
  });
});

describe('R4 renewalPeriod after its year', () => {
  it.each([
    [
      'R4: a renewal for 2027 confirmed on 2027-12-31 still covers that day',
      2027,
      '2027-12-31',
      p('2027-12-31', '2027-12-31'),
    ],
    ['R4: a renewal for 2027 confirmed on 2028-01-05 adds nothing', 2027, '2028-01-05', null],
  ])('%s', (_name, year, confirmedOn, expected) => {
    expect(renewalPeriod(year, confirmedOn)).toEqual(expected);
  });
});

describe('R3/R4 outsideApprovalMessage: a report that does not count says why', () => {
  it.each([
    [
      'R3: not in the catalogue',
      { path: 'PETITION_REQUIRED', reason: 'NOT_IN_CATALOGUE' } as const,
      true,
      'Not a course of the catalogue: it earns credit only by petition (R3).',
    ],
    [
      'R3: the provider was not approved on the date',
      { path: 'PETITION_REQUIRED', reason: 'PROVIDER_NOT_APPROVED_ON_DATE' } as const,
      true,
      'The provider was not approved on the completion date (R3).',
    ],
    [
      'R3: the certification’s program never approved the course',
      { path: 'PETITION_REQUIRED', reason: 'COURSE_NOT_APPROVED_ON_DATE' } as const,
      false,
      'The course is not approved for the GFI program of this certification, so it earns no credit on it (R3).',
    ],
    [
      'R4: the program approved the course, but not on the date',
      { path: 'PETITION_REQUIRED', reason: 'COURSE_NOT_APPROVED_ON_DATE' } as const,
      true,
      'The course approval does not cover the completion date (R4).',
    ],
  ])('%s', (_name, decision, approvedForProgram, message) => {
    expect(outsideApprovalMessage(decision, approvedForProgram, 'GFI')).toBe(message);
  });
});
