import { SEPARATED_ROLES, type TRole, type TSeparatedRole } from '@duban/domain';
import { hasRole, isInScope, requireRole, scopeOf, type TActor, type TScope } from '../../platform/access/access.ts';
import { notFound } from '../../platform/errors.ts';

/** Roles that may see the people of the units in their scope. */
const USER_READERS: TRole[] = ['sysAdmin', 'secAdmin', 'leader', 'supervisor', 'unitHead', 'liaison'];

/** The units whose people the actor may see. */
export const userReadScope = (actor: TActor): TScope => scopeOf(actor, ...USER_READERS);

/** Refuses (404) a user the actor may not see; everyone sees themself. */
export function authorizeReadUser(actor: TActor, user: { id: string; unitPath: string }): void {
  if (user.id === actor.id) return;
  if (!isInScope(userReadScope(actor), user.unitPath)) throw notFound('user');
}

/** sysAdmin manages units and accounts in the units of their scope; others are refused. */
export function authorizeManageOrg(actor: TActor, unitPath: string, what: 'unit' | 'user'): void {
  requireRole(actor, 'sysAdmin');
  if (!isInScope(scopeOf(actor, 'sysAdmin'), unitPath)) throw notFound(what);
}

/** secAdmin alone grants and revokes roles, within their scope, never to themself. */
export function authorizeGrant(actor: TActor, target: { id: string; unitPath: string }): void {
  requireRole(actor, 'secAdmin');
  if (!isInScope(scopeOf(actor, 'secAdmin'), target.unitPath)) throw notFound('user');
}

/** Who may see a user's grants: secAdmin and sysAdmin in scope, and the user. */
export function authorizeReadGrants(actor: TActor, target: { id: string; unitPath: string }): void {
  authorizeReadUser(actor, target);
  if (target.id === actor.id) return;
  if (!hasRole(actor, 'secAdmin', 'sysAdmin')) throw notFound('user');
  if (!isInScope(scopeOf(actor, 'secAdmin', 'sysAdmin'), target.unitPath)) throw notFound('user');
}

/** secAdmin lifts the login locks of accounts in their scope; others are refused. */
export function authorizeUnlock(actor: TActor, target: { id: string; unitPath: string }): void {
  requireRole(actor, 'secAdmin');
  if (!isInScope(scopeOf(actor, 'secAdmin'), target.unitPath)) throw notFound('user');
}

/** The separated roles, among those given, whose scope in the actor's grants covers an account (三员分立 resets). */
export const resetRolesOf = (actor: TActor, unitPath: string, among: readonly TSeparatedRole[]): TSeparatedRole[] =>
  among.filter((role) => isInScope(scopeOf(actor, role), unitPath));

/**
 * The role the actor would confirm a two-person reset with, or null: another person than its opener and the account's
 * owner, holding another of the three roles than the opener's, over the account.
 */
export function confirmingRole(
  actor: TActor,
  reset: { openedBy: string; userId: string; unitPath: string; openedRole: string },
): TSeparatedRole | null {
  if (actor.id === reset.openedBy || actor.id === reset.userId) return null;
  return resetRolesOf(actor, reset.unitPath, SEPARATED_ROLES).find((role) => role !== reset.openedRole) ?? null;
}
