import {
  ZChangePasswordRequest,
  ZLoginRequest,
  ZLoginResponse,
  ZOk,
  ZSessionResponse,
  ZUpdateMeRequest,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, SESSION_COOKIE } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import * as auth from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod<{ db: TDb; loginRateLimit: number }> = async (app, opts) => {
  const { db } = opts;
  app.post(
    '/auth/login',
    {
      config: {
        isPublic: true,
        rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password',
        description:
          'Sets the HttpOnly session cookie and returns the CSRF token to send as x-csrf-token on writes. ' +
          '401 INVALID_CREDENTIALS on a wrong pair; after 5 failures the account is locked for 15 minutes: 423 ACCOUNT_LOCKED.',
        body: ZLoginRequest,
        response: { 200: ZLoginResponse },
      },
    },
    async (req, reply) => {
      const result = await auth.login(db, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
      });
      return { user: result.user, grants: result.grants, csrfToken: result.csrfToken };
    },
  );
  app.post(
    '/auth/logout',
    {
      config: { allowPendingPasswordChange: true },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 200: ZOk } },
    },
    async (req, reply) => {
      await auth.logout(db, req.actor, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  app.post(
    '/auth/password',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (required at first login for accounts an admin created)',
        body: ZChangePasswordRequest,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await auth.changePassword(db, actorOf(req), req.body, req.cookies[SESSION_COOKIE]);
      return { ok: true as const };
    },
  );
  app.get(
    '/me',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Who you are: user, grants, roles, and the CSRF token of a cookie session',
        response: { 200: ZSessionResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return { ...(await auth.getMe(db, actor)), csrfToken: actor.csrfToken };
    },
  );
  app.patch(
    '/me',
    {
      config: { allowPendingPasswordChange: true },
      schema: { tags: ['auth'], summary: 'Remember your language', body: ZUpdateMeRequest, response: { 200: ZOk } },
    },
    async (req) => {
      await auth.updateLocale(db, actorOf(req), req.body.locale);
      return { ok: true as const };
    },
  );
};
