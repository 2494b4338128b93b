import type { TRole, TUnit } from '@duban/domain';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useSession } from '../../app/session.tsx';
import { useUnits } from './api.ts';
import { buildUnitTree, filterUnitTree, subtreeIds, type TUnitNode } from './unit-tree.ts';

/** The roles that read roll-ups, reports and the burden meter, each for the units of its grant. */
const OVERSIGHT_ROLES: readonly TRole[] = ['leader', 'supervisor', 'unitHead', 'liaison'];

export interface TOverseenUnits {
  /** Every unit the user reads roll-ups of. */
  ids: ReadonlySet<string>;
  /** The user's one unit (with what lies below it) when the grants reach one unit that is not the top one. */
  homeUnitId: string | undefined;
  /** The grants reach the whole county (the top unit and all below it). */
  isCountyWide: boolean;
  isLoading: boolean;
  units: readonly TUnit[];
}

/** The units the user oversees, from the grants of the reading roles and the unit tree. */
export function useOverseenUnits(): TOverseenUnits {
  const { me } = useSession();
  const units = useUnits();
  return useMemo(() => {
    const all = units.data ?? [];
    const grants = (me?.grants ?? []).filter((g) => OVERSIGHT_ROLES.includes(g.role));
    const ids = new Set<string>();
    for (const g of grants) {
      for (const id of g.includeSubtree ? subtreeIds(all, g.unitId) : [g.unitId]) ids.add(id);
    }
    // The roots of the scope: granted units not below another granted unit.
    const parentOf = new Map(all.map((u) => [u.id, u.parentId]));
    const roots = [...new Set(grants.map((g) => g.unitId))].filter((id) => {
      for (let p = parentOf.get(id); p; p = parentOf.get(p)) if (ids.has(p)) return false;
      return true;
    });
    const onlyRoot = roots.length === 1 ? roots[0] : undefined;
    const homeUnitId = onlyRoot && parentOf.get(onlyRoot) ? onlyRoot : undefined;
    const isCountyWide = grants.some((g) => g.includeSubtree && parentOf.has(g.unitId) && !parentOf.get(g.unitId));
    return { ids, homeUnitId, isCountyWide, isLoading: units.isPending, units: all };
  }, [me, units.data, units.isPending]);
}

interface TTreeOption {
  value: string;
  title: string;
  disabled: boolean;
  children: TTreeOption[];
}

/**
 * Picks one of the units the user oversees (the ancestors shown for the tree's sake cannot be picked); cleared, the
 * user's whole scope, which the placeholder names.
 */
export function OverseenUnitSelect({
  overseen,
  value,
  onChange,
  placeholder,
  label,
  'data-testid': testId,
}: {
  overseen: TOverseenUnits;
  value: string | undefined;
  onChange: (unitId: string | undefined) => void;
  placeholder: string;
  /** The accessible name. */
  label: string;
  'data-testid': string;
}) {
  const { treeData, rootIds } = useMemo(() => {
    const roots = filterUnitTree(buildUnitTree(overseen.units), (u) => overseen.ids.has(u.id));
    const toOption = (node: TUnitNode): TTreeOption => ({
      value: node.unit.id,
      title: node.unit.name,
      disabled: !overseen.ids.has(node.unit.id),
      children: node.children.map(toOption),
    });
    return { treeData: roots.map(toOption), rootIds: roots.map((r) => r.unit.id) };
  }, [overseen]);
  return (
    <TreeSelect
      value={value}
      onChange={(next: string | undefined) => onChange(next)}
      treeData={treeData}
      loading={overseen.isLoading}
      placeholder={placeholder}
      aria-label={label}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootIds}
      listHeight={360}
      style={{ width: 240, maxWidth: '100%' }}
      data-testid={testId}
    />
  );
}
