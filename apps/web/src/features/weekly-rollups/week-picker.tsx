import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { nextWeek, previousWeek, weekDays } from '@duban/domain';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentWeek } from './week-param.ts';

/** A week as people read it: "2026 年第 48 周", and its Monday to Sunday. */
export function useWeekLabel(): (week: string) => { name: string; range: string } {
  const { t } = useTranslation();
  return (week: string) => {
    const [year = '', number = ''] = week.split('-W');
    const { first, last } = weekDays(week);
    return {
      name: t('weeklyRollups.week.name', { year, week: Number(number) }),
      range: t('weeklyRollups.week.range', { from: first, to: last }),
    };
  };
}

/** Steps through ISO weeks, up to the current one (later weeks have nothing to show). */
export function WeekPicker({ week, onChange }: { week: string; onChange: (week: string) => void }) {
  const { t } = useTranslation();
  const label = useWeekLabel()(week);
  const thisWeek = currentWeek();
  return (
    <Flex align="center" gap={8} wrap data-testid="week-picker">
      <Button
        icon={<LeftOutlined />}
        aria-label={t('weeklyRollups.week.previous')}
        title={t('weeklyRollups.week.previous')}
        onClick={() => onChange(previousWeek(week))}
        data-testid="week-previous"
      />
      <Flex vertical style={{ minWidth: 150, textAlign: 'center' }}>
        <Typography.Text strong data-testid="week-label">
          {label.name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label.range}
        </Typography.Text>
      </Flex>
      <Button
        icon={<RightOutlined />}
        aria-label={t('weeklyRollups.week.next')}
        title={t('weeklyRollups.week.next')}
        disabled={week >= thisWeek}
        onClick={() => onChange(nextWeek(week))}
        data-testid="week-next"
      />
      {week === thisWeek ? null : (
        <Button type="link" onClick={() => onChange(thisWeek)} style={{ paddingInline: 4 }}>
          {t('weeklyRollups.week.current')}
        </Button>
      )}
    </Flex>
  );
}
