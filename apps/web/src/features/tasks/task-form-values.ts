import type {
  TCadence,
  TCharter,
  TCharterPatch,
  TFrontLine,
  TPriority,
  TTask,
  TTaskInput,
  TTaskSource,
  TTaskUpdate,
} from '@duban/domain';
import dayjs, { type Dayjs } from 'dayjs';
import type { TCharterValues, TMilestoneValues } from './task-form-parts.tsx';

/** What the task form holds: the request's fields, with dates as Dayjs and the list it goes to. */
export interface TTaskFormValues {
  listId?: string;
  title: string;
  source: TTaskSource;
  tags: string[];
  frontLine?: TFrontLine;
  priority: TPriority;
  leadLeaderId?: string;
  leadUnitId?: string;
  coUnitIds: string[];
  ownerId?: string;
  cadence: TCadence;
  startDate?: Dayjs;
  dueDate?: Dayjs;
  charter: TCharterValues;
  milestones: TMilestoneValues[];
}

/** A task's own fields, as creating and editing share them (milestones have their own endpoints once it exists). */
type TTaskFields = Omit<TTaskInput, 'milestones'>;

export const DATE = 'YYYY-MM-DD';

const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** The charter as the API takes it: empty rows dropped, empty texts left out. */
function toCharter(c: TCharterValues | undefined): TCharter {
  return {
    goal: trimmed(c?.goal),
    indicators: (c?.indicators ?? [])
      .filter((i) => i?.name?.trim())
      .map((i) => ({ name: i.name.trim(), target: Number(i.target ?? 0), unit: trimmed(i.unit) })),
    deliverables: (c?.deliverables ?? []).map((d) => d?.trim() ?? '').filter(Boolean),
    pledge: trimmed(c?.pledge),
  };
}

function toFields(v: TTaskFormValues): TTaskFields {
  return {
    title: v.title.trim(),
    source: v.source,
    tags: v.tags ?? [],
    frontLine: v.frontLine ?? null,
    priority: v.priority,
    leadLeaderId: v.leadLeaderId ?? null,
    leadUnitId: v.leadUnitId ?? '',
    coUnitIds: v.coUnitIds ?? [],
    ownerId: v.ownerId ?? null,
    cadence: v.cadence,
    startDate: v.startDate?.format(DATE) ?? '',
    dueDate: v.dueDate?.format(DATE) ?? '',
    charter: toCharter(v.charter),
  };
}

/** The creation request from the form's values (dates as ISO dates, empty rows dropped). */
export function toInput(v: TTaskFormValues): TTaskInput {
  return {
    ...toFields(v),
    milestones: (v.milestones ?? [])
      .filter((m) => m?.title?.trim())
      .map((m) => ({
        title: m.title.trim(),
        dueDate: m.dueDate?.format(DATE) ?? '',
        deliverable: trimmed(m.deliverable),
        weight: m.weight ?? 1,
      })),
  };
}

/** The form's values for an existing task, to edit it. */
export function valuesOf(task: TTask): TTaskFormValues {
  return {
    title: task.title,
    source: task.source,
    tags: task.tags,
    frontLine: task.frontLine ?? undefined,
    priority: task.priority,
    leadLeaderId: task.leadLeaderId ?? undefined,
    leadUnitId: task.leadUnitId,
    coUnitIds: task.coUnits.map((u) => u.id),
    ownerId: task.ownerId ?? undefined,
    cadence: task.cadence,
    startDate: dayjs(task.startDate),
    dueDate: dayjs(task.dueDate),
    charter: {
      goal: task.charter.goal,
      indicators: task.charter.indicators.map((i) => ({ ...i })),
      deliverables: [...task.charter.deliverables],
      pledge: task.charter.pledge,
    },
    milestones: [],
  };
}

const isSame = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (ids: readonly string[]) => [...ids].sort();

function copyField<K extends Exclude<keyof TTaskFields, 'charter'>>(
  to: Partial<Omit<TTaskFields, 'charter'>>,
  from: TTaskFields,
  key: K,
): void {
  to[key] = from[key];
}

/** The charter fields the form changed, each alone (the API patches them one by one; null clears one). */
function charterChanges(before: TCharter, after: TCharter): TCharterPatch {
  const patch: TCharterPatch = {};
  if (!isSame(before.goal, after.goal)) patch.goal = after.goal ?? null;
  if (!isSame(before.indicators, after.indicators)) patch.indicators = after.indicators;
  if (!isSame(before.deliverables, after.deliverables)) patch.deliverables = after.deliverables;
  if (!isSame(before.pledge, after.pledge)) patch.pledge = after.pledge ?? null;
  return patch;
}

/**
 * The update of an existing task: only the fields whose value the form changed (the update has no defaults, and an
 * unchanged field sent anyway would count as edited). Co-units compare as a set; the charter field by field, so that
 * someone else's change to another charter field stays.
 */
export function changesOf(task: TTask, v: TTaskFormValues): TTaskUpdate {
  const before = toFields(valuesOf(task));
  const after = toFields(v);
  const changes: Partial<Omit<TTaskFields, 'charter'>> = {};
  for (const key of Object.keys(after) as (keyof TTaskFields)[]) {
    if (key === 'charter') continue;
    const isChanged =
      key === 'coUnitIds'
        ? !isSame(sorted(after.coUnitIds), sorted(before.coUnitIds))
        : !isSame(after[key], before[key]);
    if (isChanged) copyField(changes, after, key);
  }
  const charter = charterChanges(before.charter, after.charter);
  return Object.keys(charter).length ? { ...changes, charter } : changes;
}
