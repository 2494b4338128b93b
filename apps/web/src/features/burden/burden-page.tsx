import { ArrowLeftOutlined, InfoCircleOutlined } from '@ant-design/icons';
import type { TBurdenRow } from '@duban/domain';
import { Card, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useOverseenUnits } from '../units/overseen-units.tsx';
import { useWeekParam } from '../weekly-rollups/week-param.ts';
import { useWeekLabel, WeekPicker } from '../weekly-rollups/week-picker.tsx';
import { useBurden } from './api.ts';
import { BurdenTable } from './burden-table.tsx';

/** People by name, as a roll call would list them: never by how much they entered. */
const byName = new Intl.Collator('zh-CN').compare;

/**
 * /burden — the burden meter: what the check-in screen asked of each unit (and, for a chosen unit, each person) in
 * a week, so the office can see and cut it. Units in the unit tree's order, people by name: not a ranking.
 */
export function BurdenPage() {
  const { t } = useTranslation();
  const [week, setWeek] = useWeekParam();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const burden = useBurden(week, unitId);
  const weekName = useWeekLabel()(week).name;
  const overseen = useOverseenUnits();
  const people = useMemo(() => [...(burden.data?.people ?? [])].sort((a, b) => byName(a.name, b.name)), [burden.data]);
  const unitName =
    burden.data?.units.find((u) => u.id === unitId)?.name ?? overseen.units.find((u) => u.id === unitId)?.name;

  const unitHref = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('unitId', id);
    else next.delete('unitId');
    return `/burden?${next.toString()}`;
  };
  const openUnit = (row: TBurdenRow) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('unitId', row.id);
      return next;
    });

  const units = burden.data?.units ?? [];
  // A chosen unit's own row says no more than its people's totals: the unit table then shows only its sub-units.
  const showUnits = !unitId || units.length > 1;
  return (
    <>
      <PageHeader title={t('burden.title')} />
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="burden-explain">
          <InfoCircleOutlined /> {t('burden.explain')}
        </Typography.Paragraph>
        <Card size="small">
          <Flex justify="space-between" align="center" gap={12} wrap>
            <WeekPicker week={week} onChange={setWeek} />
            {unitId ? (
              <Link to={unitHref(undefined)} data-testid="burden-all-units">
                <ArrowLeftOutlined /> {t('burden.allUnits')}
              </Link>
            ) : null}
          </Flex>
        </Card>
        {burden.isError && !burden.data ? (
          <LoadError error={burden.error} onRetry={() => void burden.refetch()} />
        ) : (
          <>
            {showUnits ? (
              <Card size="small" title={unitId ? t('burden.subUnits', { unit: unitName ?? '' }) : t('burden.units')}>
                <BurdenTable
                  rows={units}
                  kind="unit"
                  testId="burden-units"
                  weekName={weekName}
                  renderName={(row) => <Link to={unitHref(row.id)}>{row.name}</Link>}
                  onRowClick={openUnit}
                />
              </Card>
            ) : null}
            {unitId ? (
              <Card
                size="small"
                title={t('burden.peopleOf', { unit: unitName ?? '' })}
                extra={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('burden.byName')}
                  </Typography.Text>
                }
              >
                <BurdenTable rows={people} kind="person" testId="burden-people" weekName={weekName} />
              </Card>
            ) : null}
          </>
        )}
      </Flex>
    </>
  );
}
