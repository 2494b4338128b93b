import {
  bulletinIssue,
  defaultBulletinTitle,
  issuingOffice,
  lastFullWeek,
  type TBulletin,
  type TBulletinContent,
  type TBulletinQuery,
  type TBulletinState,
  type TBulletinSummary,
  type TUpdateBulletin,
  weekDays,
  weekOfInstant,
} from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { insertInboxItems } from '../inbox/inbox.repo.ts';
import { enqueueNotification } from '../notifications/enqueue.ts';
import { buildBulletinContent } from './bulletins.build.ts';
import { bulletinCan, mayGenerate, mayRead, mayReadDrafts, requireCountyRole } from './bulletins.policy.ts';
import * as repo from './bulletins.repo.ts';

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function presentSummary(row: repo.TBulletinRow, actor: TActor): TBulletinSummary {
  const b = row.bulletin;
  const state = b.state as TBulletinState;
  return {
    id: b.id,
    week: b.week,
    title: b.title,
    state,
    generatedAt: b.generatedAt.toISOString(),
    generatedBy: person(b.generatedBy, row.generatedByName),
    approvedBy: person(b.approvedBy, row.approvedByName),
    approvedAt: b.approvedAt?.toISOString() ?? null,
    publishedBy: person(b.publishedBy, row.publishedByName),
    publishedAt: b.publishedAt?.toISOString() ?? null,
    can: bulletinCan(actor, state),
  };
}

const present = (row: repo.TBulletinRow, actor: TActor): TBulletin => ({
  ...presentSummary(row, actor),
  foreword: row.bulletin.foreword,
  content: row.bulletin.content as TBulletinContent,
});

/** The week's bulletin for those who may see it, newest week first; drafts only for supervisors and leaders. */
export async function listBulletins(db: TDb, actor: TActor, query: TBulletinQuery) {
  const visible = mayReadDrafts(actor) ? null : ['published'];
  const states = query.state ? (visible && !visible.includes(query.state) ? [] : [query.state]) : visible;
  const { rows, total } =
    states?.length === 0 ? { rows: [], total: 0 } : await repo.listBulletins(db, states, query.page, query.pageSize);
  return {
    items: rows.map((r) => presentSummary(r, actor)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    canGenerate: mayGenerate(actor),
  };
}

/** A bulletin the actor may read (else 404), locked for update inside a write. */
async function loadVisible(db: TQueryable, actor: TActor, id: string, lock = false) {
  const row = await repo.findBulletin(db, id, lock);
  if (!row || !mayRead(actor, row.bulletin.state)) throw notFound('bulletin');
  return row;
}

/** One bulletin with its figures; a draft or an approved one is 404 to those who read only published ones. */
export async function getBulletin(db: TDb, actor: TActor, id: string): Promise<TBulletin> {
  return present(await loadVisible(db, actor, id), actor);
}

/**
 * Generates a week's draft from the facts (by default the last full week), or regenerates it: the figures are computed anew, the office's title and
 * foreword are kept. A week in the future is 422; an approved or published bulletin is not touched — 409 for a
 * supervisor, left as it is for the weekly job (actor null). Returns whether a new bulletin was created.
 */
export async function generateBulletin(
  db: TDb,
  actor: TActor | null,
  requested: string | undefined,
  at = clockNow(),
): Promise<{ id: string; created: boolean; kept: boolean }> {
  if (actor) requireCountyRole(actor, 'supervisor', 'generate');
  const week = requested ?? lastFullWeek(at);
  if (weekDays(week).first > weekDays(weekOfInstant(at)).first) throw invalid('week', 'lies in the future');
  return db.transaction(async (tx) => {
    await repo.lockWeek(tx, week);
    const existing = await repo.findBulletinOfWeek(tx, week);
    if (existing && existing.state !== 'draft') {
      if (actor) throw new AppError('CONFLICT', `the bulletin of ${week} is ${existing.state}`, { field: 'state' });
      return { id: existing.id, created: false, kept: true };
    }
    const content = await buildBulletinContent(tx, week, at);
    const generated = { content, generatedAt: at, generatedBy: actor?.id ?? null };
    let id: string;
    if (existing) {
      await repo.updateBulletin(tx, existing.id, generated);
      id = existing.id;
    } else {
      id = (await repo.insertBulletin(tx, { week, title: defaultBulletinTitle(week), state: 'draft', ...generated }))
        .id;
    }
    await appendAudit(tx, {
      actor: actor ? auditActor(actor) : null,
      action: 'bulletin.generate',
      targetType: 'bulletin',
      targetId: id,
      before: existing ? { state: 'draft', generatedAt: existing.generatedAt.toISOString() } : null,
      after: { week, state: 'draft', asOf: content.asOf, totals: content.totals, notices: content.notices.total },
      ip: actor?.ip ?? null,
    });
    return { id, created: !existing, kept: false };
  });
}

/** A supervisor changes a draft's title or foreword (null removes the foreword); nothing else is typed. */
export async function updateBulletin(db: TDb, actor: TActor, id: string, input: TUpdateBulletin): Promise<TBulletin> {
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id, true);
    requireCountyRole(actor, 'supervisor', 'edit');
    const b = row.bulletin;
    if (b.state !== 'draft') throw new AppError('CONFLICT', `the bulletin is ${b.state}`, { field: 'state' });
    const changes: { title?: string; foreword?: string | null } = {};
    if (input.title !== undefined && input.title !== b.title) changes.title = input.title;
    if (input.foreword !== undefined && input.foreword !== b.foreword) changes.foreword = input.foreword;
    if (Object.keys(changes).length === 0) return;
    await repo.updateBulletin(tx, id, changes);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'bulletin.update',
      targetType: 'bulletin',
      targetId: id,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, b[k as keyof typeof changes]])),
      after: changes,
      ip: actor.ip,
    });
  });
  return getBulletin(db, actor, id);
}

/** A county leader approves a draft: from then on it changes no more, and a supervisor may publish it. */
export async function approveBulletin(db: TDb, actor: TActor, id: string, at = clockNow()): Promise<TBulletin> {
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id, true);
    requireCountyRole(actor, 'leader', 'approve');
    if (row.bulletin.state !== 'draft') {
      throw new AppError('CONFLICT', `only a draft is approved; this one is ${row.bulletin.state}`, { field: 'state' });
    }
    await repo.updateBulletin(tx, id, { state: 'approved', approvedBy: actor.id, approvedAt: at });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'bulletin.approve',
      targetType: 'bulletin',
      targetId: id,
      before: { state: 'draft' },
      after: { state: 'approved', week: row.bulletin.week },
      ip: actor.ip,
    });
  });
  return getBulletin(db, actor, id);
}

/** The robots' message: the issue, the figures in two lines and the tasks longest red. */
function publicationMessage(title: string, content: TBulletinContent) {
  const { year, number } = bulletinIssue(content.week);
  const { totals, notices } = content;
  const delays = content.topDelays.slice(0, 5).map((d) => `- ${d.title}（${d.leadUnitName}，红灯 ${d.daysRed} 天）`);
  return {
    title: `督查通报 ${year}年第${number}期`,
    text: [
      `**${title}**`,
      `${issuingOffice(content.countyName)} · ${content.from} 至 ${content.to}`,
      `在办任务 ${totals.live} 项：绿灯 ${totals.green}、黄灯 ${totals.yellow}、红灯 ${totals.red}；本周办结 ${totals.closedInWeek} 项。`,
      `本周催办、督办单 ${notices.total.raised} 件：按时答复 ${notices.total.answeredOnTime}、逾期答复 ${notices.total.answeredLate}、未答复 ${notices.total.unanswered}。`,
      ...(delays.length > 0 ? ['红灯时间最长：', ...delays] : []),
    ].join('\n'),
  };
}

/**
 * A supervisor publishes an approved bulletin: everyone logged in may read it from then on; every active unit head
 * and leader finds it in the inbox, and the county-wide robots carrying `bulletin` get its summary.
 */
export async function publishBulletin(db: TDb, actor: TActor, id: string, at = clockNow()): Promise<TBulletin> {
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id, true);
    requireCountyRole(actor, 'supervisor', 'publish');
    const b = row.bulletin;
    if (b.state !== 'approved') {
      throw new AppError('CONFLICT', `only an approved bulletin is published; this one is ${b.state}`, {
        field: 'state',
      });
    }
    await repo.updateBulletin(tx, id, { state: 'published', publishedBy: actor.id, publishedAt: at });
    const content = b.content as TBulletinContent;
    const { year, number } = bulletinIssue(b.week);
    const readers = await repo.bulletinReaders(tx);
    await insertInboxItems(
      tx,
      readers.map((userId) => ({
        userId,
        kind: 'bulletin',
        title: b.title,
        body: `督查通报 ${year} 年第 ${number} 期已发布，请在「督查通报」中查阅。`,
      })),
    );
    await enqueueNotification(tx, {
      event: 'bulletin',
      unitIds: [],
      userIds: readers,
      message: publicationMessage(b.title, content),
    });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'bulletin.publish',
      targetType: 'bulletin',
      targetId: id,
      before: { state: 'approved' },
      after: { state: 'published', week: b.week, readers: readers.length },
      ip: actor.ip,
    });
  });
  return getBulletin(db, actor, id);
}
