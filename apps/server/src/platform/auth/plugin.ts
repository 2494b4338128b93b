import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { apiTokens, sessions } from '../../db/schema/index.ts';
import { loadSettings } from '../../modules/settings/settings.repo.ts';
import type { TActor } from '../access/access.ts';
import type { TDb } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { API_TOKEN_PREFIX, findApiToken, findSession } from './actor.ts';

export const SESSION_COOKIE = 'duban_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: TActor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    isPublic?: boolean;
    /** Reachable while the user must still change the password. */
    allowPendingPasswordChange?: boolean;
    /** The status of a body that fails its schema (default 400); the check-in routes answer 422. */
    validationStatus?: 400 | 422;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How stale last_seen_at may get before a request refreshes it (saves a write per request). */
const TOUCH_AFTER_MS = 60_000;

async function resolveActor(db: TDb, request: FastifyRequest): Promise<TActor | null> {
  const pool = db.$client;
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const secret = auth.slice(7).trim();
    const token = secret.startsWith(API_TOKEN_PREFIX) ? await findApiToken(pool, secret) : null;
    if (!token?.isActive) throw new AppError('UNAUTHENTICATED', 'invalid or expired API token');
    const grants = token.grantIds ? token.grants.filter((g) => token.grantIds?.includes(g.id)) : token.grants;
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, token.tokenId));
    }
    return { ...token, grants, via: 'token', readOnly: token.access !== 'readWrite', ip: request.ip, csrfToken: null };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await findSession(pool, cookie);
  if (!session?.isActive) throw new AppError('SESSION_EXPIRED', 'the session has ended; log in again');
  if (WRITE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    throw new AppError('CSRF_FAILED', 'missing or wrong x-csrf-token header');
  }
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    const { sessionIdleMinutes, sessionMaxHours } = await loadSettings(db);
    // Idle time extends a session, never past its absolute lifetime from login; past it, the session ends now.
    const [touched] = await db
      .update(sessions)
      .set({
        lastSeenAt: sql`now()`,
        expiresAt: sql`least(now() + make_interval(mins => ${sessionIdleMinutes}), ${sessions.createdAt} + make_interval(hours => ${sessionMaxHours}))`,
      })
      .where(eq(sessions.tokenHash, session.tokenHash))
      .returning({ isActive: sql<boolean>`${sessions.expiresAt} > now()` });
    if (!touched?.isActive) throw new AppError('SESSION_EXPIRED', 'the session has ended; log in again');
  }
  return { ...session, via: 'session', readOnly: false, ip: request.ip };
}

/** Authenticates every /api request from its session cookie or Bearer token, before its body is read, and guards non-public routes. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { db: TDb }) => {
  app.decorateRequest('actor', null);
  // What an authenticated answer holds is the user's own: no browser, proxy or shared device keeps a copy.
  app.addHook('onSend', async (request, reply) => {
    if (request.actor && request.url.startsWith('/api/v1/')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onRequest', async (request) => {
    if (request.is404 || !request.url.startsWith('/api/v1/')) return;
    const config = request.routeOptions.config;
    try {
      request.actor = await resolveActor(opts.db, request);
    } catch (error) {
      if (!config.isPublic) throw error;
      request.actor = null;
    }
    if (config.isPublic) return;
    const actor = request.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', 'log in first');
    if (actor.readOnly && WRITE_METHODS.has(request.method)) {
      throw new AppError('FORBIDDEN', 'this API token is read-only');
    }
    if (actor.mustChangePassword && !config.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'change your password first');
    }
  });
});

/** The authenticated actor of a non-public route. */
export function actorOf(request: FastifyRequest): TActor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'log in first');
  return request.actor;
}
