import type { TTarget } from '@duban/domain';
import type { TFunction } from 'i18next';
import type { TShownField } from '../../components/stale-version-modal.tsx';

/** A target's fields as the conflict dialog compares them: the edit form's, then the allocations. */
export function targetShownFields(t: TFunction): TShownField<TTarget>[] {
  const f = (key: string, label: string, show: (x: TTarget) => string) => ({ key, label, show });
  return [
    f('name', t('targets.form.name'), (x) => x.name),
    f('total', t('targets.form.total'), (x) => `${x.total} ${x.measure}`),
    f('measure', t('targets.form.measure'), (x) => x.measure),
    f('kind', t('targets.form.kind'), (x) => t(`targets.kinds.${x.kind}`)),
    f('direction', t('targets.form.direction'), (x) => t(`targets.directions.${x.direction}`)),
    f('accumulation', t('targets.form.accumulation'), (x) => t(`targets.accumulations.${x.accumulation}`)),
    f('monthlyPlan', t('targets.fields.plan'), (x) => x.monthlyPlan?.join(' / ') ?? ''),
    f('reportingUnit', t('targets.form.reportingUnit'), (x) => x.reportingUnit?.name ?? ''),
    f('note', t('targets.form.note'), (x) => x.note ?? ''),
    f('allocations', t('targets.allocate.open'), (x) =>
      x.allocations.map((a) => `${a.unit.name} ${a.amount}`).join('、'),
    ),
  ];
}
