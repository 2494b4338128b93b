import { ZSettings, ZUpdateSettingsRequest } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { getSettings, updateSettings } from './settings.service.ts';

export const settingsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  app.get(
    '/settings',
    { schema: { tags: ['settings'], summary: 'The settings in force (sysAdmin)', response: { 200: ZSettings } } },
    (req) => getSettings(db, actorOf(req)),
  );
  app.put(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change password policy, lockout, session idle timeout or light rules (sysAdmin)',
        description:
          'Each key given replaces the stored value whole. `lightRules` whose thresholds contradict each other ' +
          '(yellow at or after red, a supervision notice not before the admonition) are 422 naming ' +
          '`lightRules.<field>`, and nothing is written; new rules apply to lights at once.',
        body: ZUpdateSettingsRequest,
        response: { 200: ZSettings },
      },
    },
    (req) => updateSettings(db, actorOf(req), req.body),
  );
};
