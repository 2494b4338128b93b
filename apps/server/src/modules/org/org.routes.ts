import {
  ZCreateGrantRequest,
  ZCreateUnitRequest,
  ZCreateUserRequest,
  ZGrant,
  ZIdParams,
  ZNoContent,
  ZOk,
  ZPrivilegedResetHalf,
  ZPrivilegedResetList,
  ZResetPasswordRequest,
  ZUnit,
  ZUnitList,
  ZUpdateUnitRequest,
  ZUpdateUserRequest,
  ZUser,
  ZUserQuery,
  zPage,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import * as grants from './grants.service.ts';
import * as resets from './privileged-resets.service.ts';
import * as units from './units.service.ts';
import * as users from './users.service.ts';

const unitTags = ['units'];
const userTags = ['users'];

export const orgRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  app.get(
    '/units',
    {
      schema: {
        tags: unitTags,
        summary: 'The whole unit tree, flat (every user may read it)',
        response: { 200: ZUnitList },
      },
    },
    async () => ({ items: await units.listUnits(db) }),
  );
  app.get(
    '/units/:id',
    { schema: { tags: unitTags, summary: 'One unit', params: ZIdParams, response: { 200: ZUnit } } },
    (req) => units.getUnit(db, req.params.id),
  );
  app.post(
    '/units',
    {
      schema: {
        tags: unitTags,
        summary: 'Create a unit under a parent in your scope (sysAdmin)',
        body: ZCreateUnitRequest,
        response: { 201: ZUnit },
      },
    },
    async (req, reply) => reply.code(201).send(await units.createUnit(db, actorOf(req), req.body)),
  );
  app.patch(
    '/units/:id',
    {
      schema: {
        tags: unitTags,
        summary: 'Rename, re-categorise, move (parentId) or (de)activate a unit (sysAdmin)',
        description: 'Moving a unit under itself or its own descendant answers 422 INVALID_MOVE on parentId.',
        params: ZIdParams,
        body: ZUpdateUnitRequest,
        response: { 200: ZUnit },
      },
    },
    (req) => units.updateUnit(db, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/units/:id',
    {
      schema: {
        tags: unitTags,
        summary: 'Delete a unit that never had sub-units, people or grants (sysAdmin); otherwise 409',
        params: ZIdParams,
        response: { 204: ZNoContent },
      },
    },
    async (req, reply) => {
      await units.deleteUnit(db, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: userTags,
        summary: 'A page of the users you may see, optionally in a unit (and its subtree)',
        querystring: ZUserQuery,
        response: { 200: zPage(ZUser) },
      },
    },
    (req) => users.listUsers(db, actorOf(req), req.query),
  );
  app.get(
    '/users/:id',
    { schema: { tags: userTags, summary: 'One user', params: ZIdParams, response: { 200: ZUser } } },
    (req) => users.getUser(db, actorOf(req), req.params.id),
  );
  app.post(
    '/users',
    {
      schema: {
        tags: userTags,
        summary: 'Create an account (sysAdmin); the user must change the password at first login',
        body: ZCreateUserRequest,
        response: { 201: ZUser },
      },
    },
    async (req, reply) => reply.code(201).send(await users.createUser(db, actorOf(req), req.body)),
  );
  app.patch(
    '/users/:id',
    {
      schema: {
        tags: userTags,
        summary: 'Edit or (de)activate an account (sysAdmin)',
        params: ZIdParams,
        body: ZUpdateUserRequest,
        response: { 200: ZUser },
      },
    },
    (req) => users.updateUser(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: userTags,
        summary: 'Set a new password, unlock, end sessions, force a change at next login (sysAdmin)',
        params: ZIdParams,
        body: ZResetPasswordRequest,
        response: { 200: ZUser },
      },
    },
    (req) => users.resetPassword(db, actorOf(req), req.params.id, req.body.password),
  );
  app.post(
    '/users/:id/privileged-reset',
    {
      schema: {
        tags: userTags,
        summary: 'Open a two-person reset of an administrator account’s password (sysAdmin or secAdmin)',
        description:
          '三员分立: the password of an account holding sysAdmin, secAdmin or auditor is never set by one person. ' +
          'sysAdmin or secAdmin (not the owner) opens the reset and is shown the first half of the new password, ' +
          'once; an administrator of another of the three roles confirms it within 24 hours (POST ' +
          '/privileged-resets/{id}/confirm) and is shown the second half. The owner types the two halves joined, ' +
          'first then second, and must change the password at once. The auditors and the owner are told in their ' +
          'inbox at each step. 422 for an account that holds none of the three roles, 409 while one is open.',
        params: ZIdParams,
        response: { 201: ZPrivilegedResetHalf },
      },
    },
    async (req, reply) => reply.code(201).send(await resets.openPrivilegedReset(db, actorOf(req), req.params.id)),
  );
  app.get(
    '/privileged-resets',
    {
      schema: {
        tags: userTags,
        summary: 'The open two-person resets of administrator accounts in scope (sysAdmin, secAdmin, auditor)',
        response: { 200: ZPrivilegedResetList },
      },
    },
    async (req) => ({ items: await resets.listPrivilegedResets(db, actorOf(req)) }),
  );
  app.post(
    '/privileged-resets/:id/confirm',
    {
      schema: {
        tags: userTags,
        summary: 'Confirm a two-person reset and get the second half of the new password',
        description:
          'By an administrator of another of the three roles than the opener, neither the opener nor the owner. ' +
          'The password becomes the two halves joined; the account’s sessions end, its locks lift, and it must ' +
          'change the password at its next login.',
        params: ZIdParams,
        response: { 200: ZPrivilegedResetHalf },
      },
    },
    (req) => resets.confirmPrivilegedReset(db, actorOf(req), req.params.id),
  );
  app.post(
    '/privileged-resets/:id/cancel',
    {
      schema: {
        tags: userTags,
        summary: 'Cancel an open two-person reset (its opener, or an administrator who could confirm it)',
        params: ZIdParams,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await resets.cancelPrivilegedReset(db, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/users/:id/unlock',
    {
      schema: {
        tags: userTags,
        summary: 'Lift the login locks of an account, from every address (secAdmin)',
        description:
          'Failed logins lock an account from the address they came from (5 in 15 minutes by default) and, past a ' +
          'much higher ceiling across addresses, everywhere. secAdmin lifts them all; the unlock is audited.',
        params: ZIdParams,
        response: { 200: ZUser },
      },
    },
    (req) => users.unlockUser(db, actorOf(req), req.params.id),
  );

  app.get(
    '/users/:id/grants',
    {
      schema: {
        tags: ['grants'],
        summary: "A user's role grants (secAdmin, sysAdmin, the user)",
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZGrant) }) },
      },
    },
    async (req) => ({ items: await grants.listGrants(db, actorOf(req), req.params.id) }),
  );
  app.post(
    '/users/:id/grants',
    {
      schema: {
        tags: ['grants'],
        summary: 'Grant a role on a unit, optionally with its subtree (secAdmin only)',
        params: ZIdParams,
        body: ZCreateGrantRequest,
        response: { 201: ZGrant },
      },
    },
    async (req, reply) => reply.code(201).send(await grants.createGrant(db, actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/users/:id/grants/:grantId',
    {
      schema: {
        tags: ['grants'],
        summary: 'Revoke a grant (secAdmin only)',
        params: z.object({ id: z.uuid(), grantId: z.uuid() }),
        response: { 204: ZNoContent },
      },
    },
    async (req, reply) => {
      await grants.deleteGrant(db, actorOf(req), req.params.id, req.params.grantId);
      return reply.code(204).send();
    },
  );
};
