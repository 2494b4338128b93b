import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { roleGrants, units, users } from '../apps/server/src/db/schema/index.ts';
import { appendAudit } from '../apps/server/src/platform/audit/audit.ts';
import { hashPassword } from '../apps/server/src/platform/auth/passwords.ts';
import type { TDb, TTx } from '../apps/server/src/platform/db/client.ts';
import { planOrg, type TPlannedPerson, type TPlannedUnit } from './lib/org-plan.ts';
import { createRandom, type TRandom } from './lib/random.ts';

/** The sizes the suite knows by name (DESIGN.md §4). */
export const SCALES = {
  county: { units: 300, people: 5_000, level: 'county' },
  city: { units: 3_000, people: 50_000, level: 'city' },
} as const;
export type TScaleName = keyof typeof SCALES;

/** The password of every generated account (one argon2 hash is shared by all of them). */
export const BENCH_PASSWORD = 'Bench-pass-2024!';
/** An extra account with a leader grant over the whole tree, for endpoints that need broad read access. */
export const BENCH_USERNAME = 'bench';

/** What was generated, for later steps and for the load tests. */
export interface TCounty {
  root: TPlannedUnit;
  units: TPlannedUnit[];
  people: TPlannedPerson[];
  benchUser: TPlannedPerson;
  password: string;
  grants: number;
}

/**
 * A later generator (tasks, check-ins …): runs inside the same transaction after the organisation is written,
 * with the same seeded random source.
 */
export type TGenerateStep = (tx: TTx, county: TCounty, random: TRandom) => Promise<void>;

export interface TGenerateOptions {
  units: number;
  people: number;
  level?: 'county' | 'city';
  seed?: number;
  steps?: TGenerateStep[];
}

/** Rows per INSERT statement (each column travels as one array parameter). */
const BATCH = 20_000;

/**
 * Inserts many rows fast: `insert … select * from unnest($1::type[], …)`, one array per column, BATCH rows a
 * statement. Drizzle's own multi-row insert spends ~90 ms building the SQL of each 1,000 rows; this spends none.
 * Every row must set the same columns (the first row's); the others take their defaults.
 */
export async function insertRows<T extends PgTable>(tx: TTx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((key) => columns[key] !== undefined);
  const { name, schema } = getTableConfig(table);
  const target = schema ? `"${schema}"."${name}"` : `"${name}"`;
  const names = keys.map((key) => `"${columns[key]?.name}"`).join(', ');
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = keys.map((key) => {
      const column = columns[key];
      if (!column) throw new Error(`no column ${key}`);
      const values = batch.map((row) => {
        const value = (row as Record<string, unknown>)[key];
        return value === null || value === undefined ? null : column.mapToDriverValue(value);
      });
      return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
    });
    await tx.execute(
      sql`insert into ${sql.raw(target)} (${sql.raw(names)}) select * from unnest(${sql.join(arrays, sql`, `)})`,
    );
  }
}

/**
 * Writes a synthetic organisation straight into an empty, migrated database, in one transaction: a depth-3 unit
 * tree, people with realistic names and role grants, and the bench account; then the extra steps.
 */
export async function generateCounty(db: TDb, options: TGenerateOptions): Promise<TCounty> {
  const random = createRandom(options.seed ?? 20_240_601);
  const plan = planOrg({ units: options.units, people: options.people, level: options.level ?? 'county' }, random);
  const root = plan.units[0];
  if (!root) throw new Error('the plan has no units');
  const benchUser: TPlannedPerson = {
    id: crypto.randomUUID(),
    username: BENCH_USERNAME,
    displayName: '压测账号',
    unitId: root.id,
    title: '压测',
    phone: '13800000000',
    grants: [{ role: 'leader', unitId: root.id, includeSubtree: true }],
  };
  const people = [...plan.people, benchUser];
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const grantRows = people.flatMap((p) => p.grants.map((g) => ({ userId: p.id, ...g })));
  const county: TCounty = {
    root,
    units: plan.units,
    people,
    benchUser,
    password: BENCH_PASSWORD,
    grants: grantRows.length,
  };
  const pathOf = new Map(plan.units.map((u) => [u.id, u.path]));
  await db.transaction(async (tx) => {
    await insertRows(
      tx,
      units,
      plan.units.map((u) => ({
        id: u.id,
        parentId: u.parentId,
        path: u.path,
        name: u.name,
        category: u.category,
        sortOrder: u.sortOrder,
      })),
    );
    await insertRows(
      tx,
      users,
      people.map((p) => ({
        id: p.id,
        username: p.username,
        displayName: p.displayName,
        unitId: p.unitId,
        unitPath: pathOf.get(p.unitId) ?? '',
        title: p.title,
        phone: p.phone,
        passwordHash,
      })),
    );
    await insertRows(tx, roleGrants, grantRows);
    await appendAudit(tx, {
      actor: null,
      action: 'system.seedBench',
      targetType: 'organisation',
      targetId: null,
      after: { units: plan.units.length, users: people.length, grants: grantRows.length },
    });
    for (const step of options.steps ?? []) await step(tx, county, random);
  });
  // Fresh statistics, as autovacuum would have gathered on a live system, so the planner picks real plans.
  await db.execute(sql`analyze`);
  return county;
}
