import type { TRole } from '@duban/domain';
import { useMemo } from 'react';
import { useSession } from '../../app/session.tsx';
import { useUnits } from '../units/api.ts';
import { subtreeIds } from '../units/unit-tree.ts';

const MANAGING_ROLES: readonly TRole[] = ['sysAdmin', 'supervisor', 'unitHead'];

/** The units whose channels the user manages, and whether county-wide channels are theirs too (as the server rules). */
export function useManageableUnits() {
  const { me } = useSession();
  const units = useUnits();
  return useMemo(() => {
    const all = units.data ?? [];
    const grants = (me?.grants ?? []).filter((g) => MANAGING_ROLES.includes(g.role));
    const ids = new Set<string>();
    for (const g of grants) {
      for (const id of g.includeSubtree ? subtreeIds(all, g.unitId) : [g.unitId]) ids.add(id);
    }
    const tops = new Set(all.filter((u) => u.parentId === null).map((u) => u.id));
    const isCountyManager = grants.some(
      (g) => (g.role === 'sysAdmin' || g.role === 'supervisor') && g.includeSubtree && tops.has(g.unitId),
    );
    const outside = new Set(all.filter((u) => !ids.has(u.id)).map((u) => u.id));
    return { ids, outside, isCountyManager, isLoading: units.isPending };
  }, [me, units.data, units.isPending]);
}
