import { z } from 'zod';
import type { WorkingCalendar } from './calendar.ts';
import type { TLight, TLightRules } from './lights.ts';
import { zId, zText } from './org.ts';
import { ZTaskSummary, zIsoDate } from './tasks.ts';
import { daysBetween } from './weeks.ts';

/** The escalation ladder, each step stronger and to a higher person (GLOSSARY "Supervision and warnings"). */
export const ESCALATION_STEPS = ['remind', 'urge', 'supervisionNotice', 'admonish'] as const;
export type TEscalationStep = (typeof ESCALATION_STEPS)[number];

/**
 * sent — a reminder, needing no answer; open — waiting for its answer (or, for an admonition, its outcome);
 * answered; escalated — its answer came too late and the next step was raised; closed — an admonition's outcome is on
 * record.
 */
export const ESCALATION_STATES = ['sent', 'open', 'answered', 'escalated', 'closed'] as const;
export type TEscalationState = (typeof ESCALATION_STATES)[number];

export const ESCALATION_ORIGINS = ['auto', 'manual'] as const;
export type TEscalationOrigin = (typeof ESCALATION_ORIGINS)[number];

/** Steps whose recipients must answer (situation, plan, new date) within the working days the rules allow. */
export const ANSWERED_STEPS: readonly TEscalationStep[] = ['urge', 'supervisionNotice'];

/** The step an unanswered step climbs to. */
export const NEXT_STEP: Partial<Record<TEscalationStep, TEscalationStep>> = {
  urge: 'supervisionNotice',
  supervisionNotice: 'admonish',
};

/** The state a newly raised step starts in. */
export const initialEscalationState = (step: TEscalationStep): TEscalationState =>
  step === 'remind' ? 'sent' : 'open';

/** What the ladder knows of a task on a sweep. */
export interface TLadderInput {
  light: TLight | null;
  /** The Shanghai day the present colour began. */
  lightSinceDay: string | null;
  today: string;
  /** Steps already raised by the sweep in the present episode. */
  episodeSteps: readonly TEscalationStep[];
}

/**
 * The steps the light itself calls for today, that this episode has not had yet: yellow → reminder; red → urge
 * notice; red for supervisionNoticeRedDays → supervision notice; red for admonishRedDays → admonition.
 */
export function ladderSteps(rules: TLightRules, input: TLadderInput): TEscalationStep[] {
  const { light, lightSinceDay, today, episodeSteps } = input;
  const wanted: TEscalationStep[] = [];
  if (light === 'yellow') wanted.push('remind');
  if (light === 'red' && lightSinceDay !== null) {
    const redDays = daysBetween(lightSinceDay, today);
    wanted.push('urge');
    if (redDays >= rules.supervisionNoticeRedDays) wanted.push('supervisionNotice');
    if (redDays >= rules.admonishRedDays) wanted.push('admonish');
  }
  return wanted.filter((step) => !episodeSteps.includes(step));
}

/** The last day an answer to a step raised today is on time: the rules' working days after today. */
export function answerDueOn(
  calendar: WorkingCalendar,
  rules: TLightRules,
  step: TEscalationStep,
  today: string,
): string | null {
  return ANSWERED_STEPS.includes(step) ? calendar.addWorkingDays(today, rules.urgeAnswerWorkingDays) : null;
}

/** True when an open step's answer is overdue: its last day has passed. */
export const isAnswerOverdue = (state: TEscalationState, dueOn: string | null, today: string): boolean =>
  state === 'open' && dueOn !== null && today > dueOn;

export const ZEscalationAnswer = z.object({
  situation: zText(2000),
  plan: zText(2000),
  /** The date the recipient commits to bring the task back on track. */
  newDueDate: zIsoDate,
});
export type TEscalationAnswer = z.infer<typeof ZEscalationAnswer>;

export const ZEscalation = z.object({
  id: zId,
  taskId: zId,
  taskTitle: z.string(),
  leadUnitId: zId,
  leadUnitName: z.string(),
  light: z.string().nullable(),
  step: z.enum(ESCALATION_STEPS),
  origin: z.enum(ESCALATION_ORIGINS),
  state: z.enum(ESCALATION_STATES),
  raisedBy: z.object({ id: zId, name: z.string() }).nullable(),
  raisedAt: z.string(),
  reason: z.string().nullable(),
  recipients: z.array(z.object({ id: zId, name: z.string() })),
  answerDueOn: z.string().nullable(),
  /** Whole days since it was raised: the desk sorts by it. */
  ageDays: z.number().int(),
  answer: ZEscalationAnswer.nullable(),
  answeredBy: z.object({ id: zId, name: z.string() }).nullable(),
  answeredAt: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  /** What the caller may do with it now. */
  can: z.object({ answer: z.boolean(), recordOutcome: z.boolean() }),
});
export type TEscalation = z.infer<typeof ZEscalation>;

export const ZEscalationQuery = z.object({
  state: z.enum(ESCALATION_STATES).optional(),
  step: z.enum(ESCALATION_STEPS).optional(),
  taskId: zId.optional(),
  unitId: zId.optional(),
  /** Only those addressed to the caller. */
  mine: z.enum(['true', 'false']).optional(),
  /**
   * The steps in progress, as the cockpit counts them (进行中督办): open notices and admonitions, and the reminders
   * sent in the last COCKPIT_REMINDER_DAYS days (a reminder takes no answer).
   */
  inProgress: z.enum(['true', 'false']).optional(),
  /** Only open steps whose answer is overdue. */
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type TEscalationQuery = z.infer<typeof ZEscalationQuery>;

/** A supervisor climbs the ladder by hand, for one task or many at once. */
export const ZRaiseEscalation = z.object({
  taskIds: z.array(zId).min(1).max(500),
  step: z.enum(ESCALATION_STEPS),
  reason: zText(1000),
});
export type TRaiseEscalation = z.infer<typeof ZRaiseEscalation>;

export const ZEscalationOutcome = z.object({ outcome: zText(2000) });

const zNeedGroup = <T extends z.ZodType>(item: T) => z.object({ total: z.number().int(), items: z.array(item) });

/** A unit's weekly roll-up (周结) waiting for its head's confirmation. */
export const ZRollupToConfirm = z.object({ id: zId, week: z.string(), unitId: zId, unitName: z.string() });
export type TRollupToConfirm = z.infer<typeof ZRollupToConfirm>;

/**
 * What needs the caller now — the inbox's actionable head: answers owed, tasks to acknowledge, closures to verify,
 * weekly roll-ups to confirm.
 */
export const ZNeeds = z.object({
  /** Urge and supervision notices addressed to the caller and not yet answered, oldest first. */
  answer: zNeedGroup(ZEscalation),
  /** Tasks the caller's units lead that wait for 签收 (the caller is their head or liaison), oldest assignment first. */
  acknowledge: zNeedGroup(ZTaskSummary),
  /** Closures requested on tasks the caller supervises, waiting for verification, nearest due date first. */
  verify: zNeedGroup(ZTaskSummary),
  /** Weekly roll-ups of the units the caller heads, still drafts (确认周结), oldest week first. */
  confirm: zNeedGroup(ZRollupToConfirm),
});
export type TNeeds = z.infer<typeof ZNeeds>;
