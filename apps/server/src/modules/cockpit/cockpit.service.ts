import {
  COCKPIT_HIGHLIGHTS,
  COCKPIT_INSTRUCTION_DAYS,
  COCKPIT_INSTRUCTIONS,
  COCKPIT_REMINDER_DAYS,
  localDay,
  type TCockpit,
  type TCockpitQuery,
} from '@duban/domain';
import { isTopPath, type TActor } from '../../platform/access/access.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { canReadCockpitOf, defaultCockpitUnit } from './cockpit.policy.ts';
import {
  presentEscalations,
  presentInstruction,
  presentTags,
  presentTargets,
  presentUnitLights,
} from './cockpit.presenter.ts';
import { findActiveUnit, readCockpit } from './cockpit.repo.ts';

/**
 * Reads in flight per database and page: requests for the same page at the same moment (the wall displays and the
 * leaders' screens polling it) share one read instead of queueing up identical ones. Nothing is kept once a read
 * ends, so no answer is older than the read that made it.
 */
const inFlight = new WeakMap<TDb, Map<string, Promise<TCockpit>>>();

function sharedRead(db: TDb, key: string, read: () => Promise<TCockpit>): Promise<TCockpit> {
  const reads = inFlight.get(db) ?? new Map<string, Promise<TCockpit>>();
  inFlight.set(db, reads);
  const running = reads.get(key);
  if (running) return running;
  const started = read().finally(() => reads.delete(key));
  reads.set(key, started);
  return started;
}

/**
 * The cockpit (数据驾驶舱) of a unit — the top unit the caller oversees, or the caller's own unit for a unit head, or
 * `unitId` within their reach (else 404): targets against pace (the county's targets with their county figures, or
 * a unit's own targets and its allocations), task lights in total, per unit category and per tag, the child units
 * with most red, the escalation steps waiting on someone, the latest week's roll-up highlights and the newest
 * instructions, each over the tasks led in the unit's subtree. One read of kept figures.
 */
export async function getCockpit(db: TDb, actor: TActor, query: TCockpitQuery, now = clockNow()): Promise<TCockpit> {
  const page = query.unitId ? await findActiveUnit(db.$client, query.unitId) : defaultCockpitUnit(actor);
  if (!page || !canReadCockpitOf(actor, page.path)) throw notFound('unit');
  const day = localDay(now);
  const year = query.year ?? Number(day.slice(0, 4));
  return sharedRead(db, `${page.id}/${year}/${day}`, () => readPage(db, page, year, day, now));
}

/** Reads and shapes one page: whoever asked may read it. */
async function readPage(
  db: TDb,
  page: { id: string; path: string },
  year: number,
  day: string,
  now: Date,
): Promise<TCockpit> {
  const isTop = isTopPath(page.path);
  const rows = await readCockpit(db.$client, {
    unitId: page.id,
    path: page.path,
    isTop,
    year,
    today: day,
    reminderDays: COCKPIT_REMINDER_DAYS,
    highlights: COCKPIT_HIGHLIGHTS,
    instructions: COCKPIT_INSTRUCTIONS,
    instructionDays: COCKPIT_INSTRUCTION_DAYS,
  });
  if (!rows.unit) throw notFound('unit');
  return {
    year,
    day,
    generatedAt: now.toISOString(),
    unit: { id: rows.unit.id, name: rows.unit.name, isTop },
    ...presentTargets(rows.targets),
    ...presentUnitLights(rows.unit, rows.children, rows.unitLights),
    byTag: presentTags(rows.tags),
    escalations: presentEscalations(rows.steps),
    rollups: { week: rows.week, items: rows.highlights },
    instructions: rows.instructions.map(presentInstruction),
  };
}
