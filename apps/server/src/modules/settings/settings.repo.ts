import { DEFAULT_SETTINGS, type TSettings, ZSettings } from '@duban/domain';
import { sql } from 'drizzle-orm';
import { settings } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

let defaults: TSettings = DEFAULT_SETTINGS;

/** Sets the defaults that stored settings override (from the environment: SESSION_TTL). */
export function configureSettingsDefaults(values: Partial<TSettings>): void {
  defaults = { ...DEFAULT_SETTINGS, ...values };
}

/** The settings in force: the stored values over the defaults. */
export async function loadSettings(db: TQueryable): Promise<TSettings> {
  const rows = await db.select().from(settings);
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const parsed = ZSettings.safeParse({ ...defaults, ...stored });
  return parsed.success ? parsed.data : defaults;
}

/** Stores the given settings keys. */
export async function saveSettings(db: TQueryable, values: Partial<TSettings>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    await db
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
  }
}
