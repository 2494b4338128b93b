import type { TApiToken, TCreateTokenRequest } from '@duban/domain';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { apiTokens } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { API_TOKEN_PREFIX, hashToken, loadGrants, newSecret } from '../../platform/auth/actor.ts';
import type { TDb } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';

type TTokenRow = typeof apiTokens.$inferSelect;

function presentToken(row: TTokenRow): TApiToken {
  return {
    id: row.id,
    name: row.name,
    access: row.access as TApiToken['access'],
    grantIds: row.grantIds ?? [],
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Only a person logged in with a session manages API tokens: a token cannot mint another. */
function requireSession(actor: TActor): void {
  if (actor.via !== 'session') throw new AppError('FORBIDDEN', 'manage API tokens from a logged-in session');
}

/** The caller's own live API tokens. */
export async function listTokens(db: TDb, actor: TActor): Promise<TApiToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(presentToken);
}

/** Creates a personal API token limited to some of the caller's own grants; the secret is shown once. */
export async function createToken(db: TDb, actor: TActor, input: TCreateTokenRequest) {
  requireSession(actor);
  if (input.grantIds) {
    const own = new Set((await loadGrants(db.$client, actor.id)).map((g) => g.id));
    if (input.grantIds.some((id) => !own.has(id))) {
      throw invalid('grantIds', 'a token may only carry grants you hold yourself');
    }
  }
  const token = newSecret(API_TOKEN_PREFIX);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.id,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        access: input.access,
        grantIds: input.grantIds ?? null,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const presented = presentToken(row);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'token.create',
      targetType: 'apiToken',
      targetId: row.id,
      after: presented,
      ip: actor.ip,
    });
    return { ...presented, token };
  });
}

/** Revokes one of the caller's tokens; another person's token is not found. */
export async function revokeToken(db: TDb, actor: TActor, id: string): Promise<void> {
  requireSession(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('token');
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'token.revoke',
      targetType: 'apiToken',
      targetId: id,
      before: presentToken({ ...row, revokedAt: null }),
      ip: actor.ip,
    });
  });
}
