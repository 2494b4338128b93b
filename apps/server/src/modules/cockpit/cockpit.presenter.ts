import {
  COCKPIT_MOST_RED,
  COCKPIT_TAGS,
  lightOfCounts,
  type TCockpit,
  type TCockpitLightGroup,
  type TCockpitTarget,
  type TLightCounts,
  type TPaceLight,
  UNIT_CATEGORIES,
} from '@duban/domain';
import type {
  TChildUnit,
  TCockpitUnit,
  TGroupCounts,
  TInstructionRow,
  TStepCount,
  TTargetFigures,
} from './cockpit.repo.ts';

/** The cockpit's read models, built from the repo's rows: no I/O here. */

const emptyCounts = (): TLightCounts => ({ green: 0, yellow: 0, red: 0, done: 0 });
const addCounts = (into: TLightCounts, c: TLightCounts) => {
  into.green += c.green;
  into.yellow += c.yellow;
  into.red += c.red;
  into.done += c.done;
  return into;
};

/** Names in pinyin order, as the county's lists are. */
const collator = new Intl.Collator('zh-CN');

const PACE_SEVERITY: Record<TPaceLight, number> = { red: 2, yellow: 1, green: 0 };

/** Targets furthest behind first: red, yellow, green, then the most points behind, then by name. */
export function presentTargets(rows: TTargetFigures[]): Pick<TCockpit, 'targets' | 'targetLights'> {
  const targets: TCockpitTarget[] = rows
    .map((r) => ({
      targetId: r.targetId,
      name: r.name,
      measure: r.measure,
      direction: r.direction,
      total: r.total,
      actual: r.actual,
      paceMonth: r.paceMonth,
      doneShare: r.doneShare,
      expectedShare: r.expectedShare,
      light: r.light,
      behind: r.behind,
      allocationId: r.allocationId,
      allocationLights: r.allocationLights,
    }))
    .sort(
      (a, b) =>
        PACE_SEVERITY[b.light] - PACE_SEVERITY[a.light] ||
        b.behind - a.behind ||
        collator.compare(a.name, b.name) ||
        Number(a.allocationId !== null) - Number(b.allocationId !== null),
    );
  const targetLights = { green: 0, yellow: 0, red: 0 };
  for (const t of targets) targetLights[t.light] += 1;
  return { targets, targetLights };
}

/**
 * The page's task lights from the kept counts per child unit's subtree: the totals; per unit category — each child
 * unit's subtree under the child's category, the unit's own tasks under its own; the unit's own tasks apart; and the
 * child units with most red (then yellow).
 */
export function presentUnitLights(
  unit: TCockpitUnit,
  children: TChildUnit[],
  counts: TGroupCounts[],
): Pick<TCockpit, 'lights' | 'byCategory' | 'own' | 'mostRed'> {
  const byKey = new Map(counts.map(({ key, ...c }) => [key, c]));
  const own = byKey.get('') ?? emptyCounts();
  const lights = addCounts(emptyCounts(), own);
  const byCategory = new Map<string, TLightCounts>([[unit.category, addCounts(emptyCounts(), own)]]);
  const rows = children.map((child) => {
    const c = byKey.get(child.id) ?? emptyCounts();
    addCounts(lights, c);
    byCategory.set(child.category, addCounts(byCategory.get(child.category) ?? emptyCounts(), c));
    return { child, counts: c };
  });
  const categoryOrder = (key: string) => {
    const i = (UNIT_CATEGORIES as readonly string[]).indexOf(key);
    return i < 0 ? UNIT_CATEGORIES.length : i;
  };
  const mostRed = rows
    .filter((r) => r.counts.red > 0 || r.counts.yellow > 0)
    .sort(
      (a, b) =>
        b.counts.red - a.counts.red ||
        b.counts.yellow - a.counts.yellow ||
        a.child.sortOrder - b.child.sortOrder ||
        collator.compare(a.child.name, b.child.name),
    )
    .slice(0, COCKPIT_MOST_RED)
    .map((r) => ({
      unitId: r.child.id,
      unitName: r.child.name,
      category: r.child.category,
      red: r.counts.red,
      yellow: r.counts.yellow,
    }));
  return {
    lights,
    byCategory: [...byCategory]
      .filter(([, c]) => c.green + c.yellow + c.red + c.done > 0)
      .sort(([a], [b]) => categoryOrder(a) - categoryOrder(b))
      .map(([key, c]) => ({ key, counts: c, light: lightOfCounts(c) })),
    own: { ...own },
    mostRed,
  };
}

/** Task lights per tag: reds first, then yellows, then the most tasks; the first COCKPIT_TAGS. */
export function presentTags(counts: TGroupCounts[]): TCockpitLightGroup[] {
  const size = (c: TLightCounts) => c.green + c.yellow + c.red + c.done;
  return counts
    .map(({ key, ...c }) => ({ key, counts: c, light: lightOfCounts(c) }))
    .sort(
      (a, b) =>
        b.counts.red - a.counts.red ||
        b.counts.yellow - a.counts.yellow ||
        size(b.counts) - size(a.counts) ||
        collator.compare(a.key, b.key),
    )
    .slice(0, COCKPIT_TAGS);
}

/** Open steps per rung, and how many of them are past their answer date. */
export function presentEscalations(rows: TStepCount[]): TCockpit['escalations'] {
  const byStep = { remind: 0, urge: 0, supervisionNotice: 0, admonish: 0 };
  let overdue = 0;
  for (const r of rows) {
    byStep[r.step] += r.open;
    overdue += r.overdue;
  }
  return { open: byStep.remind + byStep.urge + byStep.supervisionNotice + byStep.admonish, overdue, byStep };
}

export const presentInstruction = (r: TInstructionRow): TCockpit['instructions'][number] => ({
  id: r.id,
  taskId: r.taskId,
  taskTitle: r.taskTitle,
  authorName: r.authorName,
  text: r.text,
  at: new Date(r.at).toISOString(),
});
