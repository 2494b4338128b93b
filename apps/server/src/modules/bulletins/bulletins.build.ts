import {
  type BULLETIN_NOTICE_STEPS,
  daysBetween,
  localDay,
  type TBulletinAdmonition,
  type TBulletinContent,
  type TBulletinNoticeCounts,
  weekDays,
  weekInstants,
} from '@duban/domain';
import type { TQueryable } from '../../platform/db/client.ts';
import * as repo from './bulletins.repo.ts';

const iso = (value: string | Date) => new Date(value).toISOString();
const isoOrNull = (value: string | Date | null) => (value === null ? null : iso(value));

const noCounts = (): TBulletinNoticeCounts => ({ raised: 0, answeredOnTime: 0, answeredLate: 0, unanswered: 0 });

function presentAdmonition(row: repo.TAdmonitionRow): TBulletinAdmonition {
  return {
    escalationId: row.escalationId,
    taskId: row.taskId,
    taskTitle: row.taskTitle,
    unitName: row.unitName,
    raisedAt: iso(row.raisedAt),
    outcome: row.outcome,
    outcomeAt: isoOrNull(row.outcomeAt),
  };
}

/**
 * What a week's bulletin says, from the facts alone: the lights as they stood at the end of the week (or now, in a
 * week still running), the red tasks longest red and the units with most reds, the urge and supervision notices
 * raised in the week and what became of their answers, and the admonitions flagged and settled in the week.
 */
export async function buildBulletinContent(db: TQueryable, week: string, at: Date): Promise<TBulletinContent> {
  const { first, last } = weekDays(week);
  const { from, to } = weekInstants(week);
  // A week that is over is described as it ended (its last millisecond); a running week as it is now.
  const asOf = at < to ? at : new Date(to.getTime() - 1);
  const asOfDay = localDay(asOf);
  // One after another: inside a transaction they share one connection.
  const county = await repo.countyName(db);
  const lights = await repo.lightFigures(db, from, asOf);
  const counts = await repo.noticeCounts(db, from, to, asOf);
  const unanswered = await repo.unansweredNotices(db, from, to, asOf);
  const flagged = await repo.admonitionsFlagged(db, from, to, asOf);
  const outcomes = await repo.admonitionOutcomes(db, from, to, asOf);
  const byStep = new Map(counts.map((c) => [c.step, c]));
  const stepCounts = (step: (typeof BULLETIN_NOTICE_STEPS)[number]): TBulletinNoticeCounts => {
    const c = byStep.get(step);
    return c
      ? { raised: c.raised, answeredOnTime: c.answeredOnTime, answeredLate: c.answeredLate, unanswered: c.unanswered }
      : noCounts();
  };
  const urge = stepCounts('urge');
  const supervisionNotice = stepCounts('supervisionNotice');
  const { green, yellow, red, closedInWeek } = lights.totals;
  return {
    week,
    from: first,
    to: last,
    asOf: asOf.toISOString(),
    countyName: county,
    totals: { live: green + yellow + red, green, yellow, red, closedInWeek },
    topDelays: lights.topDelays.map((d) => ({
      ...d,
      redSince: iso(d.redSince),
      daysRed: Math.max(0, daysBetween(localDay(new Date(d.redSince)), asOfDay)),
    })),
    redUnits: lights.redUnits,
    notices: {
      urge,
      supervisionNotice,
      total: {
        raised: urge.raised + supervisionNotice.raised,
        answeredOnTime: urge.answeredOnTime + supervisionNotice.answeredOnTime,
        answeredLate: urge.answeredLate + supervisionNotice.answeredLate,
        unanswered: urge.unanswered + supervisionNotice.unanswered,
      },
      unanswered: unanswered.map((n) => ({
        escalationId: n.escalationId,
        taskId: n.taskId,
        taskTitle: n.taskTitle,
        unitName: n.unitName,
        step: n.step,
        raisedAt: iso(n.raisedAt),
        answerDueOn: n.answerDueOn,
        isOverdue: n.answerDueOn !== null && asOfDay > n.answerDueOn,
      })),
    },
    admonitions: {
      flagged: flagged[0]?.total ?? 0,
      flaggedItems: flagged.map(presentAdmonition),
      outcomes: outcomes[0]?.total ?? 0,
      outcomeItems: outcomes.map(presentAdmonition),
    },
  };
}
