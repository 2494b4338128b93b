import { lightRulesConflict, type TSettings } from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb } from '../../platform/db/client.ts';
import { invalid } from '../../platform/errors.ts';
import { invalidateRulebook } from '../lights/rulebook.ts';
import { authorizeSettings } from './settings.policy.ts';
import { loadSettings, saveSettings } from './settings.repo.ts';

/** The settings in force, for sysAdmin. */
export async function getSettings(db: TDb, actor: TActor): Promise<TSettings> {
  authorizeSettings(actor);
  return loadSettings(db);
}

/** Changes settings and records the change; light rules that contradict each other are refused (422). */
export async function updateSettings(db: TDb, actor: TActor, values: Partial<TSettings>): Promise<TSettings> {
  authorizeSettings(actor);
  const conflict = values.lightRules ? lightRulesConflict(values.lightRules) : null;
  if (conflict) throw invalid(`lightRules.${conflict.field}`, conflict.message);
  const result = await db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    await saveSettings(tx, values);
    const after = await loadSettings(tx);
    await appendAudit(tx, {
      actor: { id: actor.id, name: actor.username },
      action: 'settings.update',
      targetType: 'settings',
      targetId: null,
      before,
      after,
      ip: actor.ip,
    });
    return after;
  });
  // Lights read the thresholds through the rulebook's cache: from now on, the new ones.
  invalidateRulebook();
  return result;
}
