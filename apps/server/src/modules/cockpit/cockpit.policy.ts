import { isInScope, scopeOf, type TActor, type TActorGrant } from '../../platform/access/access.ts';

/**
 * Who reads the cockpit, and which units' pages: leaders and supervisors any unit they oversee (the top one by
 * default), unit heads their units (their own by default). Anyone else has no cockpit (404).
 */
const OVERSEERS = ['leader', 'supervisor'] as const;

const shortestGrant = (grants: TActorGrant[]) =>
  [...grants].sort((a, b) => a.unitPath.length - b.unitPath.length || (a.unitPath < b.unitPath ? -1 : 1))[0];

/** The unit a caller's cockpit opens on when none is asked for (id and path), or null: the caller has no cockpit. */
export function defaultCockpitUnit(actor: TActor): { id: string; path: string } | null {
  const oversees = actor.grants.filter((g) => (OVERSEERS as readonly string[]).includes(g.role));
  const heads = actor.grants.filter((g) => g.role === 'unitHead');
  if (oversees.length === 0 && isInScope(scopeOf(actor, 'unitHead'), actor.unitPath)) {
    return { id: actor.unitId, path: actor.unitPath };
  }
  const grant = shortestGrant(oversees.length ? oversees : heads);
  return grant ? { id: grant.unitId, path: grant.unitPath } : null;
}

/** True when the caller may read the cockpit page of the unit at this path. */
export function canReadCockpitOf(actor: TActor, unitPath: string): boolean {
  return isInScope(scopeOf(actor, ...OVERSEERS, 'unitHead'), unitPath);
}
