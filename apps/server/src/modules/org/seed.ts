import { randomBytes } from 'node:crypto';
import { childPath, localDay } from '@duban/domain';
import { count } from 'drizzle-orm';
import { roleGrants, units, users } from '../../db/schema/index.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb, TTx } from '../../platform/db/client.ts';
import { seedDemoCheckIns } from '../check-ins/demo-check-ins.ts';
import { seedLightHistory } from '../lights/demo-lights.ts';
import { runMorningSweep } from '../lights/lights.service.ts';
import { seedDemoTargets } from '../targets/demo-targets.ts';
import { seedDemoTasks } from '../tasks/demo-tasks.ts';
import { DEMO_COUNTY, DEMO_PASSWORD, demoPeople, demoUnits } from './demo-county.ts';

const SYSTEM = { id: '00000000-0000-0000-0000-000000000000', name: 'system' };

/** Named demo accounts shown at start and in the README. */
export const DEMO_LOGINS = [
  'admin',
  'secadmin',
  'auditor',
  'leader',
  'supervisor',
  'judge',
  'head',
  'liaison',
  'cadre',
  'cadre2',
];

/** Seeds the demo county: units, people and their grants, in one transaction with one audit entry. */
export async function seedDemoCounty(db: TDb): Promise<{ units: number; users: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const ids = new Map<string, { id: string; path: string }>();
    const unitRows = demoUnits().map((u, i) => {
      const id = crypto.randomUUID();
      const parent = u.code === 'county' ? null : ids.get('county');
      const path = childPath(parent?.path ?? '/', id);
      ids.set(u.code, { id, path });
      return { id, parentId: parent?.id ?? null, path, name: u.name, category: u.category, sortOrder: i };
    });
    await tx.insert(units).values(unitRows);
    const people = demoPeople();
    const userRows = people.map((p) => ({
      id: crypto.randomUUID(),
      username: p.username,
      displayName: p.displayName,
      unitId: ids.get(p.unitCode)?.id ?? '',
      unitPath: ids.get(p.unitCode)?.path ?? '',
      title: p.title,
      passwordHash,
    }));
    for (let i = 0; i < userRows.length; i += 500) await tx.insert(users).values(userRows.slice(i, i + 500));
    const grantRows = people.flatMap((p, i) =>
      p.roles.map((r) => ({
        userId: userRows[i]?.id ?? '',
        role: r.role,
        unitId: ids.get(r.unitCode)?.id ?? '',
        includeSubtree: r.includeSubtree,
      })),
    );
    for (let i = 0; i < grantRows.length; i += 500) await tx.insert(roleGrants).values(grantRows.slice(i, i + 500));
    const summary = { units: unitRows.length, users: userRows.length };
    await appendAudit(tx, {
      actor: SYSTEM,
      action: 'system.seedDemo',
      targetType: 'organisation',
      targetId: null,
      after: { county: DEMO_COUNTY, ...summary },
    });
    return summary;
  });
}

/** On an empty database without demo data: a top unit and the three separated admin accounts with one-time passwords. */
export async function seedFirstAdmins(db: TDb): Promise<{ username: string; password: string }[]> {
  const accounts = [
    { username: 'admin', displayName: '系统管理员', role: 'sysAdmin' },
    { username: 'secadmin', displayName: '安全管理员', role: 'secAdmin' },
    { username: 'auditor', displayName: '安全审计员', role: 'auditor' },
  ].map((a) => ({ ...a, password: `Db-${randomBytes(9).toString('base64url')}9a` }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  await db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    await tx.insert(units).values({ id, parentId: null, path: childPath('/', id), name: '本级', category: 'county' });
    for (const [i, a] of accounts.entries()) {
      const userId = crypto.randomUUID();
      await tx.insert(users).values({
        id: userId,
        username: a.username,
        displayName: a.displayName,
        unitId: id,
        unitPath: childPath('/', id),
        passwordHash: hashes[i] ?? '',
        mustChangePassword: true,
      });
      await tx.insert(roleGrants).values({ userId, role: a.role, unitId: id, includeSubtree: true });
    }
    await appendAudit(tx, {
      actor: SYSTEM,
      action: 'system.seedAdmins',
      targetType: 'organisation',
      targetId: null,
      after: { accounts: accounts.map((a) => a.username) },
    });
  });
  return accounts.map(({ username, password }) => ({ username, password }));
}

/**
 * The demo county's work, in one transaction: task lists, check-ins and roll-ups, the light history of the days
 * gone by as the morning sweeps would have kept it, the year's targets with their monthly actuals, then this
 * morning's sweep itself (today's lights, the escalation ladder, the targets' pace) — the state real use would reach.
 */
export async function seedDemoWork(tx: TTx, now = clockNow()) {
  const work = { ...(await seedDemoTasks(tx, now)), ...(await seedDemoCheckIns(tx, now)) };
  const lightChanges = await seedLightHistory(tx, localDay(now));
  const targets = await seedDemoTargets(tx, now);
  const sweep = await runMorningSweep(tx, now);
  return {
    ...work,
    lightChanges,
    escalations: sweep.escalations,
    targets: targets.targets,
    targetActuals: targets.actuals,
  };
}

/** Fills an empty database: the demo county, or else the first admin accounts. Does nothing on a database with units. */
export async function bootstrapData(db: TDb, opts: { demo: boolean }): Promise<{ messages: string[] }> {
  const [row] = await db.select({ n: count() }).from(units);
  if ((row?.n ?? 0) > 0) return { messages: [] };
  if (opts.demo) {
    const seeded = await seedDemoCounty(db);
    const work = await db.transaction((tx) => seedDemoWork(tx));
    return {
      messages: [
        `Seeded the demo county ${DEMO_COUNTY}: ${seeded.units} units, ${seeded.users} people, ${work.lists} task lists with ${work.tasks} tasks, ${work.checkIns} check-ins, last week's ${work.rollups} roll-ups, and ${work.targets} yearly targets with ${work.targetActuals} monthly actuals.`,
        `Demo logins (password ${DEMO_PASSWORD}): ${DEMO_LOGINS.join(', ')}`,
      ],
    };
  }
  const accounts = await seedFirstAdmins(db);
  return {
    messages: [
      'Created the first accounts; these passwords are shown once and must be changed at first login:',
      ...accounts.map((a) => `  ${a.username.padEnd(9)} ${a.password}`),
    ],
  };
}
