import type { TRole } from '@duban/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../errors.ts';

export interface TActorGrant {
  id: string;
  role: TRole;
  unitId: string;
  unitPath: string;
  unitName: string;
  includeSubtree: boolean;
  createdAt: string;
}

/** Who is making a request: the user, the grants in force for it, and how it authenticated. */
export interface TActor {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  /** The path of the actor's own unit. */
  unitPath: string;
  mustChangePassword: boolean;
  grants: TActorGrant[];
  via: 'session' | 'token';
  readOnly: boolean;
  ip: string | null;
  /** The CSRF token of a cookie session; null for API tokens. */
  csrfToken: string | null;
}

/** A set of unit subtrees (path prefixes) and single units (exact paths). */
export interface TScope {
  subtrees: string[];
  units: string[];
}

/** True when the actor holds any of the roles anywhere. */
export function hasRole(actor: TActor, ...roles: TRole[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

/** The units the actor reaches through grants of the given roles. */
export function scopeOf(actor: TActor, ...roles: TRole[]): TScope {
  const scope: TScope = { subtrees: [], units: [] };
  for (const g of actor.grants) {
    if (!roles.includes(g.role)) continue;
    (g.includeSubtree ? scope.subtrees : scope.units).push(g.unitPath);
  }
  return scope;
}

/** True when a unit (by its path) lies in the scope. */
export function isInScope(scope: TScope, unitPath: string): boolean {
  return scope.units.includes(unitPath) || scope.subtrees.some((p) => unitPath.startsWith(p));
}

/** True when the scope reaches no unit at all. */
export function isEmptyScope(scope: TScope): boolean {
  return scope.subtrees.length === 0 && scope.units.length === 0;
}

/** True for the path of the top unit ('/<id>/'): units are only ever created under a parent. */
export const isTopPath = (path: string) => path.split('/').length === 3;

/** Escapes LIKE's wildcards so user text matches literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A SQL condition: the unit path column lies in the scope (bytewise, so the path indexes serve it). */
export function scopeCondition(scope: TScope, pathColumn: AnyPgColumn): SQL {
  // Every unit lies under the one top unit: its subtree is everything, and the planner need not check each row.
  if (scope.subtrees.some(isTopPath)) return sql`true`;
  const parts: SQL[] = [
    ...scope.subtrees.map((p) => sql`${pathColumn} collate "C" like ${`${escapeLike(p)}%`}`),
    ...(scope.units.length ? [sql`${pathColumn} collate "C" in ${scope.units}`] : []),
  ];
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Refuses the action when the actor holds none of the roles that may do it. */
export function requireRole(actor: TActor, ...roles: TRole[]): void {
  if (!hasRole(actor, ...roles)) throw new AppError('FORBIDDEN', `needs one of the roles: ${roles.join(', ')}`);
}

/**
 * The first path after the subtree at path: paths end with '/', and the next byte, '0', bounds them. Paths p with
 * path <= p < subtreeEnd(path) (bytewise) are the subtree, a range the path indexes serve also in a generic plan.
 */
export const subtreeEnd = (path: string) => `${path.slice(0, -1)}0`;

/** A SQL condition: the path column lies in the subtree at path (or is exactly it). */
export function subtreeCondition(pathColumn: AnyPgColumn, path: string, includeSubtree = true): SQL {
  return includeSubtree
    ? sql`${pathColumn} collate "C" like ${`${escapeLike(path)}%`}`
    : sql`${pathColumn} collate "C" = ${path}`;
}
