import {
  COCKPIT_HIGHLIGHTS,
  COCKPIT_INSTRUCTION_DAYS,
  COCKPIT_INSTRUCTIONS,
  COCKPIT_REMINDER_DAYS,
  localDay,
  type TCockpit,
  type TCockpitQuery,
  ZCockpit,
} from '@duban/domain';
import { isTopPath, type TActor } from '../../platform/access/access.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { writeEpoch } from '../../platform/write-epoch.ts';
import { canReadCockpitOf, defaultCockpitUnit } from './cockpit.policy.ts';
import {
  presentEscalations,
  presentInstruction,
  presentTags,
  presentTargets,
  presentUnitLights,
} from './cockpit.presenter.ts';
import { findActiveUnit, readCockpit } from './cockpit.repo.ts';

/** A page as read, and its JSON as served (encoded once per read, whoever shares it). */
type TCockpitRead = { doc: TCockpit; json: string };

/** How long a page once read is served again (COCKPIT_KEEP_MS): the screens polling it share one read. */
let keepMs = 2_000;

/** Sets how long a page once read is served again; 0 keeps only the reads in flight. */
export function configureCockpitKeep(ms: number): void {
  keepMs = ms;
}

/**
 * Reads per database and page, kept while in flight and then until `keepMs` (2 s by default) from when they began,
 * and only while no write has ended in this process since (the write epoch): requests for the same page share one
 * read and one encoding, no page is older than the keep, and a change made through this process shows on the next
 * read.
 */
type TKeptRead = { read: Promise<TCockpitRead>; epoch: number; at: number; running: boolean };
const kept = new WeakMap<TDb, Map<string, TKeptRead>>();

function sharedRead(db: TDb, key: string, read: () => Promise<TCockpitRead>): Promise<TCockpitRead> {
  const reads = kept.get(db) ?? new Map<string, TKeptRead>();
  kept.set(db, reads);
  const at = performance.now();
  const entry = reads.get(key);
  if (entry && (entry.running || (entry.epoch === writeEpoch() && at - entry.at < keepMs))) return entry.read;
  if (reads.size > 1_000) {
    for (const [k, e] of reads) if (!e.running && at - e.at >= keepMs) reads.delete(k);
  }
  const started = read();
  const mine = { read: started, epoch: writeEpoch(), at, running: true };
  reads.set(key, mine);
  const settle = (keep: boolean) => {
    mine.running = false;
    // A failed read is not kept: the next request tries again.
    if (!keep && reads.get(key) === mine) reads.delete(key);
  };
  started.then(
    () => settle(keepMs > 0),
    () => settle(false),
  );
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
  return (await readCockpitOf(db, actor, query, now)).doc;
}

/** The same page as JSON text, encoded by its response schema: what the route sends. */
export async function getCockpitJson(db: TDb, actor: TActor, query: TCockpitQuery, now = clockNow()): Promise<string> {
  return (await readCockpitOf(db, actor, query, now)).json;
}

async function readCockpitOf(db: TDb, actor: TActor, query: TCockpitQuery, now: Date): Promise<TCockpitRead> {
  const page = query.unitId ? await findActiveUnit(db.$client, query.unitId) : defaultCockpitUnit(actor);
  if (!page || !canReadCockpitOf(actor, page.path)) throw notFound('unit');
  const day = localDay(now);
  const year = query.year ?? Number(day.slice(0, 4));
  return sharedRead(db, `${page.id}/${year}/${day}`, async () => {
    const doc = await readPage(db, page, year, day, now);
    return { doc, json: JSON.stringify(ZCockpit.encode(doc)) };
  });
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
