import type { TUnit } from '@duban/domain';

export interface TUnitNode {
  unit: TUnit;
  children: TUnitNode[];
}

/** The units as a tree, in the server's order (sort order, then name); orphans become roots. */
export function buildUnitTree(units: readonly TUnit[]): TUnitNode[] {
  const nodes = new Map<string, TUnitNode>(units.map((u) => [u.id, { unit: u, children: [] }]));
  const roots: TUnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Keeps the nodes that pass the test, and the ancestors of those that do. */
export function filterUnitTree(nodes: readonly TUnitNode[], keep: (unit: TUnit) => boolean): TUnitNode[] {
  const out: TUnitNode[] = [];
  for (const node of nodes) {
    const children = filterUnitTree(node.children, keep);
    if (keep(node.unit) || children.length > 0) out.push({ unit: node.unit, children });
  }
  return out;
}

/** The ids of a unit and all units below it. */
export function subtreeIds(units: readonly TUnit[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && ids.has(u.parentId) && !ids.has(u.id)) {
        ids.add(u.id);
        grew = true;
      }
    }
  }
  return ids;
}
