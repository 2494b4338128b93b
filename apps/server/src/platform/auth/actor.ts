import { createHash, randomBytes } from 'node:crypto';
import type { TRole } from '@duban/domain';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { apiTokens, roleGrants, sessions, units, users } from '../../db/schema/index.ts';
import type { TActorGrant } from '../access/access.ts';
import type { TQueryable } from '../db/client.ts';

/** SHA-256 of a secret token, hex: what the database keeps instead of the token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new random secret with a readable prefix. */
export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

export const SESSION_PREFIX = 'dbs_';
export const API_TOKEN_PREFIX = 'dbn_';

/** The grants a user holds, with each unit's path, for scope checks. */
export async function loadGrants(db: TQueryable, userId: string): Promise<TActorGrant[]> {
  const rows = await db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitPath: units.path,
      includeSubtree: roleGrants.includeSubtree,
    })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(eq(roleGrants.userId, userId), eq(units.isActive, true)));
  return rows.map((r) => ({ ...r, role: r.role as TRole }));
}

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  unitId: users.unitId,
  mustChangePassword: users.mustChangePassword,
  isActive: users.isActive,
};

/** The live session for a cookie token, with its user, or null when unknown or expired. */
export async function findSession(db: TQueryable, token: string) {
  const [row] = await db
    .select({
      ...userColumns,
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

/** The live API token for a Bearer secret, with its owner, or null. */
export async function findApiToken(db: TQueryable, token: string) {
  const [row] = await db
    .select({
      ...userColumns,
      tokenId: apiTokens.id,
      access: apiTokens.access,
      grantIds: apiTokens.grantIds,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now())`,
      ),
    )
    .limit(1);
  return row ?? null;
}
