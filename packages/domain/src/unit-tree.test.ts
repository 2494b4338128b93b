import { describe, expect, it } from 'vitest';
import { childPath, isMoveIntoOwnSubtree, isWithin } from './unit-tree.ts';

describe('unit tree paths', () => {
  const county = childPath('/', 'c');
  const town = childPath(county, 't');
  const office = childPath(town, 'o');
  const town2 = childPath(county, 't2');

  it('builds paths from the parent', () => {
    expect(office).toBe('/c/t/o/');
  });
  it('knows what lies within a subtree', () => {
    expect(isWithin(office, town)).toBe(true);
    expect(isWithin(town, town)).toBe(true);
    expect(isWithin(town, office)).toBe(false);
    expect(isWithin(town2, town)).toBe(false);
  });
  it('refuses a move under itself or its descendants, allows any other', () => {
    expect(isMoveIntoOwnSubtree(town, office)).toBe(true);
    expect(isMoveIntoOwnSubtree(town, town)).toBe(true);
    expect(isMoveIntoOwnSubtree(town, town2)).toBe(false);
    expect(isMoveIntoOwnSubtree(office, county)).toBe(false);
  });
  it('does not confuse ids that share a prefix', () => {
    expect(isWithin(childPath(county, 't2x'), town2)).toBe(false);
  });
});
