import { createHash, randomBytes } from 'node:crypto';
import type { TRole } from '@duban/domain';
import type pg from 'pg';
import type { TActorGrant } from '../access/access.ts';

/** SHA-256 of a secret token, hex: what the database keeps instead of the token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new random secret with a readable prefix. */
export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

export const SESSION_PREFIX = 'dbs_';
export const API_TOKEN_PREFIX = 'dbn_';

// Every authenticated request runs one of these, so they are single prepared statements, not query builders.
const GRANTS_JSON = `coalesce((
    select json_agg(json_build_object(
      'id', g.id, 'role', g.role, 'unitId', g.unit_id, 'unitPath', un.path, 'unitName', un.name,
      'includeSubtree', g.include_subtree, 'createdAt', g.created_at) order by g.created_at)
    from role_grants g join units un on un.id = g.unit_id
    where g.user_id = u.id and un.is_active), '[]'::json) as grants`;
const USER_COLUMNS = `u.id, u.username, u.display_name as "displayName", u.unit_id as "unitId", u.unit_path as "unitPath",
  u.must_change_password as "mustChangePassword", u.is_active as "isActive"`;

interface TActorRow {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitPath: string;
  mustChangePassword: boolean;
  isActive: boolean;
  grants: (Omit<TActorGrant, 'role'> & { role: TRole })[];
}

/** The live session for a cookie token, with its user and grants, or null when unknown or expired. */
export async function findSession(pool: pg.Pool, token: string) {
  const result = await pool.query<TActorRow & { csrfToken: string; lastSeenAt: Date; tokenHash: string }>({
    name: 'duban-find-session',
    text: `select ${USER_COLUMNS}, s.token_hash as "tokenHash", s.csrf_token as "csrfToken",
        s.last_seen_at as "lastSeenAt", ${GRANTS_JSON}
      from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > now()`,
    values: [hashToken(token)],
  });
  return result.rows[0] ?? null;
}

/** The live API token for a Bearer secret, with its owner and the owner's grants, or null. */
export async function findApiToken(pool: pg.Pool, token: string) {
  const result = await pool.query<
    TActorRow & { tokenId: string; access: string; grantIds: string[] | null; lastUsedAt: Date | null }
  >({
    name: 'duban-find-api-token',
    text: `select ${USER_COLUMNS}, t.id as "tokenId", t.access, t.grant_ids as "grantIds",
        t.last_used_at as "lastUsedAt", ${GRANTS_JSON}
      from api_tokens t join users u on u.id = t.user_id
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`,
    values: [hashToken(token)],
  });
  return result.rows[0] ?? null;
}

/** The grants a user holds on active units, with each unit's path, for scope checks. */
export async function loadGrants(pool: pg.Pool, userId: string): Promise<TActorGrant[]> {
  const result = await pool.query<{ grants: TActorGrant[] }>({
    name: 'duban-load-grants',
    text: `select ${GRANTS_JSON} from users u where u.id = $1`,
    values: [userId],
  });
  return result.rows[0]?.grants ?? [];
}
