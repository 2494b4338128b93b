import { describe, expect, it } from 'vitest';
import {
  actualToDate,
  computePace,
  expectedShare,
  latestReportableMonth,
  monthsGone,
  paceMonth,
  valueProblem,
  worstPaceLight,
} from './targets.ts';

describe('the share of the year gone (whole months, 1–N月累计)', () => {
  it.each([
    ['2026-01-01', 0, 'the first day: nothing is due yet'],
    ['2026-01-31', 0, 'all of January: January is not yet over'],
    ['2026-02-01', 1, 'January is gone'],
    ['2026-07-01', 6, 'mid-year: half the months'],
    ['2026-12-31', 11, 'the last day: December is still running'],
    ['2027-01-01', 12, 'the next year: the whole year is gone'],
    ['2025-12-31', 0, 'a year still to come'],
  ])('on %s, %i months are gone (%s)', (day, months) => {
    expect(monthsGone(2026, day)).toBe(months);
  });

  it('a month already reported moves the measuring month on, never back', () => {
    expect(paceMonth(2026, '2026-07-15', null)).toBe(6);
    expect(paceMonth(2026, '2026-07-15', 7)).toBe(7);
    expect(paceMonth(2026, '2026-07-15', 3)).toBe(6);
    expect(paceMonth(2026, '2027-03-01', 5)).toBe(12);
  });

  it('reports are taken up to the current month, none for a year to come', () => {
    expect(latestReportableMonth(2026, '2026-07-15')).toBe(7);
    expect(latestReportableMonth(2026, '2027-01-02')).toBe(12);
    expect(latestReportableMonth(2027, '2026-12-31')).toBe(0);
  });
});

describe('the expected share', () => {
  it('runs month / 12 without a plan', () => {
    expect(expectedShare(0, 10000, null)).toBe(0);
    expect(expectedShare(6, 10000, null)).toBe(50);
    expect(expectedShare(11, 10000, null)).toBe(91.7);
    expect(expectedShare(12, 10000, null)).toBe(100);
  });

  it('follows the monthly plan when there is one (cumulative figures by month end)', () => {
    const plan = [5, 12, 25, 40, 55, 70, 85, 100, 120, 140, 160, 220];
    expect(expectedShare(3, 220, plan)).toBe(11.4);
    expect(expectedShare(12, 220, plan)).toBe(100);
  });
});

describe('the figure to date', () => {
  const values = [
    { month: 1, value: 800 },
    { month: 2, value: 1500 },
    { month: 4, value: 3100 },
  ];
  it('cumulative: the latest figure up to the month', () => {
    expect(actualToDate('cumulative', values, 3)).toBe(1500);
    expect(actualToDate('cumulative', values, 12)).toBe(3100);
    expect(actualToDate('cumulative', values, 0)).toBeNull();
  });
  it('monthly: the months added up', () => {
    expect(actualToDate('monthly', values, 2)).toBe(2300);
    expect(
      actualToDate(
        'monthly',
        [
          { month: 1, value: 0.1 },
          { month: 2, value: 0.2 },
        ],
        12,
      ),
    ).toBe(0.3);
  });
});

describe('the pace light: half the time, half the work (DESIGN.md §2)', () => {
  const higher = (actual: number | null, expected: number) =>
    computePace({ direction: 'higher', total: 10000, actual, expected });

  it.each<[number | null, number, string, string]>([
    [null, 0, 'green', 'the first day: nothing expected, nothing reported'],
    [5000, 50, 'green', 'mid-year, half done'],
    [4100, 50, 'yellow', 'mid-year, 9 points behind'],
    [4000, 50, 'yellow', 'mid-year, exactly 10 points behind'],
    [3900, 50, 'red', 'mid-year, 11 points behind'],
    [null, 50, 'red', 'mid-year, nothing reported'],
    [9000, 100, 'yellow', 'the year over at 90%'],
    [10500, 100, 'green', 'the year over, exceeded'],
  ])('actual %s at %s%% expected is %s (%s)', (actual, expected, light, _why) => {
    expect(higher(actual, expected).light).toBe(light);
  });

  it('keeps the figures it decided on', () => {
    expect(higher(4100, 50)).toEqual({ light: 'yellow', doneShare: 41, expected: 50, behind: 9 });
  });

  it('lower is better: using the allowance ahead of time is behind pace', () => {
    const lower = (actual: number, expected: number) =>
      computePace({ direction: 'lower', total: 20, actual, expected });
    expect(lower(10, 50).light).toBe('green');
    expect(lower(4, 50).light).toBe('green');
    expect(lower(12, 50)).toMatchObject({ light: 'yellow', doneShare: 60, behind: 10 });
    expect(lower(13, 50).light).toBe('red');
    expect(lower(21, 100).light).toBe('yellow');
  });

  it('the threshold can be passed', () => {
    expect(computePace({ direction: 'higher', total: 100, actual: 45, expected: 50 }, 3).light).toBe('red');
  });

  it('the worst light wins', () => {
    expect(worstPaceLight(['green', 'yellow', 'green'])).toBe('yellow');
    expect(worstPaceLight(['green', null, 'red'])).toBe('red');
    expect(worstPaceLight([])).toBeNull();
  });
});

describe('values by kind', () => {
  it('counts are whole and not negative; amounts not negative; rates anything', () => {
    expect(valueProblem('count', 12)).toBeNull();
    expect(valueProblem('count', -1)).toMatch(/negative/);
    expect(valueProblem('count', 1.5)).toMatch(/whole/);
    expect(valueProblem('amount', 12.34)).toBeNull();
    expect(valueProblem('amount', 12.345)).toMatch(/decimals/);
    expect(valueProblem('amount', -0.5)).toMatch(/negative/);
    expect(valueProblem('rate', -3.5)).toBeNull();
  });
});
