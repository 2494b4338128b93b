import { ApartmentOutlined } from '@ant-design/icons';
import type { TAllocation, TTarget } from '@duban/domain';
import { Button, Card, Flex, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LightBadge } from '../../components/light-badge.tsx';
import { formatMeasured, monthName } from './target-format.ts';
import { AllocationDifference, PaceBar } from './target-parts.tsx';

/** The target's split across units (目标分解): each unit's amount, figure to date, pace and light; the sum below. */
export function AllocationsCard({
  target,
  onAllocate,
  onShowLight,
}: {
  target: TTarget;
  onAllocate: () => void;
  onShowLight: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().sm === false;
  const measured = (value: number | null) => formatMeasured(value, target.measure);
  const lightButton = (a: TAllocation) => (
    <Button
      type="text"
      size="small"
      onClick={() => onShowLight(a.unit.id)}
      title={t('targets.history.show', { unit: a.unit.name })}
      style={{ paddingInline: 0 }}
    >
      <LightBadge light={a.pace.light} />
    </Button>
  );
  const lastMonth = (a: TAllocation) =>
    a.lastMonth === null ? (
      <Typography.Text type="secondary">{t('targets.notReported')}</Typography.Text>
    ) : (
      <span style={{ whiteSpace: 'nowrap' }}>{monthName(a.lastMonth)}</span>
    );

  const columns: TableColumnsType<TAllocation> = [
    {
      title: t('targets.allocations.unit'),
      key: 'unit',
      render: (_v, a) => <span style={{ wordBreak: 'break-word' }}>{a.unit.name}</span>,
    },
    {
      title: t('targets.allocations.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, a) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{measured(a.amount)}</span>
      ),
    },
    {
      title: t('targets.allocations.actual'),
      key: 'actual',
      align: 'right',
      render: (_v, a) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="allocation-actual">
          {measured(a.pace.actual)}
        </span>
      ),
    },
    {
      title: t('targets.allocations.pace'),
      key: 'pace',
      width: 190,
      render: (_v, a) => <PaceBar pace={a.pace} direction={target.direction} width={170} />,
    },
    { title: t('targets.allocations.light'), key: 'light', render: (_v, a) => lightButton(a) },
    { title: t('targets.allocations.lastMonth'), key: 'lastMonth', render: (_v, a) => lastMonth(a) },
  ];
  const phoneColumns: TableColumnsType<TAllocation> = [
    {
      key: 'allocation',
      render: (_v, a) => (
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong style={{ wordBreak: 'break-word' }}>
              {a.unit.name}
            </Typography.Text>
            {lightButton(a)}
          </Flex>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.allocations.amount')} {measured(a.amount)}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 12 }} data-testid="allocation-actual">
              {t('targets.allocations.actual')} {measured(a.pace.actual)}
            </Typography.Text>
          </Flex>
          <PaceBar pace={a.pace} direction={target.direction} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('targets.allocations.lastMonth')}: {lastMonth(a)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('targets.allocations.title', { count: target.allocationCount })}
      extra={
        target.can.allocate ? (
          <Button size="small" icon={<ApartmentOutlined />} onClick={onAllocate} data-testid="target-allocate">
            {t('targets.allocate.open')}
          </Button>
        ) : null
      }
      data-testid="target-allocations"
    >
      <Flex vertical gap={8}>
        <Flex
          justify="space-between"
          align="center"
          gap={8}
          wrap
          style={{ padding: '8px 12px', background: '#f7f9fc', border: '1px solid #e5e9f0', borderRadius: 6 }}
          data-testid="allocations-sum"
        >
          <Typography.Text>
            {t('targets.allocate.sum', { allocated: measured(target.allocated), total: measured(target.total) })}
          </Typography.Text>
          <AllocationDifference difference={target.difference} measure={target.measure} />
        </Flex>
        <Table<TAllocation>
          size="small"
          rowKey="id"
          columns={isPhone ? phoneColumns : columns}
          showHeader={!isPhone}
          dataSource={target.allocations}
          pagination={false}
          scroll={isPhone ? undefined : { x: 'max-content' }}
          locale={{
            emptyText: target.can.allocate ? t('targets.allocations.emptyCanAllocate') : t('targets.noAllocations'),
          }}
          data-testid="allocations-table"
        />
      </Flex>
    </Card>
  );
}
