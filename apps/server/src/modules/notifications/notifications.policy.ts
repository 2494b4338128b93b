import { isEmptyScope, isInScope, isTopPath, scopeOf, type TActor, type TScope } from '../../platform/access/access.ts';
import { AppError } from '../../platform/errors.ts';

/** The units whose channels an actor manages: sysAdmin's and supervisors' grants, and unit heads' units. */
export const manageScope = (actor: TActor): TScope => scopeOf(actor, 'sysAdmin', 'supervisor', 'unitHead');

/** County-wide channels are the office's: sysAdmin or a supervisor whose grant covers the whole county. */
export const managesCounty = (actor: TActor): boolean =>
  scopeOf(actor, 'sysAdmin', 'supervisor').subtrees.some(isTopPath);

/** Refuses (403) anyone who manages no channel at all. */
export function requireChannelManager(actor: TActor): void {
  if (isEmptyScope(manageScope(actor))) {
    throw new AppError('FORBIDDEN', 'needs one of the roles: sysAdmin, supervisor, unitHead');
  }
}

/** True when the actor manages a channel of that unit (by its path; null: a county-wide channel). */
export function managesChannelOf(actor: TActor, unitPath: string | null): boolean {
  return unitPath === null ? managesCounty(actor) : isInScope(manageScope(actor), unitPath);
}
