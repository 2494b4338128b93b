import type { TGrant, TLocale, TRole, TUnit, TUnitCategory, TUser } from '@duban/domain';
import type { TGrantRow, TUnitRow, TUserRow } from './org.repo.ts';

/** A unit as the API shows it. */
export function presentUnit(row: TUnitRow): TUnit {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    category: row.category as TUnitCategory,
    isActive: row.isActive,
    sortOrder: row.sortOrder,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A user as the API shows it: never the password hash. */
export function presentUser(row: TUserRow): TUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    unitName: row.unitName,
    title: row.title,
    phone: row.phone,
    email: row.email,
    isActive: row.isActive,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
    isPrivileged: row.isPrivileged,
    locale: row.locale as TLocale,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A role grant as the API shows it. */
export function presentGrant(row: TGrantRow): TGrant {
  return {
    id: row.id,
    userId: row.userId,
    role: row.role as TRole,
    unitId: row.unitId,
    unitName: row.unitName,
    includeSubtree: row.includeSubtree,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The audit snapshot of a user: what changed, without secrets. */
export function auditUser(row: TUserRow) {
  const { passwordHash: _h, unitPath: _p, lastLoginAt: _l, isPrivileged: _i, ...rest } = row;
  return rest;
}
