import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentYear } from './cockpit-params.ts';

/** Picks the year: a few back, the current one and the next (targets are set ahead). */
export function CockpitYearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  const current = currentYear();
  const years = [...new Set([current + 1, current, current - 1, current - 2, current - 3, value])].sort(
    (a, b) => b - a,
  );
  return (
    <Select
      value={value}
      onChange={onChange}
      options={years.map((year) => ({ value: year, label: t('cockpit.yearValue', { year }) }))}
      aria-label={t('cockpit.year')}
      style={{ width: 110 }}
      data-testid="cockpit-year"
    />
  );
}
