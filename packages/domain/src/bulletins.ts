import { z } from 'zod';
import { ZPageQuery } from './common.ts';
import { LIGHT_RULES } from './lights.ts';
import { zId, zText } from './org.ts';
import { zWeek } from './week-schemas.ts';

/**
 * 督查通报: generated as a draft from the week's lights and escalations, approved by a county leader, then published
 * to everyone. Only a draft changes; approval and publication are one step each, forward only.
 */
export const BULLETIN_STATES = ['draft', 'approved', 'published'] as const;
export type TBulletinState = (typeof BULLETIN_STATES)[number];

/** How many red tasks the bulletin names, longest red first. */
export const BULLETIN_TOP_DELAYS = 10;
/** How many units it names, most reds first. */
export const BULLETIN_RED_UNITS = 10;
/** At most this many unanswered notices and admonitions are listed one by one (the counts cover them all). */
export const BULLETIN_LISTED = 50;

/** The steps whose answers the bulletin reports: urge notices and supervision notices. */
export const BULLETIN_NOTICE_STEPS = ['urge', 'supervisionNotice'] as const;
export type TBulletinNoticeStep = (typeof BULLETIN_NOTICE_STEPS)[number];

/** The issue of a week's bulletin: its ISO week-numbering year and week, "2026 年第 22 期". */
export function bulletinIssue(week: string): { year: number; number: number } {
  const [year = '0', number = '0'] = week.split('-W');
  return { year: Number(year), number: Number(number) };
}

/** The title a generated bulletin starts with (the office may change it while it is a draft). */
export function defaultBulletinTitle(week: string): string {
  const { year, number } = bulletinIssue(week);
  return `关于${year}年第${number}周全县重点任务推进情况的通报`;
}

/**
 * The office that issues the bulletin: the county's Party committee and government supervision office,
 * "示范县委县政府督查室" (a district's: "某某区委区政府督查室").
 */
export function issuingOffice(countyName: string): string {
  const level = /[县区市旗]$/.exec(countyName)?.[0] ?? '县';
  return `${countyName}委${level}政府督查室`;
}

const zCount = z.number().int().min(0);

/** A red task among those longest red when the figures were taken. */
export const ZBulletinDelay = z.object({
  taskId: zId,
  title: z.string(),
  leadUnitId: zId,
  leadUnitName: z.string(),
  ownerName: z.string().nullable(),
  /** When the task turned red. */
  redSince: z.string(),
  /** Whole days from the day it turned red to the day the figures were taken. */
  daysRed: zCount,
  dueDate: z.string(),
  progress: z.number().int(),
  /** The rules of the light's latest change: why it is red. */
  rules: z.array(z.enum(LIGHT_RULES)),
});
export type TBulletinDelay = z.infer<typeof ZBulletinDelay>;

/** A lead unit among those with the most red tasks. */
export const ZBulletinRedUnit = z.object({
  unitId: zId,
  unitName: z.string(),
  red: zCount,
  yellow: zCount,
  /** Its live tasks (green, yellow and red). */
  total: zCount,
});
export type TBulletinRedUnit = z.infer<typeof ZBulletinRedUnit>;

/** Notices raised in the week, and what had become of their answers when the figures were taken. */
export const ZBulletinNoticeCounts = z.object({
  raised: zCount,
  answeredOnTime: zCount,
  answeredLate: zCount,
  unanswered: zCount,
});
export type TBulletinNoticeCounts = z.infer<typeof ZBulletinNoticeCounts>;

/** An urge or supervision notice of the week still unanswered. */
export const ZBulletinNotice = z.object({
  escalationId: zId,
  taskId: zId,
  taskTitle: z.string(),
  unitName: z.string(),
  step: z.enum(BULLETIN_NOTICE_STEPS),
  raisedAt: z.string(),
  answerDueOn: z.string().nullable(),
  /** Its answer's last day had passed. */
  isOverdue: z.boolean(),
});
export type TBulletinNotice = z.infer<typeof ZBulletinNotice>;

/** An admonition interview (约谈): flagged in the week, or its outcome recorded in the week. */
export const ZBulletinAdmonition = z.object({
  escalationId: zId,
  taskId: zId,
  taskTitle: z.string(),
  unitName: z.string(),
  raisedAt: z.string(),
  outcome: z.string().nullable(),
  outcomeAt: z.string().nullable(),
});
export type TBulletinAdmonition = z.infer<typeof ZBulletinAdmonition>;

/** What a bulletin says, computed from the facts when it is generated — never typed. */
export const ZBulletinContent = z.object({
  week: z.string(),
  /** The week's Monday and Sunday. */
  from: z.string(),
  to: z.string(),
  /** The instant the figures describe: the end of the week, or the moment of generation in a week still running. */
  asOf: z.string(),
  /** The top unit's name (the county). */
  countyName: z.string(),
  /** Live tasks by light, and tasks closed in the week. */
  totals: z.object({
    live: zCount,
    green: zCount,
    yellow: zCount,
    red: zCount,
    closedInWeek: zCount,
  }),
  topDelays: z.array(ZBulletinDelay),
  redUnits: z.array(ZBulletinRedUnit),
  notices: z.object({
    urge: ZBulletinNoticeCounts,
    supervisionNotice: ZBulletinNoticeCounts,
    total: ZBulletinNoticeCounts,
    /** The unanswered ones, the earliest due first (at most BULLETIN_LISTED). */
    unanswered: z.array(ZBulletinNotice),
  }),
  admonitions: z.object({
    flagged: zCount,
    flaggedItems: z.array(ZBulletinAdmonition),
    outcomes: zCount,
    outcomeItems: z.array(ZBulletinAdmonition),
  }),
});
export type TBulletinContent = z.infer<typeof ZBulletinContent>;

/**
 * True when the week left nothing to report: no task carried a light and none closed, and no notice or admonition
 * was raised or settled — a week before the platform held any work. Such a bulletin says so instead of zeros.
 */
export function isBulletinEmpty(content: TBulletinContent): boolean {
  const { totals, notices, admonitions } = content;
  return (
    totals.live + totals.closedInWeek + notices.total.raised + admonitions.flagged + admonitions.outcomes === 0 &&
    notices.unanswered.length === 0
  );
}

const zPerson = z.object({ id: zId, name: z.string() });

export const ZBulletinSummary = z.object({
  id: zId,
  week: z.string(),
  title: z.string(),
  state: z.enum(BULLETIN_STATES),
  generatedAt: z.string(),
  /** null: generated by the weekly job. */
  generatedBy: zPerson.nullable(),
  approvedBy: zPerson.nullable(),
  approvedAt: z.string().nullable(),
  publishedBy: zPerson.nullable(),
  publishedAt: z.string().nullable(),
  /** What the caller may do with it now. */
  can: z.object({
    edit: z.boolean(),
    regenerate: z.boolean(),
    approve: z.boolean(),
    publish: z.boolean(),
  }),
});
export type TBulletinSummary = z.infer<typeof ZBulletinSummary>;

export const ZBulletin = ZBulletinSummary.extend({
  /** The office's own words before the figures (按语); the only typed text besides the title. */
  foreword: z.string().nullable(),
  content: ZBulletinContent,
});
export type TBulletin = z.infer<typeof ZBulletin>;

export const ZBulletinQuery = ZPageQuery.extend({ state: z.enum(BULLETIN_STATES).optional() });
export type TBulletinQuery = z.infer<typeof ZBulletinQuery>;

/** Generate (or regenerate) a week's draft from the facts. */
export const ZGenerateBulletin = z.object({ week: zWeek.optional() }).strict();
export type TGenerateBulletin = z.infer<typeof ZGenerateBulletin>;

/** The typed parts of a draft; a null foreword removes it. */
export const ZUpdateBulletin = z
  .object({
    title: zText(200).optional(),
    foreword: zText(4000).nullable().optional(),
  })
  .strict();
export type TUpdateBulletin = z.infer<typeof ZUpdateBulletin>;
