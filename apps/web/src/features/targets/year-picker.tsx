import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { currentYear } from './target-format.ts';

/** The year shown, from the address (?year=), this year by default. */
export function useYearParam(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('year'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : currentYear();
  const setYear = (next: number) => {
    const changed = new URLSearchParams(params);
    if (next === currentYear()) changed.delete('year');
    else changed.set('year', String(next));
    setParams(changed);
  };
  return [year, setYear];
}

/** Steps through the years: back to any earlier one, forward to next year (whose targets are set in advance). */
export function YearPicker({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  const thisYear = currentYear();
  return (
    <Flex align="center" gap={8} data-testid="year-picker">
      <Button
        icon={<LeftOutlined />}
        aria-label={t('targets.year.previous')}
        title={t('targets.year.previous')}
        disabled={year <= 2000}
        onClick={() => onChange(year - 1)}
        data-testid="year-previous"
      />
      <Typography.Text strong style={{ minWidth: 72, textAlign: 'center' }} data-testid="year-label">
        {t('targets.year.name', { year })}
      </Typography.Text>
      <Button
        icon={<RightOutlined />}
        aria-label={t('targets.year.next')}
        title={t('targets.year.next')}
        disabled={year > thisYear}
        onClick={() => onChange(year + 1)}
        data-testid="year-next"
      />
      {year === thisYear ? null : (
        <Button type="link" onClick={() => onChange(thisYear)} style={{ paddingInline: 4 }}>
          {t('targets.year.current')}
        </Button>
      )}
    </Flex>
  );
}
