import { describe, expect, it } from 'vitest';
import { completeMonth, sumUnitFigures } from './targets.ts';

describe("the county's figure added up from its units", () => {
  const a = [
    { month: 1, value: 100 },
    { month: 3, value: 400 },
  ];
  const b = [{ month: 2, value: 50.5 }];

  it('cumulative: each unit counts with its latest figure up to the month', () => {
    expect(sumUnitFigures('cumulative', [a, b])).toEqual([
      { month: 1, value: 100 },
      { month: 2, value: 150.5 },
      { month: 3, value: 450.5 },
    ]);
  });

  it('monthly: the reports of each month added up, months nobody reported left out', () => {
    expect(sumUnitFigures('monthly', [a, b, [{ month: 3, value: 0.1 }]])).toEqual([
      { month: 1, value: 100 },
      { month: 2, value: 50.5 },
      { month: 3, value: 400.1 },
    ]);
  });

  it('nothing reported adds up to nothing', () => {
    expect(sumUnitFigures('cumulative', [[], []])).toEqual([]);
    expect(sumUnitFigures('monthly', [])).toEqual([]);
  });

  it('the sum is complete through the month every unit has reported', () => {
    expect(completeMonth([a, b])).toBe(2);
    expect(completeMonth([a, []])).toBeNull();
    expect(completeMonth([])).toBeNull();
  });
});
