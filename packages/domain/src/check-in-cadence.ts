import type { TCadence, TMilestoneState } from './tasks.ts';
import { addDays, daysBetween, isoWeekOf, weekDays, weekdayOf } from './weeks.ts';

/** A milestone-cadence task asks for one check-in in the days leading up to each pending milestone. */
export const MILESTONE_WINDOW_DAYS = 7;

export interface TCadenceInput {
  cadence: TCadence;
  /** Shanghai day ('YYYY-MM-DD'). */
  today: string;
  /** The day of the task's latest check-in (any author), or null when it has none. */
  lastCheckInDay: string | null;
  milestones: { dueDate: string; state: TMilestoneState }[];
  /** Whether today is a working day by the organisation's calendar (holidays off, make-up days on); Monday–Friday when not given. */
  isWorkingDay?: boolean;
}

export type TDueReason = 'daily' | 'weekly' | 'milestone';

/** True when the latest check-in fell on the given day or later. */
const hasCheckInSince = (lastCheckInDay: string | null, day: string) =>
  lastCheckInDay !== null && daysBetween(day, lastCheckInDay) >= 0;

/** Pending milestones due within MILESTONE_WINDOW_DAYS of today or already overdue, earliest first. */
export function milestonesDueSoon<T extends { dueDate: string; state: string }>(milestones: T[], today: string): T[] {
  return milestones
    .filter(
      (milestone) => milestone.state === 'pending' && daysBetween(today, milestone.dueDate) <= MILESTONE_WINDOW_DAYS,
    )
    .sort((a, b) => daysBetween(b.dueDate, a.dueDate));
}

/** Why the task asks its owner for a check-in today, or null: never more than its cadence asks for. */
export function checkInDue(input: TCadenceInput): TDueReason | null {
  const { cadence, today, lastCheckInDay } = input;
  switch (cadence) {
    case 'daily':
      return (input.isWorkingDay ?? weekdayOf(today) <= 5) && !hasCheckInSince(lastCheckInDay, today) ? 'daily' : null;
    case 'weekly':
      return hasCheckInSince(lastCheckInDay, weekDays(isoWeekOf(today)).first) ? null : 'weekly';
    case 'milestone': {
      const unreported = milestonesDueSoon(input.milestones, today).some(
        (milestone) => !hasCheckInSince(lastCheckInDay, addDays(milestone.dueDate, -MILESTONE_WINDOW_DAYS)),
      );
      return unreported ? 'milestone' : null;
    }
  }
}

export interface TOwnerOverdueInput {
  cadence: TCadence;
  /** Shanghai day ('YYYY-MM-DD'). */
  today: string;
  /** The working day before today by the organisation's calendar. */
  previousWorkingDay: string;
  /** The day the task was last heard of: its latest check-in (any author), else its acknowledgement. */
  lastHeardOfDay: string;
  milestones: { dueDate: string; state: TMilestoneState }[];
}

/**
 * Whether a task's owner is overdue with their report: a whole reporting period of its cadence ended, after the task
 * was last heard of, without a check-in — daily: the previous working day; weekly: last week (Monday to Sunday);
 * milestone: a pending milestone's due date passed with no check-in in the seven days before it. Only then is the
 * unit's liaison asked to report on a task that has an owner.
 */
export function isOwnerOverdue(input: TOwnerOverdueInput): boolean {
  const { cadence, today, lastHeardOfDay } = input;
  switch (cadence) {
    case 'daily':
      return daysBetween(lastHeardOfDay, input.previousWorkingDay) > 0;
    case 'weekly': {
      const lastWeekStart = addDays(weekDays(isoWeekOf(today)).first, -7);
      return daysBetween(lastHeardOfDay, lastWeekStart) > 0;
    }
    case 'milestone':
      return input.milestones.some(
        (milestone) =>
          milestone.state === 'pending' &&
          daysBetween(milestone.dueDate, today) > 0 &&
          daysBetween(lastHeardOfDay, addDays(milestone.dueDate, -MILESTONE_WINDOW_DAYS)) > 0,
      );
  }
}
