import { DEFAULT_SETTINGS, type TSettings, ZSettings } from '@duban/domain';
import { sql } from 'drizzle-orm';
import { settings } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

/** The settings in force: the stored values over the defaults. */
export async function loadSettings(db: TQueryable): Promise<TSettings> {
  const rows = await db.select().from(settings);
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const merged = { ...DEFAULT_SETTINGS, ...stored };
  const parsed = ZSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
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
