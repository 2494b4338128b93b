import type { TMilestone, TTask } from '@duban/domain';
import type { TFunction } from 'i18next';
import type { TShownField } from '../../components/stale-version-modal.tsx';

const list = (items: readonly string[]) => items.join('、');

/** A task's fields as the conflict dialog compares them, in the order of the edit form. */
export function taskShownFields(t: TFunction): TShownField<TTask>[] {
  const f = (key: string, label: string, show: (task: TTask) => string) => ({ key, label, show });
  return [
    f('title', t('taskForm.taskTitle'), (x) => x.title),
    f('state', t('common.status'), (x) => t(`taskStates.${x.state}`)),
    f('source', t('taskForm.source'), (x) => t(`taskSources.${x.source}`)),
    f('frontLine', t('taskForm.frontLine'), (x) => (x.frontLine ? t(`frontLines.${x.frontLine}`) : '')),
    f('tags', t('taskForm.tags'), (x) => list(x.tags)),
    f('priority', t('taskForm.priority'), (x) => t(`priorities.${x.priority}`)),
    f('cadence', t('taskForm.cadence'), (x) => t(`cadences.${x.cadence}`)),
    f('leadUnit', t('taskForm.leadUnit'), (x) => x.leadUnitName),
    f('coUnits', t('taskForm.coUnits'), (x) => list(x.coUnits.map((u) => u.name))),
    f('leadLeader', t('taskForm.leadLeader'), (x) => x.leadLeaderName ?? ''),
    f('owner', t('taskForm.owner'), (x) => x.ownerName ?? ''),
    f('startDate', t('taskForm.startDate'), (x) => x.startDate),
    f('dueDate', t('taskForm.dueDate'), (x) => x.dueDate),
    f('goal', t('taskForm.goal'), (x) => x.charter.goal ?? ''),
    f('indicators', t('taskForm.indicators'), (x) =>
      list(x.charter.indicators.map((i) => `${i.name} ${i.target}${i.unit ?? ''}`)),
    ),
    f('deliverables', t('taskForm.deliverables'), (x) => list(x.charter.deliverables)),
    f('pledge', t('taskForm.pledge'), (x) => x.charter.pledge ?? ''),
  ];
}

/** A milestone's fields as the conflict dialog compares them. */
export function milestoneShownFields(t: TFunction): TShownField<TMilestone>[] {
  const f = (key: string, label: string, show: (m: TMilestone) => string) => ({ key, label, show });
  return [
    f('title', t('taskForm.milestoneTitle'), (m) => m.title),
    f('state', t('common.status'), (m) => t(`milestoneStates.${m.state}`)),
    f('dueDate', t('taskForm.milestoneDue'), (m) => m.dueDate),
    f('deliverable', t('taskForm.milestoneDeliverable'), (m) => m.deliverable ?? ''),
    f('weight', t('taskForm.milestoneWeight'), (m) => String(m.weight)),
  ];
}
