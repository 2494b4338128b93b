import type { TBulletinState, TBulletinSummary, TRole } from '@duban/domain';
import { hasRole, isTopPath, scopeOf, type TActor } from '../../platform/access/access.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The bulletin speaks for the whole county (县委县政府督查室), so writing it takes a county-wide grant: a supervisor's to
 * generate, edit and publish it, a leader's to approve it. Drafts are read by supervisors and leaders; everyone else
 * logged in reads the published ones only.
 */
const isCountyWide = (actor: TActor, role: TRole) => scopeOf(actor, role).subtrees.some(isTopPath);

/** True when the actor may read bulletins that are not yet published. */
export const mayReadDrafts = (actor: TActor): boolean => hasRole(actor, 'supervisor', 'leader');

/** True when the actor may read a bulletin in this state (else it does not exist for them: 404). */
export const mayRead = (actor: TActor, state: string): boolean => state === 'published' || mayReadDrafts(actor);

/** True when the actor may generate bulletins (a supervisor of the whole county). */
export const mayGenerate = (actor: TActor): boolean => isCountyWide(actor, 'supervisor');

/** What the actor may do with a bulletin in this state now. */
export function bulletinCan(actor: TActor, state: TBulletinState): TBulletinSummary['can'] {
  const supervisor = isCountyWide(actor, 'supervisor');
  return {
    edit: supervisor && state === 'draft',
    regenerate: supervisor && state === 'draft',
    approve: isCountyWide(actor, 'leader') && state === 'draft',
    publish: supervisor && state === 'approved',
  };
}

/** Refuses (403) an actor without the county-wide role the action needs. */
export function requireCountyRole(actor: TActor, role: 'supervisor' | 'leader', action: string): void {
  if (!isCountyWide(actor, role)) {
    throw new AppError('FORBIDDEN', `only a ${role} of the whole county may ${action} a bulletin`);
  }
}
